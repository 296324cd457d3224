"""The preview of an imported plan waits on the server as its owner's draft, not in the session: the address
carries the draft's id, nobody else opens it, it expires, and a long plan's preview is paged."""

import hashlib
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from plans.models import Plan, PlanImportDraft, Task
from plans.tasks import delete_expired_import_drafts
from tests.support.plans import SEED_TEXT, preview_form_data, upload_plan_file

pytestmark = pytest.mark.django_db

UPLOAD = reverse("plans:plan_import")


def page_post(draft, first, last, changes=None, page=None):
    """What a page of the preview posts (tasks ``first`` … ``last - 1`` of the draft), ``changes`` by source."""
    return preview_form_data({"data": draft.data}, changes, first=first, last=last, page=page)


def test_the_upload_keeps_the_preview_on_the_server_for_its_owner(ward_a, client_for):
    bloc = ward_a.users["bloc"]
    client = client_for(bloc)

    uploaded = upload_plan_file(client, "ke-hoach-dan-van-2024.md", SEED_TEXT.encode())

    draft = PlanImportDraft.objects.get()
    assert uploaded.status_code == 302 and uploaded["Location"] == f"/ke-hoach/nhap/{draft.pk}/"
    assert (draft.owner, draft.ward, draft.file_name, draft.source_format) == (
        bloc, ward_a.ward, "ke-hoach-dan-van-2024.md", "md")
    assert draft.file_hash == hashlib.sha256(SEED_TEXT.encode()).hexdigest()
    hours = (draft.expires_at - draft.created_at) / timedelta(hours=1)
    assert round(hours) == django_settings.PLAN_IMPORT_DRAFT_HOURS
    assert sum(len(area["tasks"]) for area in draft.data["areas"]) == 25
    # The session holds nothing of the plan: the page reads the draft.
    assert not any("plan" in key for key in client.session.keys())
    assert "Xem trước kế hoạch nhập từ văn bản" in client.get(uploaded["Location"]).content.decode()
    assert Plan.objects.count() == 0


@pytest.mark.parametrize("who", ["other_ward_bloc", "admin"])
def test_nobody_else_opens_a_draft(ward_a, ward_b, admin_user, client_for, who):
    owner = client_for(ward_a.users["bloc"])
    uploaded = upload_plan_file(owner, "ke-hoach.md", SEED_TEXT.encode())
    draft = PlanImportDraft.objects.get()
    other = client_for(ward_b.users["bloc"] if who == "other_ward_bloc" else admin_user)

    assert other.get(uploaded["Location"]).status_code == 404
    assert other.post(uploaded["Location"], page_post(draft, 0, 25)).status_code == 404
    assert Plan.objects.count() == 0 and PlanImportDraft.objects.count() == 1


