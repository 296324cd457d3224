"""Told what waits: the bloc submits the quarterly report, the Standing Committee finds it under "Việc chờ bạn" and
in its notifications, returns it with a comment, the bloc is told; approval asks for confirmation first."""

import pytest
from django.core import mail

from reports import services
from reports.models import QuarterlyReport, ReportStatus
from tests.support.browser import login, screenshot

pytestmark = pytest.mark.browser

COMMENT = "Bổ sung kết quả Chủ nhật xanh của các tổ dân phố."


def _submit(page, live_server, report):
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.get_by_role("button", name="Trình Ban Thường vụ").click()
    page.get_by_text("Đã trình báo cáo lên Ban Thường vụ.").wait_for()


def test_the_standing_committee_is_told_returns_with_a_comment_and_confirms_the_approval(
        page, new_page, live_server, ward_a, plan_a):
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    bloc, standing_user = ward_a.users["bloc"], ward_a.users["standing"]

    # The bloc writes and submits.
    login(page, live_server, bloc)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.get_by_label("Kết quả đạt được").fill("Các đơn vị đã xây dựng kế hoạch thực hiện trước ngày 10/3/2024.")
    page.get_by_role("button", name="Lưu nội dung").click()
    page.get_by_text("Đã lưu nội dung báo cáo.").wait_for()
    _submit(page, live_server, report)

    # The Standing Committee sees it waiting on its home page and in its notifications, by e-mail too.
    standing = new_page()
    login(standing, live_server, standing_user)
    waiting = standing.locator("#viec-cho-ban")
    waiting.get_by_role("heading", name="Việc chờ bạn").wait_for()
    assert waiting.get_by_role("link", name="Báo cáo quý 1/2024 chờ Ban Thường vụ phê duyệt").is_visible()
    assert standing.locator(".userbox .badge").inner_text().strip() == "1"
    standing.goto(f"{live_server.url}/thong-bao/")
    assert standing.get_by_role("link", name="Báo cáo quý 1/2024 chờ Ban Thường vụ phê duyệt").is_visible()
    assert [m.subject for m in mail.outbox if standing_user.email in m.to] == [
        "Báo cáo quý 1/2024 chờ Ban Thường vụ phê duyệt"]
    standing.goto(f"{live_server.url}/")
    waiting.get_by_role("link", name="Báo cáo quý 1/2024 chờ Ban Thường vụ phê duyệt").click()
    standing.get_by_role("button", name="Phê duyệt và ban hành").wait_for()
    screenshot(standing, "waiting-standing-report")

    # Approval asks first; cancelling leaves the report as it was.
    standing.get_by_role("button", name="Phê duyệt và ban hành").click()
    dialog = standing.get_by_role("alertdialog")
    dialog.wait_for()
    assert "không sửa và không trả lại được nữa" in dialog.inner_text()
    screenshot(standing, "waiting-approval-confirmation")
    dialog.get_by_role("button", name="Hủy").click()
    dialog.wait_for(state="hidden")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    # The return form opens below the buttons, not inside their row.
    row_box = standing.locator(".report-actions").bounding_box()
    standing.get_by_text("Trả lại cho Khối Dân vận chỉnh sửa").click()
    comment = standing.get_by_label("Ý kiến của Ban Thường vụ để Khối Dân vận chỉnh sửa")
    comment.wait_for()
    assert standing.locator(".report-actions").bounding_box() == row_box
    assert comment.bounding_box()["y"] > row_box["y"] + row_box["height"]
    comment.fill(COMMENT)
    standing.get_by_role("button", name="Trả lại", exact=True).click()
    standing.get_by_text("Đã trả lại báo cáo cho Khối Dân vận.").wait_for()

    # The bloc is told, with the comment, and finds the return first under "Việc chờ bạn".
    page.goto(f"{live_server.url}/")
    returned = page.locator("#viec-cho-ban .pending-fix")
    assert "Báo cáo quý 1/2024 bị Ban Thường vụ trả lại: chỉnh sửa và trình lại" in returned.inner_text()
    assert COMMENT in returned.inner_text()
    page.goto(f"{live_server.url}/thong-bao/")
    assert page.get_by_role("link", name="Ban Thường vụ trả lại báo cáo quý 1/2024 để chỉnh sửa").is_visible()
    assert COMMENT in page.locator("main").inner_text()
    assert any(COMMENT in m.body for m in mail.outbox if bloc.email in m.to)
    screenshot(page, "waiting-bloc-told-of-return")

    # Submitted again, approved after confirming.
    _submit(page, live_server, report)
    standing.goto(f"{live_server.url}{report.get_absolute_url()}")
    standing.get_by_role("button", name="Phê duyệt và ban hành").click()
    standing.get_by_role("alertdialog").get_by_role("button", name="Đồng ý, phê duyệt và ban hành").click()
    standing.get_by_text("Đã phê duyệt báo cáo số 01-BC/ĐU").wait_for()
    report = QuarterlyReport.objects.get(pk=report.pk)
    assert report.status == ReportStatus.APPROVED
    standing.goto(f"{live_server.url}/")
    assert "Không có việc nào đang chờ bạn." in standing.locator("#viec-cho-ban").inner_text()
