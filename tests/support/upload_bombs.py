"""Decompression bombs for the upload tests: real .xlsx/.docx files with one member that unpacks to a lot.

The big member is written in 1 MB chunks through zipfile's streaming writer at the fastest compression
level, so building a 100 MB bomb takes a fraction of a second and little memory; each bomb is built once.
"""

import io
import struct
import zipfile
from functools import lru_cache

MB = 1024 * 1024

XLSX_MEMBER = "xl/sharedStrings.xml"
DOCX_MEMBER = "word/document.xml"
_HEADS = {
    XLSX_MEMBER: (b'<?xml version="1.0" encoding="UTF-8"?>'
                  b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
                  b"<si><t>a</t></si>", b"</sst>"),
    DOCX_MEMBER: (b'<?xml version="1.0" encoding="UTF-8"?><w:document '
                  b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
                  b"<w:p><w:r><w:t>a</w:t></w:r></w:p>", b"</w:body></w:document>"),
}
_TYPES = {
    XLSX_MEMBER: b'<Override PartName="/xl/sharedStrings.xml" '
                 b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
    DOCX_MEMBER: b'<Override PartName="/word/document.xml" '
                 b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
}


@lru_cache
def xlsx_file():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Mã"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@lru_cache
def docx_file():
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def with_member(base, name, unpacked, level=1):
    """``base`` (an office file) with member ``name`` replaced by about ``unpacked`` bytes of repeated XML."""
    head, unit, tail = _HEADS[name]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for info in source.infolist():
            if info.filename == "[Content_Types].xml":
                archive.writestr(info.filename, _declare_type(source.read(info), name))
            elif info.filename != name:
                archive.writestr(info.filename, source.read(info))
        per_chunk = MB // len(unit)
        units = (unpacked - len(head) - len(tail)) // len(unit)
        with archive.open(name, "w") as member:
            member.write(head)
            while units > 0:
                member.write(unit * min(per_chunk, units))
                units -= per_chunk
            member.write(tail)
    return out.getvalue()


def _declare_type(content_types, name):
    """The content types with the member declared, so openpyxl and python-docx really read it."""
    if f'PartName="/{name}"'.encode() in content_types:
        return content_types
    return content_types.replace(b"</Types>", _TYPES[name] + b"</Types>")


@lru_cache
def xlsx_bomb(unpacked=100 * MB, level=1):
    """A workbook whose shared strings unpack to ``unpacked`` bytes (100 MB: about 0.65 MB sent)."""
    return with_member(xlsx_file(), XLSX_MEMBER, unpacked, level)


@lru_cache
def docx_bomb(unpacked=100 * MB, level=1):
    """A Word document whose body unpacks to ``unpacked`` bytes."""
    return with_member(docx_file(), DOCX_MEMBER, unpacked, level)


def declare_size(data, member, size):
    """``data`` with ``member``'s unpacked size in the local header and the central directory rewritten to
    ``size``: an archive whose header lies about what it unpacks to."""
    out = bytearray(data)
    encoded = member.encode()
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            if out[start + name_at:start + name_at + len(encoded)] == encoded:
                out[start + offset:start + offset + 4] = struct.pack("<I", size)
            start += 4
    return bytes(out)
