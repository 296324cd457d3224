"""Uploaded files go through the configured storage (the file system by default, an S3-compatible bucket with
DANVAN_MEDIA_STORAGE=s3): evidence is stored and served back through whatever STORAGES names."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core.models import Attachment
from plans.models import Task
from tests.support.files import PNG
from tests.support.storage import RecordingStorage

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_evidence_is_written_and_served_through_the_configured_storage(ward_a, plan_a, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "tests.support.storage.RecordingStorage", "OPTIONS": {"location": str(tmp_path)}}}
    RecordingStorage.saved.clear()
    task = Task.objects.filter(plan=plan_a, lead_unit=ward_a.unit("ubnd"), recurrence="once").first()
    officer = Client()
    officer.force_login(ward_a.users["officer_ubnd"])

    officer.post(reverse("plans:progress_add", args=[task.pk]), {
        "reported_on": "02/05/2024", "percent": 50, "note": "Có minh chứng",
        "evidence": SimpleUploadedFile("anh.png", PNG)})

    attachment = Attachment.objects.get()
    assert RecordingStorage.saved == [attachment.file.name]
    assert (tmp_path / attachment.file.name).read_bytes() == PNG
    bloc = Client()
    bloc.force_login(ward_a.users["bloc"])
    served = bloc.get(attachment.get_absolute_url())
    assert served.status_code == 200 and b"".join(served.streaming_content) == PNG


def _settings_with(**env):
    code = ("import django; django.setup(); from django.conf import settings; "
            "print(settings.STORAGES['default'])")
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "danvan.settings", **env}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)


def test_an_s3_bucket_is_chosen_from_the_environment():
    result = _settings_with(DANVAN_MEDIA_STORAGE="s3", DANVAN_S3_BUCKET="danvan-tinh-bac-ninh",
                            DANVAN_S3_ENDPOINT_URL="https://s3.example.vn")
    assert result.returncode == 0, result.stderr
    assert "storages.backends.s3.S3Storage" in result.stdout
    assert "danvan-tinh-bac-ninh" in result.stdout and "'default_acl': 'private'" in result.stdout

    default = _settings_with()
    assert "FileSystemStorage" in default.stdout


def test_an_unknown_storage_is_refused_in_vietnamese():
    result = _settings_with(DANVAN_MEDIA_STORAGE="ftp")
    assert result.returncode != 0 and "phải là 'filesystem' hoặc 's3'" in result.stderr
