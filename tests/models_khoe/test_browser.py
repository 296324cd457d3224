"""The whole path of a "Dân vận khéo" model in a real browser, for the demo ward's roles: an officer registers,
the bloc returns it with a comment, the officer revises, the bloc approves, progress and indicators are entered,
three evaluators score, the ranking shows, the model is recognised, its certificate downloads as a PDF whose text
has the Vietnamese name with all its diacritics, and it appears on the public page."""

import subprocess
from decimal import Decimal

import pytest

from models_khoe.models import MobilizationModel, Status
from tests.support.browser import PHONE, horizontal_overflow, login, screenshot, small_png

pytestmark = pytest.mark.browser

NAME = "Dân vận khéo trong vận động 12 hộ hiến đất mở ngõ 7 đường Xương Giang"
ACHIEVEMENT = "12/12 hộ tự nguyện hiến 180 m² đất; ngõ 7 được mở rộng lên 4 m, dài 150 m."


def squash(text):
    return " ".join(text.split())


def fill_registration(page):
    page.select_option("#id_field", "economy")
    page.fill("#id_responsible_name", "Lê Văn Chính")
    page.fill("#id_responsible_position", "Chủ tịch UBND phường")
    page.fill("#id_name", NAME)
    page.fill("#id_situation", "Ngõ 7 hẹp 2 m, xe cứu thương không vào được; 12 hộ có đất trong chỉ giới.")
    page.fill("#id_objectives", "Mở rộng ngõ 7 lên 4 m trước 30/9/2024.")
    page.fill("#id_content_methods", "Tổ công tác gặp từng hộ; công khai phương án; người có uy tín vận động.")
    page.fill("#id_scope_beneficiaries", "Ngõ 7 đường Xương Giang, 56 hộ dân.")
    page.fill("#id_lead_force", "UBND phường")
    page.fill("#id_starts_on", "01/03/2024")
    page.fill("#id_evaluation_on", "30/09/2024")
    page.fill("#id_outputs", "Biên bản hiến đất của 12 hộ; biên bản nghiệm thu ngõ.")
    page.fill("#id_sustainability", "Đưa vào quy ước tổ dân phố; nhân rộng sang các ngõ khác.")
    page.fill("#id_ct-0-name", "Số hộ tự nguyện hiến đất")
    page.fill("#id_ct-0-unit_of_measure", "hộ")
    page.fill("#id_ct-0-baseline", "0")
    page.fill("#id_ct-0-target", "12")
    page.fill("#id_ct-0-method", "Đếm biên bản hiến đất.")


def submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()
        # Steps that cannot be undone (recognition) ask first in a dialog: its last button goes ahead.
        dialog = page.get_by_role("alertdialog")
        if dialog.count() and dialog.is_visible():
            dialog.get_by_role("button").last.click()