def test_an_expired_draft_sends_back_to_the_upload_and_is_deleted(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    uploaded = upload_plan_file(client, "ke-hoach.md", SEED_TEXT.encode())
    PlanImportDraft.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(uploaded["Location"], follow=True)

    assert response.redirect_chain == [(UPLOAD, 302)]
    assert "Bản xem trước không còn hiệu lực. Vui lòng tải văn bản lên lại." in response.content.decode()
    assert not PlanImportDraft.objects.exists()


def test_expired_drafts_go_when_a_new_one_is_made_and_every_night(ward_a, ward_b, client_for):
    upload_plan_file(client_for(ward_a.users["bloc"]), "cu.md", SEED_TEXT.encode())
    upload_plan_file(client_for(ward_b.users["bloc"]), "cu.md", SEED_TEXT.encode())
    PlanImportDraft.objects.update(expires_at=timezone.now() - timedelta(hours=1))

    upload_plan_file(client_for(ward_a.users["bloc"]), "moi.md", SEED_TEXT.encode())
    assert list(PlanImportDraft.objects.values_list("file_name", flat=True)) == ["moi.md"]

    PlanImportDraft.objects.update(expires_at=timezone.now() - timedelta(hours=1))
    assert delete_expired_import_drafts.delay().get() == 1
    assert delete_expired_import_drafts.delay().get() == 0  # a second run (two beats) finds nothing
    assert "plans.tasks.delete_expired_import_drafts" in {
        entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}


def test_a_preview_larger_than_the_limit_is_not_kept(ward_a, client_for, settings):
    settings.PLAN_IMPORT_MAX_PREVIEW_BYTES = 50 * 1024
    client = client_for(ward_a.users["bloc"])

    response = upload_plan_file(client, "ke-hoach.md", SEED_TEXT.encode())

    assert response.status_code == 400
    assert "Bản xem trước của tệp này dài 70 KB, vượt giới hạn 50 KB." in response.content.decode()
    assert not PlanImportDraft.objects.exists()


def test_a_long_preview_is_paged_and_keeps_the_corrections_of_each_page(ward_a, client_for, settings):
    settings.PLAN_IMPORT_PREVIEW_PAGE_SIZE = 10
    client = client_for(ward_a.users["bloc"])
    url = upload_plan_file(client, "ke-hoach.md", SEED_TEXT.encode())["Location"]
    draft = PlanImportDraft.objects.get()
    sources = [task["source"] for area in draft.data["areas"] for task in area["tasks"]]

    first = client.get(url).content.decode()
    assert first.count('class="grid two import-task"') == 10
    assert "Trang 1/3: nhiệm vụ 1–10 trong 25." in first and 'name="page" value="3"' in first

    # Page 1: a title corrected and a task left out, then on to page 3.
    moved = client.post(url, page_post(draft, 0, 10, page=3, changes={
        sources[0]: {"title": "Quán triệt Quy chế công tác dân vận"}, sources[1]: {"include": False}}))
    assert moved.status_code == 302 and moved["Location"] == f"{url}?trang=3"
    third = client.get(moved["Location"]).content.decode()
    assert third.count('class="grid two import-task"') == 5 and "Trang 3/3: nhiệm vụ 21–25 trong 25." in third
    draft.refresh_from_db()
    assert Plan.objects.count() == 0

    # Saved from page 3: the corrections of page 1 are in the plan.
    saved = client.post(f"{url}?trang=3", page_post(draft, 20, 25))

    plan = Plan.objects.get()
    assert saved.status_code == 302 and saved["Location"] == plan.get_absolute_url()
    assert plan.tasks.count() == 24
    assert Task.objects.get(plan=plan, source=sources[0]).title == "Quán triệt Quy chế công tác dân vận"
    assert not Task.objects.filter(plan=plan, source=sources[1]).exists()
    assert not PlanImportDraft.objects.exists()


def test_a_task_left_invalid_on_another_page_stops_the_save_on_its_page(ward_a, client_for, settings):
    settings.PLAN_IMPORT_PREVIEW_PAGE_SIZE = 10
    client = client_for(ward_a.users["bloc"])
    url = upload_plan_file(client, "ke-hoach.md", SEED_TEXT.encode())["Location"]
    draft = PlanImportDraft.objects.get()
    weekly = draft.data["areas"][4]["tasks"][0]  # the 17th task: page 2
    weekly.update(recurrence="weekly")
    weekly.pop("recurrence_weekday", None)
    draft.save()

    response = client.post(url, page_post(draft, 0, 10))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Chưa lưu: trang 2 của bản xem trước còn nhiệm vụ chưa hợp lệ" in html
    assert "Trang 2/3: nhiệm vụ 11–20 trong 25." in html
    assert "Nhiệm vụ hằng tuần cần chọn thứ trong tuần." in html
    assert Plan.objects.count() == 0


def test_a_second_save_of_the_same_draft_saves_nothing_more(ward_a, client_for, monkeypatch):
    """A double click or a second tab: the first save deleted the draft while the second was on its way."""
    from plans.import_views import PlanImportPreviewView

    client = client_for(ward_a.users["bloc"])
    url = upload_plan_file(client, "ke-hoach.md", SEED_TEXT.encode())["Location"]
    draft = PlanImportDraft.objects.get()
    real = PlanImportPreviewView.corrected_data

    def saved_meanwhile(view):
        PlanImportDraft.objects.filter(pk=view.draft.pk).delete()
        return real(view)

    monkeypatch.setattr(PlanImportPreviewView, "corrected_data", saved_meanwhile)

    response = client.post(url, page_post(draft, 0, 25), follow=True)

    assert response.redirect_chain == [(reverse("plans:plan_list"), 302)]
    assert "Bản xem trước này đã được lưu hoặc đã hết hiệu lực." in response.content.decode()
    assert Plan.objects.count() == 0
