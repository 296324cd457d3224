"""In a real browser: the bloc uploads the plan as Word, corrects an unmatched unit in the preview, saves,
and reads the new plan with its tasks."""


import pytest

from plans.models import Plan, Task
from tests.support.browser import SCREENSHOTS, login
from tests.support.plans import seed_docx

pytestmark = pytest.mark.browser

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def screenshot(page, name):
    """Like the shared helper, with more time: the preview holds the whole plan's forms."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, timeout=90_000)


def test_bloc_imports_the_word_plan_and_corrects_an_unmatched_unit(page, live_server, ward_a):
    login(page, live_server, ward_a.users["bloc"])

    # From the plan list to the upload page.
    page.goto(f"{live_server.url}/ke-hoach/")
    page.get_by_role("link", name="Nhập kế hoạch từ văn bản").click()
    page.wait_for_url("**/ke-hoach/nhap/")
    page.set_input_files("#id_file", files=[{"name": "ke-hoach-dan-van-2024.docx", "mimeType": DOCX_TYPE,
                                             "buffer": seed_docx()}])
    with page.expect_navigation():
        page.get_by_role("button", name="Đọc văn bản và xem trước").click()

    # The preview: the proposal next to the source text, the unmatched unit marked.
    assert "/ke-hoach/nhap/" in page.url and page.locator("h1").inner_text() == "Xem trước kế hoạch nhập từ văn bản"
    assert page.locator("div.import-task").count() == 25
    flagged = page.locator("div.import-task", has=page.locator("mark", has_text="Ban Tổ chức Đảng ủy"))
    assert flagged.count() == 1
    assert "Không khớp đơn vị: “Ban Tổ chức Đảng ủy”" in flagged.inner_text()
    screenshot(page, "import-preview")
    assert Plan.objects.count() == 0

    # The official decides the Party Committee stands for its organisation board here.
    flagged.get_by_label(ward_a.ward.name, exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu kế hoạch").click()

    # The new plan's page, with its areas and tasks.
    plan = Plan.objects.get()
    assert page.url.endswith(plan.get_absolute_url())
    assert "Đã lưu kế hoạch" in page.locator("ul.messages").inner_text()
    assert page.locator("h1").inner_text() == plan.title
    assert page.locator("table.tasks > tbody > tr").count() == 25
    assert page.locator("table.tasks a", has_text="Chủ nhật xanh").count() == 1  # from limitation 1.3
    corrected = Task.objects.get(plan=plan, source="III.4.2 – ý 1")
    assert ward_a.ward in corrected.supporting_units.all()
    screenshot(page, "import-saved-plan")


def test_bloc_imports_the_same_plan_again_and_keeps_both_with_a_reason(page, live_server, ward_a, plan_a):
    """The ward already has the seed plan: the preview of the same plan as Word says so, and the save asks for a
    choice, then for the reason to keep both."""
    login(page, live_server, ward_a.users["bloc"])
    page.goto(f"{live_server.url}/ke-hoach/nhap/")
    page.set_input_files("#id_file", files=[{"name": "ke-hoach-dan-van-2024.docx", "mimeType": DOCX_TYPE,
                                             "buffer": seed_docx()}])
    with page.expect_navigation():
        page.get_by_role("button", name="Đọc văn bản và xem trước").click()

    flagged = page.locator("section#trung-lap")
    assert "Kế hoạch này có thể đã được lưu" in flagged.inner_text()
    assert "cùng nội dung (trích yếu, nhóm nhiệm vụ và nhiệm vụ)" in flagged.inner_text()
    screenshot(page, "import-preview-duplicate")

    # Saved without a choice: refused, and nothing is saved.
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu kế hoạch").click()
    assert "Chưa lưu: kế hoạch này trùng với kế hoạch đã lưu" in page.locator("main").inner_text()
    assert Plan.objects.count() == 1

    # Keep both, first without a reason, then with one.
    page.get_by_label("Giữ cả hai kế hoạch (ghi lý do)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu kế hoạch").click()
    assert "Hãy ghi lý do giữ cả hai kế hoạch." in page.locator("main").inner_text()
    page.get_by_label("Giữ cả hai kế hoạch (ghi lý do)").check()
    page.get_by_label("Lý do giữ cả hai kế hoạch").fill("Bản nhập lại để đối chiếu với bản đã duyệt")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu kế hoạch").click()

    new = Plan.objects.exclude(pk=plan_a.pk).get()
    assert page.url.endswith(new.get_absolute_url())
    assert (new.duplicate_of, new.duplicate_reason) == (plan_a, "Bản nhập lại để đối chiếu với bản đã duyệt")
