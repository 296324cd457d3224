"""The one upload validator of the portal: size limit, content type read from the content and, for office
files, what the archive unpacks to (core.uploads)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .spreadsheets import XLSX_CONTENT_TYPE
from .uploads import check_archive, check_size

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
# The extension a stored file gets: the one its content proves, never the one the uploader typed.
EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    XLSX_CONTENT_TYPE: ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.ms-powerpoint": ".ppt",
}
ZIP_BASED = {content_type for content_type, extension in EXTENSIONS.items()
             if extension in _OFFICE_EXTENSIONS["application/zip"]}


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
                return next(found for found, known in EXTENSIONS.items() if known == extension)
            return content_type
    return None


def validate_upload(uploaded, parsed=False):
    """Refuse files that are too large, whose content is not an accepted document or image, or (office files)
    that unpack to too much (``parsed``: also too much markup, for a file the portal is about to read).
    Returns the content type the content proves."""
    check_size(uploaded.name, uploaded.size)
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
    if content_type in ZIP_BASED:
        check_archive(uploaded, uploaded.name or "", parsed=parsed)
    return content_type


def validate_xlsx(uploaded, advice=""):
    """validate_upload for a field that takes an Excel workbook only (the imports): anything else is refused
    with one message, followed by ``advice`` (where to get the right file)."""
    try:
        content_type = validate_upload(uploaded, parsed=True)
    except ValidationError as exc:
        if exc.code != "file_type":
            raise
        content_type = None
    if content_type != XLSX_CONTENT_TYPE:
        message = _("Tệp “%(name)s” không phải bảng tính Excel .xlsx.") % {"name": uploaded.name}
        raise ValidationError(f"{message} {advice}".strip(), code="not_xlsx")
    return uploaded
