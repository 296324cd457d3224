"""Evidence files: accepted by content, refused when too large or of the wrong type, served to the scope only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Attachment
from plans.models import ProgressUpdate, Task
from tests.support.files import PDF, PNG

pytestmark = pytest.mark.django_db



def _own_task(ward, plan):
    return Task.objects.filter(plan=plan, lead_unit=ward.unit("ubnd"), recurrence="once").first()


def _post(client, task, upload):
    return client.post(
        reverse("plans:progress_add", args=[task.pk]),
        {"reported_on": "02/05/2024", "percent": 50, "note": "Có minh chứng", "evidence": upload},
    )


def test_pdf_and_png_evidence_are_stored_with_the_update(ward_a, plan_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    task = _own_task(ward_a, plan_a)
    response = client.post(
        reverse("plans:progress_add", args=[task.pk]),
        {"reported_on": "02/05/2024", "percent": 50, "note": "Có minh chứng",
         "evidence": [SimpleUploadedFile("bien-ban.pdf", PDF), SimpleUploadedFile("anh.png", PNG)]},
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(task=task)
    files = Attachment.for_object(update)
    assert sorted(f.mime_type for f in files) == ["application/pdf", "image/png"]
    page = client.get(task.get_absolute_url())
    assert "bien-ban.pdf" in page.content.decode()


def test_file_with_a_pdf_name_but_html_content_is_refused(ward_a, plan_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    task = _own_task(ward_a, plan_a)
    response = _post(client, task, SimpleUploadedFile("bao-cao.pdf", b"<html><script>alert(1)</script></html>"))
    assert response.status_code == 400
    assert "không đúng định dạng cho phép" in response.content.decode()
    assert not ProgressUpdate.objects.filter(task=task).exists()
    assert not Attachment.objects.exists()


def test_too_large_file_is_refused_and_nothing_is_saved(ward_a, plan_a, client_for, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client = client_for(ward_a.users["officer_ubnd"])
    task = _own_task(ward_a, plan_a)
    response = _post(client, task, SimpleUploadedFile("anh-lon.png", PNG + b"\x00" * 2048))
    assert response.status_code == 400
    assert "vượt quá giới hạn" in response.content.decode()
    assert not ProgressUpdate.objects.filter(task=task).exists()


def test_evidence_download_is_scoped(ward_a, ward_b, plan_a, client_for):
    task = _own_task(ward_a, plan_a)
    _post(client_for(ward_a.users["officer_ubnd"]), task, SimpleUploadedFile("anh.png", PNG))
    attachment = Attachment.objects.get()
    url = attachment.get_absolute_url()
    assert client_for(ward_a.users["bloc"]).get(url).status_code == 200
    assert client_for(ward_a.users["officer_mttq"]).get(url).status_code == 404 or \
        ward_a.unit("mttq") in task.supporting_units.all()
    assert client_for(ward_b.users["bloc"]).get(url).status_code == 404


def test_office_document_needs_a_matching_extension():
    from core.validators import sniff_content_type

    assert sniff_content_type(b"PK\x03\x04rest", "ke-hoach.docx").endswith("wordprocessingml.document")
    assert sniff_content_type(b"PK\x03\x04rest", "archive.zip") is None
    assert sniff_content_type(b"MZ\x90\x00", "virus.pdf") is None