def test_a_model_from_registration_to_the_public_page(new_page, live_server, ward_a, plan_a, blocs_a, evaluators_a,
                                                     tmp_path):
    officer, bloc = ward_a.users["officer_ubnd"], ward_a.users["bloc"]

    # 1. The officer registers: first without a measurable indicator (refused), then with one.
    page = new_page()
    login(page, live_server, officer)
    page.locator("#mainnav").get_by_role("link", name="Dân vận khéo", exact=True).click()
    page.wait_for_url("**/dan-van-kheo/")
    page.get_by_role("link", name="+ Đăng ký mô hình, điển hình").click()
    fill_registration(page)
    for name in ("name", "unit_of_measure", "baseline", "target", "method"):
        page.fill(f"#id_ct-0-{name}", "")
    submit(page, "Gửi đăng ký")
    assert "Đăng ký chưa có chỉ tiêu đo lường được" in page.locator("main").inner_text()
    fill_registration(page)
    screenshot(page, "dvk-1-register")
    submit(page, "Gửi đăng ký")
    model = MobilizationModel.objects.get(name=NAME)
    assert page.url.endswith(model.get_absolute_url())
    assert "Chờ thẩm định" in page.locator("main").inner_text()

    # 2. The bloc returns it with a comment.
    bloc_page = new_page()
    login(bloc_page, live_server, bloc)
    bloc_page.goto(f"{live_server.url}{model.get_absolute_url()}")
    bloc_page.get_by_label("Trả lại để đơn vị chỉnh sửa").check()
    bloc_page.fill("#id_comments", "Ghi rõ cách đo: biên bản hiến đất có xác nhận của Tổ trưởng TDP.")
    submit(bloc_page, "Ghi kết quả thẩm định")
    assert "Trả lại để chỉnh sửa" in bloc_page.locator("main").inner_text()

    # 3. The officer reads the comment and revises.
    page.goto(f"{live_server.url}{model.get_absolute_url()}")
    assert "Ghi rõ cách đo: biên bản hiến đất có xác nhận của Tổ trưởng TDP." in page.locator("main").inner_text()
    page.get_by_role("link", name="Sửa đăng ký").click()
    page.fill("#id_ct-0-method", "Đếm biên bản hiến đất có xác nhận của Tổ trưởng tổ dân phố.")
    submit(page, "Gửi lại để thẩm định")
    assert "Chờ thẩm định" in page.locator("main").inner_text()
    page.get_by_role("link", name="Lịch sử đăng ký (2 lần gửi)").click()
    assert "chỉ tiêu đo lường" in page.locator("main").inner_text()

    # 4. The bloc approves: the model becomes a task of the plan's area 3.
    bloc_page.goto(f"{live_server.url}{model.get_absolute_url()}")
    bloc_page.get_by_label("Phê duyệt và giao nhiệm vụ cho đơn vị").check()
    submit(bloc_page, "Ghi kết quả thẩm định")
    assert "Đã phê duyệt" in bloc_page.locator("main").inner_text()
    model.refresh_from_db()
    assert model.task is not None

    # 5. The officer enters an indicator value and an activity with a photo.
    page.goto(f"{live_server.url}{model.get_absolute_url()}")
    page.select_option("#id_indicator", label="Số hộ tự nguyện hiến đất (hộ)")
    page.fill("#id_measured_on", "15/09/2024")
    page.fill("#id_value", "12")
    submit(page, "Lưu kết quả")
    assert "100% Đạt" in squash(page.locator("#chi-tieu").inner_text())
    page.locator("#hoat-dong summary").click()
    page.fill("#id_held_on", "10/05/2024")
    page.fill("#id_title", "Đối thoại với 12 hộ có đất trong chỉ giới")
    page.fill("#id_participants", "40")
    page.set_input_files("#id_evidence", files=[{"name": "doi-thoai.png", "mimeType": "image/png",
                                                 "buffer": small_png()}])
    submit(page, "Lưu hoạt động")
    assert "Đối thoại với 12 hộ có đất trong chỉ giới" in page.locator("#hoat-dong").inner_text()
    screenshot(page, "dvk-2-progress")

    # 6. Three evaluators score it from their to-do lists.
    for index, (evaluator, share) in enumerate(zip(evaluators_a, ("0.9", "0.8", "0.7"), strict=True)):
        evaluator_page = new_page(PHONE) if index == 2 else new_page()
        login(evaluator_page, live_server, evaluator)
        evaluator_page.goto(f"{live_server.url}/dan-van-kheo/viec-can-cham/")
        evaluator_page.get_by_role("link", name="Chấm điểm").first.click()
        for criterion in model.bloc.criteria.filter(is_active=True):
            evaluator_page.fill(f"#id_criterion_{criterion.pk}",
                                str((criterion.max_points * Decimal(share)).quantize(Decimal("0.1"))))
        evaluator_page.fill("#id_note", f"Ghi chú riêng của người chấm {index + 1}")
        if index == 2:
            screenshot(evaluator_page, "dvk-3-score-phone")
            assert horizontal_overflow(evaluator_page) == 0
        submit(evaluator_page, "Lưu phiếu chấm")
        assert "Không còn mô hình nào cần chấm." in evaluator_page.locator("main").inner_text()
    model.refresh_from_db()
    assert model.status == Status.EVALUATED

    # 7. The ranking shows it first in its bloc and field, with the average of the three.
    bloc_page.goto(f"{live_server.url}/dan-van-kheo/xep-hang/?nam=2024")
    group = bloc_page.locator("section.card", has_text="Khối chính quyền và lực lượng vũ trang · Kinh tế")
    first_row = group.locator("tbody tr").first
    assert squash(first_row.locator("td").nth(0).inner_text()) == "1"
    assert NAME in first_row.inner_text()
    assert "80,00" in first_row.inner_text()
    screenshot(bloc_page, "dvk-4-ranking")

    # 8. The bloc recognises it in October.
    bloc_page.goto(f"{live_server.url}{model.get_absolute_url()}")
    bloc_page.fill("#id_achievement", ACHIEVEMENT)
    bloc_page.get_by_label("Đề nghị Thành ủy biểu dương").check()
    submit(bloc_page, "Công nhận")
    assert "01-GCN/ĐU" in bloc_page.locator("#cong-nhan").inner_text()

    # 9. The certificate downloads as a PDF whose text has the name with all its diacritics.
    page.goto(f"{live_server.url}{model.get_absolute_url()}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Giấy chứng nhận (PDF)").click()
    pdf = tmp_path / "giay-chung-nhan.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    assert NAME in squash(text)
    assert "GIẤY CHỨNG NHẬN" in text

    # 10. It appears on the public page, without login, with its achievement and photo and nothing internal.
    public = new_page()
    public.goto(f"{live_server.url}/mo-hinh-tieu-bieu/")
    public.get_by_role("link", name=NAME).click()
    body = public.locator("main").inner_text()
    assert ACHIEVEMENT in body
    assert "Ghi chú riêng" not in body and "80,00" not in body and "Ghi rõ cách đo" not in body
    assert public.locator(".kheo-gallery img").count() == 1
    assert public.locator(".kheo-gallery img").evaluate("img => img.naturalWidth") > 0
    screenshot(public, "dvk-5-public")
