"""On a 390 x 844 phone, what the group leader taps is at least 44 px tall: buttons, fields, menu entries and
checkboxes (through the label that toggles them)."""

import pytest

from satisfaction.models import ServiceDesk
from satisfaction.services import settings_for
from tests.support.browser import PHONE, horizontal_overflow, login, screenshot
from tests.support.communitygroups import make_households, make_interfamily

pytestmark = pytest.mark.browser

MIN_TAP = 44

# Each tap target's height; a checkbox or radio counts with the label that toggles it.
TAP_HEIGHTS = """() => {
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
    && getComputedStyle(el).visibility !== 'hidden'; };
  const name = el => (el.id ? '#' + el.id : el.tagName.toLowerCase()) + ' '
    + (el.innerText || el.name || '').trim().slice(0, 30);
  const out = [];
  document.querySelectorAll(
    'main button, main .button, main input, main select, .mainnav a, .menu-toggle, .cg-subnav a')
    .forEach(el => {
      if (!visible(el) || el.type === 'hidden' || el.type === 'file') return;
      let height = el.getBoundingClientRect().height;
      if (el.type === 'checkbox' || el.type === 'radio') {
        const label = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
        if (label) height = Math.max(height, label.getBoundingClientRect().height);
      }
      out.push([name(el), Math.round(height)]);
    });
  return out;
}"""


def small_targets(page):
    return [(name, height) for name, height in page.evaluate(TAP_HEIGHTS) if height < MIN_TAP]


def test_the_leaders_buttons_fields_checkboxes_and_menu_are_big_enough_for_a_finger(new_page, live_server,
                                                                                     ward_a, groups_a):
    group = groups_a["tdp-1"]
    make_households(group, 3, interfamily=make_interfamily(group, "Tổ liên gia số 1"))
    household = group.households.first()
    phone = new_page(PHONE)
    login(phone, live_server, ward_a.users["group_leader"])

    phone.goto(f"{live_server.url}/to-dan-van/{group.pk}/")
    assert horizontal_overflow(phone) == 0
    screenshot(phone, "communitygroups-phone-leader-group")
    assert small_targets(phone) == []
    phone.locator(".menu-toggle").click()
    assert phone.locator(".mainnav a").nth(1).inner_text().strip() == "Tổ dân vận"
    assert small_targets(phone) == []
    screenshot(phone, "communitygroups-phone-leader-menu")

    phone.goto(f"{live_server.url}/ho-gia-dinh/{household.pk}/sua/")
    checkbox = phone.locator("#id_zalo_joined")
    assert checkbox.count() == 1 and small_targets(phone) == []
    # The 44 px row is the label: tapping it ticks the box.
    phone.locator("label[for=id_zalo_joined]").click()
    assert checkbox.is_checked()
    screenshot(phone, "communitygroups-phone-household-form")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Lưu").click()
    assert phone.locator(".messages").inner_text().strip() == f"Đã lưu “{household}”."

    phone.goto(f"{live_server.url}/hoat-dong-to-dan-van/them/?loai=green_sunday")
    assert phone.input_value("#id_participants") == ""
    assert small_targets(phone) == []


def test_the_desk_page_with_its_qr_code_on_a_phone(new_page, live_server, ward_a):
    settings_for(ward_a.ward)
    desk = ServiceDesk.objects.create(unit=ward_a.units["ubnd"], name="Quầy số 1 – Tư pháp, Hộ tịch")
    phone = new_page(PHONE)
    login(phone, live_server, ward_a.users["bloc"])

    phone.goto(f"{live_server.url}/hai-long/quay/{desk.pk}/")
    qr = phone.locator(".qr-figure svg.qr-code")
    assert qr.bounding_box()["width"] >= 150
    assert horizontal_overflow(phone) == 0
    screenshot(phone, "satisfaction-phone-desk")
    with phone.expect_navigation():
        phone.get_by_role("link", name="Trang in mã QR").click()
    assert phone.locator(".qr-poster svg.qr-code").bounding_box()["width"] >= 250
    phone.emulate_media(media="print")
    assert not phone.locator(".topbar").is_visible() and not phone.locator(".qr-poster-help").is_visible()
    screenshot(phone, "satisfaction-qr-poster-print")
