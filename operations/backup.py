"""A full backup of the portal (database and uploaded files) and its restore onto an empty database.

A backup is a folder:

* ``database.json``: every row of every model (Django's serialisation with natural keys, so that content
  types and permissions, which ``migrate`` recreates with other ids, are referred to by name);
* ``media/``: a copy of every uploaded file (evidence, report PDFs);
* ``manifest.json``: when and from what it was made, the number of rows per model and the SHA-256 of each file.

The restore migrates the target database, refuses it unless it is empty, checks every file against its
checksum, loads the rows in one transaction, copies the files and compares the counts with the manifest.
"""

import hashlib
import json
import shutil
from pathlib import Path

from auditlog.context import disable_auditlog
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT_VERSION = 1
DATABASE_FILE = "database.json"
MANIFEST_FILE = "manifest.json"
MEDIA_DIR = "media"
# Rows that ``migrate`` creates by itself, or that mean nothing in another database.
NOT_BACKED_UP = ("contenttypes", "auth.permission", "sessions")


def _label(model):
    return model._meta.label_lower


def backed_up_models():
    """Every model with a table in this database (a model whose migration is not written yet has none)."""
    skipped = set(NOT_BACKED_UP)
    tables = set(connection.introspection.table_names())
    return [m for m in apps.get_models()
            if m._meta.app_label not in skipped and _label(m) not in skipped and not m._meta.proxy
            and m._meta.managed and m._meta.db_table in tables]


def row_counts():
    return {_label(m): m._base_manager.count() for m in backed_up_models()}


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root):
    root = Path(root)
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def backup(directory, stdout=None):
    """Write a full backup into ``directory`` (created if missing, refused if it already holds a backup)."""
    directory = Path(directory)
    if (directory / MANIFEST_FILE).exists():
        raise CommandError(_("Thư mục %(dir)s đã có một bản sao lưu; hãy chọn thư mục khác.") % {"dir": directory})
    directory.mkdir(parents=True, exist_ok=True)
    # One snapshot: the counts, the rows and the list of files are read in the same transaction.
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        counts = row_counts()
        call_command(
            "dumpdata", *[_label(m) for m in backed_up_models()], natural_foreign=True, natural_primary=True,
            output=str(directory / DATABASE_FILE), verbosity=0,
        )
    media_root = Path(settings.MEDIA_ROOT)
    files = {}
    for path in media_files(media_root):
        relative = path.relative_to(media_root).as_posix()
        target = directory / MEDIA_DIR / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        files[relative] = {"sha256": sha256(target), "size": target.stat().st_size}
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "database_sha256": sha256(directory / DATABASE_FILE),
        "models": counts,
        "files": files,
    }
    (directory / MANIFEST_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    if stdout:
        stdout.write(_("Đã sao lưu %(rows)s dòng dữ liệu và %(files)s tệp vào %(dir)s.")
                     % {"rows": sum(counts.values()), "files": len(files), "dir": directory})
    return manifest


def read_manifest(directory):
    path = Path(directory) / MANIFEST_FILE
    if not path.exists():
        raise CommandError(_("Không tìm thấy %(file)s trong %(dir)s: đây không phải bản sao lưu của cổng.")
                           % {"file": MANIFEST_FILE, "dir": directory})
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise CommandError(_("Bản sao lưu có định dạng %(format)s, cổng này đọc định dạng %(expected)s.")
                           % {"format": manifest.get("format"), "expected": FORMAT_VERSION})
    return manifest


def verify_backup(directory, manifest):
    """Refuse a backup whose database file or uploaded files changed since it was written."""
    directory = Path(directory)
    broken = []
    if sha256(directory / DATABASE_FILE) != manifest["database_sha256"]:
        broken.append(DATABASE_FILE)
    for relative, entry in manifest["files"].items():
        path = directory / MEDIA_DIR / relative
        if not path.exists() or sha256(path) != entry["sha256"]:
            broken.append(relative)
    if broken:
        raise CommandError(_("Bản sao lưu bị hỏng hoặc thiếu tệp (sai mã SHA-256): %(files)s")
                           % {"files": ", ".join(broken[:10])})


def non_empty_models():
    return {label: count for label, count in row_counts().items() if count}


def restore(directory, stdout=None, migrate=True):
    """Restore a backup onto an empty database; returns the row counts after the restore."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    verify_backup(directory, manifest)
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)
    occupied = non_empty_models()
    if occupied:
        sample = ", ".join(f"{label} ({count})" for label, count in list(occupied.items())[:5])
        raise CommandError(_("Cơ sở dữ liệu đích không trống (%(sample)s). Chỉ phục hồi vào một cơ sở dữ liệu "
                             "mới, đã migrate và chưa có dữ liệu.") % {"sample": sample})
    media_root = Path(settings.MEDIA_ROOT)
    clashes = [rel for rel in manifest["files"] if (media_root / rel).exists()]
    if clashes:
        raise CommandError(_("Thư mục tệp tải lên đã có tệp trùng tên với bản sao lưu (%(file)s); hãy dùng thư mục "
                             "trống.") % {"file": clashes[0]})
    # Rows come back as they were: no audit entry for the restore itself (the backup holds the history).
    with transaction.atomic(), disable_auditlog():
        call_command("loaddata", str(directory / DATABASE_FILE), verbosity=0)
        counts = row_counts()
        expected = {label: count for label, count in manifest["models"].items() if label in counts}
        differences = {label: (expected[label], counts.get(label)) for label in expected
                       if expected[label] != counts.get(label)}
        if differences:
            raise CommandError(_("Số dòng sau khi phục hồi khác bản sao lưu: %(diff)s") % {"diff": differences})
    for relative in manifest["files"]:
        target = media_root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(directory / MEDIA_DIR / relative, target)
    if stdout:
        stdout.write(_("Đã phục hồi %(rows)s dòng dữ liệu và %(files)s tệp từ %(dir)s.")
                     % {"rows": sum(counts.values()), "files": len(manifest["files"]), "dir": directory})
    return counts
