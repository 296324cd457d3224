"""Stored files (evidence, report PDFs) are reached only through views that check the reader's scope, with DEBUG
on as under scripts/run: MEDIA_URL serves nothing."""

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import clear_url_caches, reverse

from core.models import Attachment
from plans.models import Task
from tests.support.files import PNG

pytestmark = pytest.mark.django_db



@pytest.fixture
def debug_urls(settings):
    """The URL configuration as `scripts/run` builds it: with DEBUG on when danvan.urls is imported."""
    import danvan.urls

    settings.DEBUG = True
    importlib.reload(danvan.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(danvan.urls)
    clear_url_caches()


def _evidence(ward, plan):
    task = Task.objects.filter(plan=plan, lead_unit=ward.unit("ubnd"), recurrence="once").first()
    client = Client()
    client.force_login(ward.users["officer_ubnd"])
    client.post(reverse("plans:progress_add", args=[task.pk]),
                {"reported_on": "02/05/2024", "percent": 50, "note": "Có minh chứng",
                 "evidence": SimpleUploadedFile("anh.png", PNG)})
    return Attachment.objects.get()


def test_a_stored_file_is_not_served_from_media_url_with_debug_on(debug_urls, ward_a, plan_a, _media_root):
    from pathlib import Path

    attachment = _evidence(ward_a, plan_a)
    report_pdf = Path(_media_root, "reports", "bao-cao-quy-1-2026-hoa-binh.pdf")
    report_pdf.parent.mkdir(parents=True)
    report_pdf.write_bytes(b"%PDF-1.4 ton giao")

    anonymous = Client()
    assert anonymous.get(f"/media/{attachment.file.name}").status_code == 404
    assert anonymous.get("/media/reports/bao-cao-quy-1-2026-hoa-binh.pdf").status_code == 404
    # The access-checked view is the way in: not for the anonymous reader, yes for the bloc.
    assert anonymous.get(attachment.get_absolute_url()).status_code == 404
    bloc = Client()
    bloc.force_login(ward_a.users["bloc"])
    assert bloc.get(attachment.get_absolute_url()).status_code == 200
