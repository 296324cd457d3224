"""A group leader on a phone records a Green Sunday with a photo and sends a situation report; the bloc sees both."""

from datetime import timedelta

import pytest

from communitygroups.models import Activity, ActivityKind, SituationReport
from core import periods
from core.models import Attachment
from tests.support.browser import (
    DESKTOP,
    PHONE,
    horizontal_overflow,
    login,
    screenshot,
    small_png,
)
from tests.support.communitygroups import make_households, make_interfamily

pytestmark = pytest.mark.browser


def test_leader_records_green_sunday_and_report_on_a_phone_and_the_bloc_sees_both(new_page, live_server, ward_a,
                                                                                  groups_a):
    group = groups_a["tdp-1"]
    make_households(group, 6, interfamily=make_interfamily(group, "Tổ liên gia số 1"))
    leader = ward_a.users["group_leader"]
    now = periods.today()
    sunday = now - timedelta(days=(now.weekday() - 6) % 7)

    # Act 1: the leader, on a 390 x 844 phone, records last Sunday's cleanup with a photo.
    phone = new_page(PHONE)
    login(phone, live_server, leader)
    phone.goto(f"{live_server.url}/to-dan-van/")
    with phone.expect_navigation():
        phone.get_by_role("link", name="Ghi Chủ nhật xanh").first.click()
    assert horizontal_overflow(phone) == 0
    phone.fill("#id_held_on", sunday.strftime("%d/%m/%Y"))
    phone.fill("#id_place", "Ngõ 14 đường Lê Lợi")
    phone.fill("#id_participants", "27")
    phone.fill("#id_households_count", "19")
    phone.fill("#id_content", "Quét dọn ngõ 14, khơi thông cống rãnh, thu gom 6 bao rác")
    phone.set_input_files("#id_photos", files=[{"name": "chu-nhat-xanh.png", "mimeType": "image/png",
                                                "buffer": small_png()}])
    screenshot(phone, "communitygroups-phone-green-sunday-form")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Lưu").click()
    assert "Đã ghi nhận Chủ nhật xanh" in phone.locator(".messages").inner_text()
    assert phone.locator(".cg-photos img").count() == 1
    assert horizontal_overflow(phone) == 0

    # Act 2: the leader sends a situation report from the same phone.
    phone.goto(f"{live_server.url}/to-dan-van/")
    with phone.expect_navigation():
        phone.get_by_role("link", name="Gửi báo cáo tình hình").first.click()
    phone.select_option("#id_topic", "fraud")
    phone.select_option("#id_urgency", "soon")
    phone.fill("#id_title", "Cuộc gọi giả danh công an yêu cầu chuyển tiền")
    phone.fill("#id_place", "Ngõ 14 đường Lê Lợi")
    phone.fill("#id_description", "Ba hộ nhận cuộc gọi giả danh công an; tổ đã nhắc các hộ không chuyển tiền.")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Gửi báo cáo").click()
    assert "Đã gửi báo cáo" in phone.locator(".messages").inner_text()
    screenshot(phone, "communitygroups-phone-report-sent")
    assert horizontal_overflow(phone) == 0

    activity = Activity.objects.get()
    assert (activity.kind, activity.held_on, activity.group) == (ActivityKind.GREEN_SUNDAY, sunday, group)
    assert Attachment.for_object(activity).count() == 1
    report = SituationReport.objects.get()
    assert report.author == leader

    # Assert: the bloc sees both, and was told about the report.
    desk = new_page(DESKTOP)
    login(desk, live_server, ward_a.users["bloc"])
    desk.goto(f"{live_server.url}/hoat-dong-to-dan-van/?kind=green_sunday")
    assert "Ngõ 14 đường Lê Lợi" in desk.locator("main").inner_text()
    desk.goto(f"{live_server.url}/to-dan-van/chu-nhat-xanh/?thang={sunday:%Y-%m}")
    row = desk.locator("table.cg-grid tbody tr", has_text="Tổ dân phố số 1")
    assert row.locator("td.cg-held").count() == 1
    desk.goto(f"{live_server.url}/thong-bao/")
    assert "Cuộc gọi giả danh công an" in desk.locator("main").inner_text()
    desk.goto(f"{live_server.url}/nam-tinh-hinh/")
    with desk.expect_navigation():
        desk.get_by_role("link", name="Cuộc gọi giả danh công an yêu cầu chuyển tiền").click()
    assert "Ba hộ nhận cuộc gọi" in desk.locator("main").inner_text()
    screenshot(desk, "communitygroups-bloc-report")
    desk.goto(f"{live_server.url}{activity.get_absolute_url()}")
    assert desk.locator(".cg-photos img").count() == 1
