"""backup_portal and restore_portal: a restored database has the same rows per model and the same files."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from core.models import Attachment
from demo.factory import PDF_BYTES
from operations import backup as backup_module
from operations.management.commands.backup_portal import Command as BackupCommand
from operations.management.commands.restore_portal import Command as RestoreCommand
from plans.models import Task
from plans.services import record_progress
from tests.support.files import PNG


@pytest.fixture
def portal_with_files(plan_a, ward_a):
    task = Task.objects.filter(plan=plan_a, binding__isnull=True).order_by("pk").first()  # progress typed by hand
    files = [SimpleUploadedFile("bien-ban-hop.pdf", PDF_BYTES), SimpleUploadedFile("anh-chu-nhat-xanh.png", PNG)]
    record_progress(task, percent=60, note="Đã tổ chức ra quân Chủ nhật xanh.", files=files,
                    author=ward_a.users["officer_ubnd"], unit=ward_a.units["ubnd"])
    return task


@pytest.mark.django_db(transaction=True)
def test_restore_onto_an_empty_database_gives_the_same_rows_and_files(portal_with_files, tmp_path, settings):
    target = tmp_path / "sao-luu"
    call_command(BackupCommand(), str(target), stdout=io.StringIO())
    manifest = backup_module.read_manifest(target)
    before = backup_module.row_counts()
    checksums = {rel: entry["sha256"] for rel, entry in manifest["files"].items()}
    assert len(checksums) == 2 and before["plans.task"] > 0 and before["auditlog.logentry"] > 0

    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = str(tmp_path / "media-moi")
    assert backup_module.non_empty_models() == {}
    call_command(RestoreCommand(), str(target), stdout=io.StringIO())

    after = backup_module.row_counts()
    assert {label: after.get(label) for label in before} == before
    assert not any(after[label] for label in set(after) - set(before))
    restored = {a.file.name: backup_module.sha256(a.file.path) for a in Attachment.objects.all()}
    assert restored == checksums
    task = Task.objects.get(pk=portal_with_files.pk)
    assert task.latest_percent == 60 and task.lead_unit.ward.code == "phuong-a"


@pytest.mark.django_db
def test_restore_refuses_a_database_that_has_data(portal_with_files, tmp_path):
    target = tmp_path / "sao-luu"
    call_command(BackupCommand(), str(target), stdout=io.StringIO())

    with pytest.raises(CommandError, match="Cơ sở dữ liệu đích không trống"):
        call_command(RestoreCommand(), str(target), "--no-migrate", stdout=io.StringIO())


@pytest.mark.django_db
def test_restore_refuses_a_backup_whose_files_changed(portal_with_files, tmp_path):
    target = tmp_path / "sao-luu"
    call_command(BackupCommand(), str(target), stdout=io.StringIO())
    changed = next(Path(target / backup_module.MEDIA_DIR).rglob("*.png"))
    changed.write_bytes(PNG + b"sua")

    with pytest.raises(CommandError, match="SHA-256"):
        call_command(RestoreCommand(), str(target), "--no-migrate", stdout=io.StringIO())
