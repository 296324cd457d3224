"""The first journeys through the portal in a real browser: read the plan, report progress, stay inside
one's ward, and use the menu on a phone."""

from datetime import timedelta

import pytest

from core import periods
from core.models import Attachment
from plans.models import AreaKind, ProgressUpdate, Recurrence, Task, TaskStatus
from plans.services import record_progress
from tests.support.browser import PHONE, horizontal_overflow, login, screenshot, small_png

pytestmark = pytest.mark.browser


def squash(text):
    return " ".join(text.split())


def test_bloc_reads_the_plan_with_its_six_areas_and_tasks(page, live_server, ward_a, plan_a):
    # Arrange: some progress, so that the page shows more than one status.
    tasks = list(Task.objects.filter(plan=plan_a, binding__isnull=True).order_by("area__order", "order", "pk"))
    record_progress(tasks[0], percent=100, note="Đã hoàn thành.", reported_on=periods.today())
    record_progress(tasks[1], percent=40, note="Đang triển khai.", reported_on=periods.today())
    areas = [a for a in plan_a.areas.order_by("order") if a.kind != AreaKind.IMPLEMENTATION]
    statuses = {t.pk: TaskStatus(t.status_code).label for t in Task.objects.filter(plan=plan_a).with_status()}

    # Act
    login(page, live_server, ward_a.users["bloc"])
    page.goto(f"{live_server.url}/ke-hoach/{plan_a.pk}/")
    screenshot(page, "journey-bloc-plan")

    # Assert: the six areas of section III with their titles, each task with its lead unit and status.
    assert len(areas) == 6
    assert page.locator("h1").inner_text() == plan_a.title
    seen_statuses = set()
    for area in areas:
        section = page.locator(f"section#area-{area.pk}")
        assert squash(section.locator("h2").inner_text()) == squash(f"{area.number}. {area.title}")
        area_tasks = list(area.tasks.select_related("lead_unit").order_by("order", "pk"))
        assert area_tasks, f"area {area.number} has no tasks"
        rows = section.locator("table.tasks > tbody > tr")
        assert rows.count() == len(area_tasks)
        for row, task in zip(rows.all(), area_tasks, strict=True):
            cells = row.locator("td")
            assert squash(cells.nth(0).inner_text()) == squash(task.title)
            assert cells.nth(1).inner_text().strip() == (task.lead_unit.short_name or task.lead_unit.name)
            assert cells.nth(4).inner_text().strip() == statuses[task.pk]
            seen_statuses.add(statuses[task.pk])
    assert TaskStatus.DONE.label in seen_statuses
    assert len(seen_statuses) >= 2


def test_officer_reports_progress_with_evidence(page, live_server, ward_a, plan_a):
    # Arrange
    officer = ward_a.users["officer_ubnd"]
    task = Task.objects.filter(
        plan=plan_a, lead_unit=ward_a.unit("ubnd"), recurrence=Recurrence.ONCE, area__kind=AreaKind.FRIENDLY_GOVERNMENT
    ).first()
    assert task is not None
    reported_on = periods.today() - timedelta(days=1)
    note = "Đã lắp bảng nhận diện Chính quyền thân thiện tại bộ phận một cửa."

    # Act: from the menu to the task list, then the task, then the progress form.
    login(page, live_server, officer)
    page.locator("#mainnav").get_by_role("link", name="Nhiệm vụ").click()
    page.wait_for_url("**/nhiem-vu/")
    screenshot(page, "journey-officer-task-list")
    page.get_by_role("link", name=task.title).click()
    page.wait_for_url(f"**/nhiem-vu/{task.pk}/")
    page.fill("#id_reported_on", reported_on.strftime("%d/%m/%Y"))
    page.fill("#id_percent", "60")
    page.fill("#id_note", note)
    page.set_input_files(
        "#id_evidence", files=[{"name": "bang-nhan-dien.png", "mimeType": "image/png", "buffer": small_png()}]
    )
    screenshot(page, "journey-officer-progress-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu báo cáo").click()
    screenshot(page, "journey-officer-progress-saved")

    # Assert: what the officer sees.
    assert page.url.endswith(f"/nhiem-vu/{task.pk}/")
    assert "Đã lưu báo cáo tiến độ." in page.locator("ul.messages").inner_text()
    timeline = page.locator("section.card", has=page.get_by_role("heading", name="Quá trình thực hiện"))
    entry = timeline.locator("ol.timeline > li").first
    entry_text = entry.inner_text()
    assert reported_on.strftime("%d/%m/%Y") in entry_text
    assert "60%" in entry_text
    assert note in entry_text
    evidence = entry.get_by_role("link", name="bang-nhan-dien.png")
    assert evidence.is_visible()
    history = page.locator("section#lich-su")
    assert history.get_by_role("heading", name="Lịch sử thay đổi").is_visible()
    # The evidence is served back to the officer as the image it is.
    download = page.request.get(evidence.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-type"] == "image/png"
    assert download.body() == small_png()
    # And what was stored.
    update = ProgressUpdate.objects.get(task=task)
    assert (update.percent, update.reported_on, update.author, update.note) == (60, reported_on, officer, note)
    assert Attachment.for_object(update).count() == 1


def test_officer_cannot_open_another_wards_task(page, live_server, ward_a, plan_a, plan_b):
    # Arrange
    other_task = Task.objects.filter(plan=plan_b).order_by("pk").first()

    # Act
    login(page, live_server, ward_a.users["officer_ubnd"])
    task_response = page.goto(f"{live_server.url}/nhiem-vu/{other_task.pk}/")
    screenshot(page, "journey-officer-other-ward-404")
    task_text = page.locator("main").inner_text()
    plan_response = page.goto(f"{live_server.url}/ke-hoach/{plan_b.pk}/")

    # Assert
    assert task_response.status == 404
    assert "Không tìm thấy trang" in task_text
    assert other_task.title not in task_text
    assert plan_response.status == 404


def test_phone_menu_opens_and_closes(phone_page, live_server, ward_a, plan_a):
    # Arrange
    page = phone_page
    login(page, live_server, ward_a.users["officer_ubnd"])
    toggle = page.get_by_role("button", name="Danh mục")
    nav = page.locator("#mainnav")

    # Act / Assert: hidden until asked for, then shown, then hidden again.
    assert toggle.is_visible()
    assert nav.is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"
    screenshot(page, "journey-phone-menu-closed")
    toggle.click()
    assert nav.is_visible()
    assert nav.get_by_role("link", name="Nhiệm vụ").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    screenshot(page, "journey-phone-menu-open")
    nav.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.wait_for_url("**/ke-hoach/")
    assert page.locator("#mainnav").is_hidden()
    toggle.click()
    toggle.click()
    assert nav.is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert nav.is_visible()
    page.keyboard.press("Escape")
    assert nav.is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert horizontal_overflow(page) == 0
    assert page.viewport_size == PHONE
