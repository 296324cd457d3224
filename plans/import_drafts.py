"""Plans read from their documents wait as drafts on the server (PlanImportDraft) between the upload and the save.

Views and the beat task call these; the preview view only reads and corrects a draft.
"""

import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .importer import ImportLimits
from .importer.text import fold, squash
from .models import PlanImportDraft


def content_hash(data):
    """SHA-256 of the plan's normalised structure: its title and every group's and task's text, in lower case
    without diacritics and with one space between words. The same plan typed again, saved as Word instead of
    Markdown or with other line breaks has the same hash; proposals (units, titles) and corrections do not count."""

    def norm(text):
        return squash(fold(text or ""))

    structure = {
        "title": norm(data.get("title")),
        "areas": [
            {"title": norm(area.get("title")), "content": norm(area.get("content")),
             "tasks": [norm(task.get("description")) for task in area.get("tasks", [])]}
            for area in data.get("areas", [])
        ],
    }
    return hashlib.sha256(json.dumps(structure, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def delete_expired_drafts(now=None):
    """Delete every expired draft; the number deleted. Safe to run twice, and from two beats at once."""
    deleted = 0
    for draft in PlanImportDraft.objects.expired(now).only("pk").iterator(chunk_size=100):
        draft.delete()  # one by one: the history records each deletion
        deleted += 1
    return deleted


@transaction.atomic
def create_draft(owner, ward, name, content, result, limits=None):
    """Keep the import ``result`` of the file ``name`` (bytes ``content``) as ``owner``'s draft for ``ward``.
    Raises LimitExceeded when the preview is larger than ``PLAN_IMPORT_MAX_PREVIEW_BYTES``, before storing it."""
    limits = limits or ImportLimits.from_settings()
    lines = [line.to_data() for line in result.lines]
    limits.check_preview(len(json.dumps(result.data, ensure_ascii=False).encode())
                         + len(json.dumps(lines, ensure_ascii=False).encode()))
    delete_expired_drafts()
    return PlanImportDraft.objects.create(
        owner=owner, ward=ward, file_name=name[:255], file_hash=hashlib.sha256(content).hexdigest(),
        content_hash=content_hash(result.data), source_format=result.source_format, data=result.data, lines=lines,
        expires_at=timezone.now() + timedelta(hours=settings.PLAN_IMPORT_DRAFT_HOURS),
    )

