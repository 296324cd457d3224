"""The one guard for every file the portal reads: its size, and for a zip-based office file (.xlsx, .docx …)
what it unpacks to, judged before any parser (openpyxl, python-docx) opens it.

A zip "bomb" is a small file whose members unpack to hundreds of megabytes; parsing it ties a worker up for
minutes. The guard reads the archive's directory first (free: nothing is inflated) and refuses too many
members, a member or a total that declares too much, or a compression ratio no office program writes. It then
inflates every member in small chunks and counts what comes out: Python's zipfile never returns more than a
member declares and checks the CRC at its end, so a header that lies about its size is refused as damaged
here, and the parser, which reads through the same zipfile code, cannot inflate more than the checked
declaration either. Counting the markup ("<") on the way bounds how long the XML parse can take.
"""

import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .limits import SettingsLimits

_CHUNK = 64 * 1024
# A member this small cannot be a bomb whatever its ratio (empty sheets and styles compress very well).
_RATIO_FLOOR = 1024 * 1024
_SUPPORTED_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_INFLATE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError)
_RETRY = _("Hãy mở tệp bằng chương trình đã tạo ra nó (Word, Excel), bỏ phần không cần thiết hoặc chia thành "
           "nhiều tệp nhỏ hơn, lưu lại rồi tải lên lại.")


@dataclass(frozen=True)
class ArchiveLimits(SettingsLimits):
    """What an office file may unpack to; every value comes from a setting (see README)."""

    setting_names = {"total_bytes": "UPLOAD_UNPACKED_MAX_BYTES", "member_bytes": "UPLOAD_MEMBER_MAX_BYTES",
                     "members": "UPLOAD_MAX_MEMBERS", "ratio": "UPLOAD_MAX_RATIO", "xml_tags": "UPLOAD_XML_MAX_TAGS"}

    total_bytes: int
    member_bytes: int
    members: int
    ratio: int
    xml_tags: int


def check_size(name, size):
    """Refuse a file larger than the portal's one upload limit (``UPLOAD_MAX_BYTES``)."""
    limit = settings.UPLOAD_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” dung lượng %(size)s, vượt quá giới hạn %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def _too_large(name, detail):
    return ValidationError(
        _("Tệp “%(name)s” bị từ chối: nội dung giải nén quá lớn (%(detail)s). %(retry)s")
        % {"name": name, "detail": detail, "retry": _RETRY},
        code="archive_too_large",
    )


def _damaged(name, member):
    return ValidationError(
        _("Tệp “%(name)s” bị hỏng: phần “%(member)s” không giải nén đúng như tệp khai báo. Hãy mở tệp bằng Word "
          "hoặc Excel, lưu lại rồi tải lên lại.") % {"name": name, "member": member},
        code="archive_damaged",
    )


def check_archive(file, name, *, parsed=False, limits=None):
    """Refuse a zip-based file whose content would unpack to too much. ``file`` is a seekable binary file;
    its position is restored. ``parsed``: the portal is about to parse it (an import), so its markup is
    bounded too; evidence is only stored and downloaded. Raises ValidationError with a message in Vietnamese."""
    limits = limits or ArchiveLimits.from_settings()
    position = file.tell()
    try:
        file.seek(0, 2)
        packed_size = file.tell()
        file.seek(0)
        try:
            archive = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
            raise ValidationError(
                _("Tệp “%(name)s” bị hỏng: không mở được như một tệp Word/Excel. Hãy mở tệp bằng Word hoặc Excel, "
                  "lưu lại rồi tải lên lại.") % {"name": name},
                code="archive_damaged",
            ) from exc
        with archive:
            members = archive.infolist()
            _check_declared(name, members, packed_size, limits)
            _check_inflated(name, archive, members, limits.xml_tags if parsed else None)
    finally:
        file.seek(position)


def _check_declared(name, members, packed_size, limits):
    """Judge the sizes the archive's directory declares, before inflating a byte."""
    if len(members) > limits.members:
        raise _too_large(name, _("%(count)s phần bên trong, tối đa %(limit)s")
                         % {"count": len(members), "limit": limits.members})
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise ValidationError(
                _("Tệp “%(name)s” được đặt mật khẩu nên cổng không đọc được. Hãy bỏ mật khẩu rồi tải lên lại.")
                % {"name": name},
                code="archive_encrypted",
            )
        if member.compress_type not in _SUPPORTED_COMPRESSION:
            raise ValidationError(
                _("Tệp “%(name)s” dùng kiểu nén không thông dụng (phần “%(member)s”). Hãy mở tệp bằng Word hoặc "
                  "Excel, lưu lại rồi tải lên lại.") % {"name": name, "member": member.filename},
                code="archive_compression",
            )
        if member.file_size > limits.member_bytes:
            raise _too_large(name, _("phần “%(member)s” %(size)s, tối đa %(limit)s mỗi phần")
                             % {"member": member.filename, "size": filesizeformat(member.file_size),
                                "limit": filesizeformat(limits.member_bytes)})
        if member.file_size > _RATIO_FLOOR and member.file_size > limits.ratio * max(member.compress_size, 1):
            raise _too_large(name, _("phần “%(member)s” nén %(ratio)s lần, tối đa %(limit)s lần")
                             % {"member": member.filename, "ratio": member.file_size // max(member.compress_size, 1),
                                "limit": limits.ratio})
        total += member.file_size
        if total > limits.total_bytes:
            raise _too_large(name, _("hơn %(limit)s khi giải nén")
                             % {"limit": filesizeformat(limits.total_bytes)})
    if total > _RATIO_FLOOR and total > limits.ratio * max(packed_size, 1):
        raise _too_large(name, _("tệp nén %(ratio)s lần, tối đa %(limit)s lần")
                         % {"ratio": total // max(packed_size, 1), "limit": limits.ratio})


def _check_inflated(name, archive, members, max_tags):
    """Inflate every member in chunks: what comes out must be what the directory declared (zipfile stops at the
    declared size and checks the CRC), and the markup (when ``max_tags``) within what a parse handles quickly."""
    tags = 0
    for member in members:
        if member.is_dir():
            continue
        inflated = 0
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    inflated += len(chunk)
                    if max_tags is None:
                        continue
                    tags += chunk.count(b"<")
                    if tags > max_tags:
                        raise ValidationError(
                            _("Tệp “%(name)s” bị từ chối: nội dung quá dài để đọc (hơn %(limit)s thẻ). Hãy chia "
                              "thành nhiều tệp nhỏ hơn rồi tải lên lại.")
                            % {"name": name, "limit": f"{max_tags:,}".replace(",", ".")},
                            code="archive_too_long",
                        )
        except _INFLATE_ERRORS as exc:
            raise _damaged(name, member.filename) from exc
        if inflated != member.file_size:
            raise _damaged(name, member.filename)
