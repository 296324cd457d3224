"""The one upload validator of the portal: size limit and content type read from the content."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .spreadsheets import XLSX_CONTENT_TYPE

# Signatures of the evidence types the portal accepts, checked against the first bytes of the file.
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
)
_OFFICE_EXTENSIONS = {
    "application/zip": {".docx", ".xlsx", ".pptx", ".odt", ".ods"},
    "application/x-ole-storage": {".doc", ".xls", ".ppt"},
}
ALLOWED_DESCRIPTION = "PDF, JPG, PNG, GIF, WEBP, Word, Excel, PowerPoint"


def sniff_content_type(head: bytes, name: str = "") -> str | None:
    """The content type the bytes say they are, or None when the portal does not accept them."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            if content_type in _OFFICE_EXTENSIONS:
                extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
                if extension not in _OFFICE_EXTENSIONS[content_type]:
                    return None
                return {
                    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    ".xlsx": XLSX_CONTENT_TYPE,
                    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    ".odt": "application/vnd.oasis.opendocument.text",
                    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
                    ".doc": "application/msword",
                    ".xls": "application/vnd.ms-excel",
                    ".ppt": "application/vnd.ms-powerpoint",
                }[extension]
            return content_type
    return None


def validate_upload(uploaded):
    """Refuse files that are too large or whose content is not an accepted document or image."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” dung lượng %(size)s, vượt quá giới hạn %(limit)s.")
            % {"name": uploaded.name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(position)
    content_type = sniff_content_type(head, uploaded.name or "")
    if content_type is None:
        raise ValidationError(
            _("Tệp “%(name)s” không đúng định dạng cho phép (%(allowed)s).")
            % {"name": uploaded.name, "allowed": ALLOWED_DESCRIPTION},
            code="file_type",
        )
    return content_type
