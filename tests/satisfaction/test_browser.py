"""The kiosk page in headless Chromium: a rating reaches the results, and a rating queued while the server is
unreachable is delivered once when it is back."""

import time

import pytest

from satisfaction.models import KioskDevice, Rating, RatingReason, ServiceDesk
from satisfaction.services import ensure_default_reasons, settings_for
from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.browser

@pytest.fixture
def browser_page(new_page):
    """A desktop page of the shared harness, the size of the one-stop desk's tablet in landscape; it fails the test
    on any script error or CSP violation."""
    return new_page({"width": 1280, "height": 800})


@pytest.fixture
def kiosk(ward_a):
    settings_for(ward_a.ward)
    ensure_default_reasons(ward_a.ward)
    desk = ServiceDesk.objects.create(unit=ward_a.units["ubnd"], name="Quầy số 1 – Tư pháp, Hộ tịch")
    _device, token = KioskDevice.issue(desk, "Máy tính bảng quầy 1")
    return desk, token


def wait_for(condition, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def open_kiosk(page, desk, token):
    page.goto(f"/danh-gia/{desk.public_code}/quay/#kiosk={token}")
    page.locator("[data-step=level]").wait_for(state="visible")
    assert "#kiosk=" not in page.url  # the token leaves the address bar for localStorage


def rate(page, level_label, reason=None):
    page.locator("button.level", has_text=level_label).click()
    if reason:
        page.locator("button.chip", has_text=reason).click()
    page.locator("[data-send]").click()
    page.locator("[data-step=thanks]").wait_for(state="visible")


def test_a_rating_from_the_kiosk_shows_up_in_the_results(browser_page, live_server, kiosk, ward_a):
    desk, token = kiosk
    page = browser_page
    reason = RatingReason.objects.filter(ward=desk.ward).first()

    open_kiosk(page, desk, token)
    rate(page, "Rất hài lòng", reason.label)

    assert wait_for(lambda: Rating.objects.count() == 1)
    rating = Rating.objects.get()
    assert rating.level == "very_satisfied" and list(rating.reasons.all()) == [reason]
    # The thank-you screen resets itself for the next person.
    page.locator("[data-step=level]").wait_for(state="visible", timeout=12_000)

    page.goto("/dang-nhap/")
    page.fill("#id_username", ward_a.users["bloc"].username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    page.goto("/hai-long/?period=day")
    assert page.locator("#tile-total strong").inner_text() == "1"
    assert page.locator("#tile-index strong").inner_text() == "100,0%"
    assert desk.name in page.locator("#by-desk").inner_text()


def test_a_rating_queued_while_the_server_is_unreachable_is_delivered_once(browser_page, kiosk):
    desk, token = kiosk
    page = browser_page
    open_kiosk(page, desk, token)
    endpoint = f"**/danh-gia/{desk.public_code}/quay/gui/"
    page.route(endpoint, lambda route: route.abort("internetdisconnected"))

    rate(page, "Chưa hài lòng")

    page.locator("[data-queue-status]").filter(has_text="Đang chờ gửi: 1").wait_for()
    assert Rating.objects.count() == 0
    # Back on line, but the first answer is lost on the way: the server stored the rating, the tablet did not
    # hear it and sends it again. The server must keep one.
    lost = {"count": 0}

    def lose_first_answer(route):
        if lost["count"] == 0:
            lost["count"] += 1
            route.fetch()
            route.abort("connectionreset")
        else:
            route.continue_()

    page.unroute(endpoint)
    page.route(endpoint, lose_first_answer)
    page.evaluate("window.dispatchEvent(new Event('online'))")

    assert wait_for(lambda: page.get_attribute("#kiosk", "data-pending") == "0", timeout=20)
    assert lost["count"] == 1
    assert Rating.objects.count() == 1 and Rating.objects.get().level == "not_yet_satisfied"
    assert page.evaluate(f"localStorage.getItem('satisfaction-queue:{desk.public_code}')") == "[]"


def test_someone_walking_away_mid_way_is_reset_after_the_idle_time(browser_page, kiosk):
    desk, token = kiosk
    config = settings_for(desk.ward)
    config.idle_seconds = 2  # below the form's minimum, to keep the test short
    config.save()
    page = browser_page
    open_kiosk(page, desk, token)

    page.locator("button.level", has_text="Hài lòng").first.click()
    page.locator("[data-step=details]").wait_for(state="visible")
    page.locator("[data-step=level]").wait_for(state="visible", timeout=6_000)

    assert Rating.objects.count() == 0


def test_the_kiosk_page_without_a_token_says_so_and_sends_nothing(browser_page, kiosk):
    desk, _token = kiosk
    page = browser_page
    page.goto(f"/danh-gia/{desk.public_code}/quay/")
    assert "chưa được cấp phép" in page.locator("[data-step=blocked]").inner_text()


def test_the_kiosk_reloaded_while_offline_still_rates_and_each_rating_is_stored_once(browser_page, kiosk):
    desk, token = kiosk
    page = browser_page
    open_kiosk(page, desk, token)
    # The service worker has taken the page and its files into its cache.
    assert wait_for(lambda: page.evaluate(
        "caches.open('danvan-kiosk-v1').then(c => c.keys()).then(k => k.map(r => new URL(r.url).pathname))"
        ".then(p => p.includes(location.pathname) && p.some(x => x.endsWith('/kiosk.js'))"
        " && p.some(x => x.endsWith('/kiosk.css')))"))

    page.context.set_offline(True)
    page.reload()
    page.locator("[data-step=level]").wait_for(state="visible")
    assert page.locator("h1").inner_text() == desk.name
    # The kiosk's stylesheet came from the cache too: the faces are laid out, not a bare list of buttons.
    assert page.evaluate("getComputedStyle(document.querySelector('button.level')).cursor") == "pointer"

    rate(page, "Rất hài lòng")
    page.locator("[data-step=level]").wait_for(state="visible", timeout=12_000)
    rate(page, "Chưa hài lòng")
    page.locator("[data-queue-status]").filter(has_text="Đang chờ gửi: 2").wait_for()
    assert Rating.objects.count() == 0

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")  # a second flush must not store anything twice
    assert wait_for(lambda: page.get_attribute("#kiosk", "data-pending") == "0", timeout=20)
    time.sleep(1)
    assert sorted(Rating.objects.values_list("level", flat=True)) == ["not_yet_satisfied", "very_satisfied"]
    assert Rating.objects.values("client_id").distinct().count() == 2
