"""Uploaded files: what they are (by their content, not their name) and their lines.

A .docx is a zip holding word/document.xml; .md and .txt are UTF-8 text. Anything else, a file whose
content does not match its name, or a .docx that unpacks to too much (core.uploads, the portal's one upload
guard), is refused with a reason in Vietnamese, before anything is parsed.
"""

import io
import logging
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.uploads import check_archive, check_size

from .limits import ImportLimits, LimitExceeded
from .lines import TooLong, read_docx, read_text

logger = logging.getLogger(__name__)

TEXT_EXTENSIONS = {".md": True, ".markdown": True, ".txt": False}
DOCX = ".docx"
ACCEPTED = ".docx, .md, .txt"


class UnreadableFile(ValueError):
    """The file cannot be imported; ``str(error)`` says why, in Vietnamese."""


def _extension(name):
    return "." + name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def _describe(head):
    if head.startswith(b"%PDF-"):
        return _("tệp PDF")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _("tệp Word 97–2003 (.doc)")
    if head.startswith(b"PK\x03\x04"):
        return _("tệp nén (zip)")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return _("tệp ảnh")
    return _("tệp nhị phân")


def read_upload(name, data, limits=None):
    """The lines of an uploaded plan. Raises UnreadableFile."""
    limits = limits or ImportLimits.from_settings()
    try:
        lines, source_format = _read_upload(name, data, limits)
        limits.check_paragraphs(lines)  # before the structure is read
    except LimitExceeded as exc:
        raise UnreadableFile(str(exc)) from exc
    return lines, source_format


def _read_upload(name, data, limits):
    extension = _extension(name)
    try:
        check_size(name, len(data))
    except ValidationError as exc:
        raise UnreadableFile(exc.messages[0]) from exc
    if not data.strip():
        raise UnreadableFile(_("Tệp “%(name)s” rỗng: không có nội dung để đọc.") % {"name": name})
    head = data[:16]
    if extension == DOCX:
        if not head.startswith(b"PK\x03\x04"):
            raise UnreadableFile(
                _("Tệp “%(name)s” có đuôi .docx nhưng nội dung không phải văn bản Word (.docx) mà là %(what)s.")
                % {"name": name, "what": _describe(head) if not _is_text(data) else _("văn bản thuần")}
            )
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            names = set(archive.namelist())
        except zipfile.BadZipFile as exc:
            raise UnreadableFile(
                _("Tệp “%(name)s” bị hỏng: không mở được như một văn bản Word (.docx).") % {"name": name}
            ) from exc
        if "word/document.xml" not in names:
            raise UnreadableFile(
                _("Tệp “%(name)s” là tệp nén nhưng không phải văn bản Word: thiếu phần nội dung "
                  "word/document.xml.") % {"name": name}
            )
        try:
            check_archive(io.BytesIO(data), name, parsed=True)
        except ValidationError as exc:
            raise UnreadableFile(exc.messages[0]) from exc
        try:
            return read_docx(data), "docx"
        except TooLong as exc:
            raise UnreadableFile(_too_long(name, exc)) from exc
        except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds of errors on broken files
            # The error's class (XMLSyntaxError, KeyError …) means nothing to an official: the log keeps it.
            logger.warning("Unreadable .docx %r: %r", name, exc)
            raise UnreadableFile(
                _("Không đọc được nội dung văn bản Word “%(name)s”: tệp bị hỏng hoặc không được lưu đúng định dạng "
                  "Word. Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi tải lên lại.") % {"name": name}
            ) from exc
    if extension in TEXT_EXTENSIONS:
        if not _is_text(data):
            raise UnreadableFile(
                _("Tệp “%(name)s” có đuôi %(ext)s nhưng nội dung là %(what)s, không phải văn bản. "
                  "Văn bản Word hãy tải lên với đuôi .docx.")
                % {"name": name, "ext": extension, "what": _describe(head)}
            )
        text = _decode(data)
        if text is None:
            raise UnreadableFile(
                _("Tệp “%(name)s” không phải văn bản mã UTF-8 nên không đọc được tiếng Việt. Hãy lưu lại với "
                  "bảng mã UTF-8.") % {"name": name}
            )
        limits.check_characters(len(text))  # before a line is read
        try:
            return read_text(text, markdown=TEXT_EXTENSIONS[extension]), extension.lstrip(".")
        except TooLong as exc:
            raise UnreadableFile(_too_long(name, exc)) from exc
    if extension == ".doc":
        raise UnreadableFile(
            _("Tệp “%(name)s” là định dạng Word 97–2003 (.doc), chưa đọc được. Hãy mở bằng Word và lưu "
              "thành .docx.") % {"name": name}
        )
    raise UnreadableFile(
        _("Tệp “%(name)s” không thuộc loại được nhận (%(accepted)s).") % {"name": name, "accepted": ACCEPTED}
    )


def _too_long(name, exc):
    return _("Tệp “%(name)s” bị từ chối: văn bản dài hơn %(limit)s đoạn, không phải một kế hoạch. Hãy chỉ tải lên "
             "văn bản kế hoạch.") % {"name": name, "limit": exc.limit}


def _is_text(data):
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = data[:4096]
    return b"\x00" not in sample and not sample.startswith((b"PK\x03\x04", b"%PDF-"))


def _decode(data):
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
