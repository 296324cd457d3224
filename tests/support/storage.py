"""A storage backend for tests that is not the default one: files go to their own folder, and the names saved are
kept, so a test can tell the portal wrote through the configured storage (as it would to an S3 bucket)."""

from django.core.files.storage import FileSystemStorage


class RecordingStorage(FileSystemStorage):
    saved = []

    def _save(self, name, content):
        name = super()._save(name, content)
        RecordingStorage.saved.append(name)
        return name
