"""Uploaded files: what they are (by their content, not their name) and their lines.

A .docx is a zip holding word/document.xml; .md and .txt are UTF-8 text. Anything else, or a file whose
content does not match its name, is refused with a reason in Vietnamese, before anything is read.
"""

import io
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .lines import read_docx, read_text

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


def read_upload(name, data):
    """The lines of an uploaded plan. Raises UnreadableFile."""
    extension = _extension(name)
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise UnreadableFile(
            _("Tệp “%(name)s” dung lượng %(size)s, vượt quá giới hạn %(limit)s.")
            % {"name": name, "size": filesizeformat(len(data)), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
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
            return read_docx(data), "docx"
        except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds of errors on broken files
            raise UnreadableFile(
                _("Không đọc được nội dung văn bản Word “%(name)s” (%(error)s). Hãy mở tệp bằng Word, lưu lại "
                  "dưới dạng .docx rồi tải lên lại.") % {"name": name, "error": exc.__class__.__name__}
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
        return read_text(text, markdown=TEXT_EXTENSIONS[extension]), extension.lstrip(".")
    if extension == ".doc":
        raise UnreadableFile(
            _("Tệp “%(name)s” là định dạng Word 97–2003 (.doc), chưa đọc được. Hãy mở bằng Word và lưu "
              "thành .docx.") % {"name": name}
        )
    raise UnreadableFile(
        _("Tệp “%(name)s” không thuộc loại được nhận (%(accepted)s).") % {"name": name, "accepted": ACCEPTED}
    )


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
