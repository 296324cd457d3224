"""The same plan imported twice (the same number and issuer, or the same content, whatever the file's format) is
flagged in the preview and is not saved again without a choice: replace the saved plan, only while nothing
records against it, or keep both with a reason that is stored."""

import pytest

from plans.models import Plan, PlanImportDraft, Task
from plans.services import record_progress
from tests.support.plans import (
    ANOTHER_YEAR,
    ANOTHER_YEAR_MARKDOWN_HEADER,
    SEED_TEXT,
    preview_form_data,
    seed_docx,
    stored_draft,
    upload_plan_file,
)

pytestmark = pytest.mark.django_db

FLAG = "Kế hoạch này có thể đã được lưu"


def import_plan(client, name, content, **choice):
    """Upload and save with what the preview proposes; ``choice``: the duplicate-… fields posted."""
    uploaded = upload_plan_file(client, name, content)
    assert uploaded.status_code == 302, uploaded.content.decode()
    post = preview_form_data(stored_draft())
    post.update({f"duplicate-{key}": value for key, value in choice.items()})
    return uploaded, client.post(uploaded["Location"], post)


@pytest.fixture
def bloc(ward_a, client_for):
    return client_for(ward_a.users["bloc"])


@pytest.fixture
def saved(bloc):
    """The seed plan, imported once from Markdown."""
    _uploaded, response = import_plan(bloc, "ke-hoach.md", SEED_TEXT.encode())
    assert response.status_code == 302
    return Plan.objects.get()


def test_the_first_import_is_not_flagged_and_keeps_the_documents_hash(bloc, saved):
    assert len(saved.content_hash) == 64 and saved.duplicate_of is None
    uploaded = upload_plan_file(bloc, "ke-hoach-khac.md", ANOTHER_YEAR.encode())
    assert FLAG not in bloc.get(uploaded["Location"]).content.decode()


def test_the_same_plan_again_as_word_is_flagged_and_not_saved_without_a_choice(bloc, saved):
    uploaded, response = import_plan(bloc, "ke-hoach-dan-van-2024.docx", seed_docx())

    html = response.content.decode()
    assert response.status_code == 400
    assert FLAG in html and "cùng nội dung (trích yếu, nhóm nhiệm vụ và nhiệm vụ)" in html
    assert f'href="{saved.get_absolute_url()}"' in html
    assert "Chưa lưu: kế hoạch này trùng với kế hoạch đã lưu" in html
    assert ("Kế hoạch này trùng với kế hoạch đã lưu: hãy chọn thay thế kế hoạch đã lưu hoặc giữ cả hai và ghi lý "
            "do.") in html
    assert Plan.objects.count() == 1 and PlanImportDraft.objects.count() == 1
    assert FLAG in bloc.get(uploaded["Location"]).content.decode()  # flagged before any save is tried


def test_keeping_both_needs_a_reason_which_is_stored(bloc, saved):
    _uploaded, without_reason = import_plan(bloc, "ke-hoach.md", SEED_TEXT.encode(), action="keep")
    assert without_reason.status_code == 400
    assert "Hãy ghi lý do giữ cả hai kế hoạch." in without_reason.content.decode()
    assert Plan.objects.count() == 1
    PlanImportDraft.objects.all().delete()

    _uploaded, kept = import_plan(bloc, "ke-hoach.md", SEED_TEXT.encode(), action="keep",
                                  reason="Bản sửa đổi theo góp ý của Ban Dân vận Thành ủy")

    new = Plan.objects.exclude(pk=saved.pk).get()
    assert kept.status_code == 302 and kept["Location"] == new.get_absolute_url()
    assert (new.duplicate_of, new.duplicate_reason) == (saved, "Bản sửa đổi theo góp ý của Ban Dân vận Thành ủy")
    assert Plan.objects.count() == 2


def test_replacing_a_plan_nothing_records_against(bloc, saved):
    _uploaded, replaced = import_plan(bloc, "ke-hoach.md", SEED_TEXT.encode(), action=f"replace-{saved.pk}")

    new = Plan.objects.get()
    assert replaced.status_code == 302 and replaced["Location"] == new.get_absolute_url()
    assert new.pk != saved.pk and new.tasks.count() == 25
    assert not Task.objects.exclude(plan=new).exists()
    assert not PlanImportDraft.objects.exists()


def test_a_plan_with_progress_recorded_is_not_replaced(ward_a, bloc, saved):
    task = saved.tasks.order_by("pk").first()
    record_progress(task, percent=50, note="Đã tổ chức tập huấn", author=ward_a.users["bloc"])

    uploaded = upload_plan_file(bloc, "ke-hoach.md", SEED_TEXT.encode())
    assert "Đã có 1 báo cáo tiến độ ghi theo kế hoạch này: không thay thế được." in \
        bloc.get(uploaded["Location"]).content.decode()
    post = {**preview_form_data(stored_draft()), "duplicate-action": f"replace-{saved.pk}"}
    response = bloc.post(uploaded["Location"], post)

    assert response.status_code == 400
    assert (f"Không thay thế được kế hoạch “{saved}”: đã có 1 báo cáo tiến độ ghi theo kế hoạch này. Hãy giữ cả hai "
            "kế hoạch và ghi lý do, hoặc hủy việc nhập.") in response.content.decode()
    assert list(Plan.objects.all()) == [saved] and saved.tasks.count() == 25
    assert PlanImportDraft.objects.count() == 1


def test_the_same_number_and_issuer_with_other_content_is_flagged(bloc):
    first = ANOTHER_YEAR_MARKDOWN_HEADER + ANOTHER_YEAR
    _uploaded, response = import_plan(bloc, "ke-hoach-21.md", first.encode())
    assert response.status_code == 302
    amended = first.replace("trong tháng 9/2025", "trong tháng 10/2025")

    uploaded = upload_plan_file(bloc, "ke-hoach-21-sua.md", amended.encode())

    html = bloc.get(uploaded["Location"]).content.decode()
    assert FLAG in html and "cùng số, ký hiệu và cơ quan ban hành" in html and "cùng nội dung" not in html


def test_another_wards_plan_is_not_a_duplicate(ward_b, client_for, saved):
    other = client_for(ward_b.users["bloc"])

    _uploaded, response = import_plan(other, "ke-hoach.md", SEED_TEXT.encode())

    assert response.status_code == 302
    assert Plan.objects.filter(ward=ward_b.ward).count() == 1


def test_a_plan_saved_before_imports_kept_a_hash_is_recognised_by_its_content(plan_a, bloc):
    """The demo ward's plan was loaded from the seed without the importer: its content is read from its tasks."""
    assert plan_a.content_hash == ""

    uploaded = upload_plan_file(bloc, "ke-hoach.docx", seed_docx())

    html = bloc.get(uploaded["Location"]).content.decode()
    assert FLAG in html and "cùng nội dung (trích yếu, nhóm nhiệm vụ và nhiệm vụ)" in html
    assert f'href="{plan_a.get_absolute_url()}"' in html
