"""A 10 MB upload to the plan importer: how long until it is refused, and how much memory it takes on the way.

    .venv/bin/python bench/import_limits.py [--output bench/import-limits.md]

Each case runs in a process of its own (``--case NAME``), so that one case's peak does not hide the next's:
the file is built first, then ``import_upload`` (what the upload view calls) reads it against the demo ward's
units with the settings' bounds. Measured: wall time, the process's peak resident memory (``ru_maxrss``,
Django and the file included, lxml's C allocations too) and the peak of Python allocations during the import
(``tracemalloc``, which slows Python code: the time is measured in a run without it). Target (issue 16):
refused within 10 s and 300 MB. No database is used.
"""

import argparse
import gc
import io
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BASE_DIR, machine_description, markdown_table  # noqa: E402

TARGET_SECONDS = 10.0
TARGET_MB = 300
SIZE = 10 * 1024 * 1024 - 4096  # just under the portal's upload limit (UPLOAD_MAX_BYTES, 10 MB)


def _seed_text():
    return (BASE_DIR / "plans" / "data" / "ke-hoach-dan-van-2024.md").read_text(encoding="utf-8")


def _repeat(text, size):
    """``text`` repeated to ``size`` bytes of UTF-8, not cut inside a character."""
    data = text.encode()
    return (data * (size // len(data) + 1))[:size].decode("utf-8", "ignore").encode()


def markdown_many_paragraphs():
    """The seed plan pasted into itself until the file is 10 MB: about 100,000 paragraphs."""
    return "ke-hoach.md", _repeat(_seed_text() + "\n\n", SIZE)


def markdown_few_long_paragraphs():
    """Ten paragraphs of 1 MB each: what took 66 s before the bounds."""
    paragraph = _repeat("UBND phường phối hợp với Khối Dân vận Đảng ủy tổ chức tập huấn hằng quý. ", SIZE // 10)
    return "ke-hoach.md", "## KẾ HOẠCH\n\n".encode() + b"\n\n".join([paragraph] * 10)


def text_one_line():
    """10 MB without a line break, tab-separated columns like a pasted header."""
    return "ke-hoach.txt", _repeat("ĐẢNG ỦY PHƯỜNG AN HÒA\t\tĐẢNG CỘNG SẢN VIỆT NAM\t", SIZE)


def docx_many_paragraphs():
    """A .docx of 10 MB of paragraphs that do not compress much (random letters, as scanned-and-recognised text
    can be): it passes the archive's ratio check and must be parsed to be counted."""
    import base64

    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    skeleton = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    xml = skeleton.read("word/document.xml").decode()
    head, tail = xml.split("<w:sectPr", 1)
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in skeleton.namelist():
            if name != "word/document.xml":
                archive.writestr(name, skeleton.read(name))
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head.encode())
            written = 0
            while written < SIZE * 1.58:  # base64 text with its tags compresses to about 0.63
                words = base64.b64encode(os.urandom(150)).decode()
                chunk = f"<w:p><w:r><w:t>Nhiệm vụ {words}</w:t></w:r></w:p>".encode()
                member.write(chunk)
                written += len(chunk)
            member.write(("<w:sectPr" + tail).encode())
    return "ke-hoach.docx", result.getvalue()


def docx_plan_with_a_large_picture():
    """The seed plan as Word with 10 MB of incompressible media: a real plan, read (not refused)."""
    from tests.support.plans import seed_docx

    original = zipfile.ZipFile(io.BytesIO(seed_docx()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in original.namelist():
            archive.writestr(name, original.read(name))
        archive.writestr("word/media/image1.png", os.urandom(SIZE - 60_000), compress_type=zipfile.ZIP_STORED)
    return "ke-hoach.docx", result.getvalue()


CASES = {
    "markdown, 100 000 đoạn": markdown_many_paragraphs,
    "markdown, 10 đoạn 1 MB": markdown_few_long_paragraphs,
    "văn bản thuần, một dòng 10 MB": text_one_line,
    "docx, đoạn văn nén tới 10 MB": docx_many_paragraphs,
    "docx, kế hoạch thật + ảnh 10 MB": docx_plan_with_a_large_picture,
}


def _peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def run_case(name, traced):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from plans.importer import UnitCatalogue, UnreadableFile, import_upload

    file_name, content = CASES[name]()
    catalogue = UnitCatalogue.demo()
    gc.collect()
    before_mb = _peak_rss_mb()
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        result = import_upload(file_name, content, catalogue)
        outcome = "read: {} tasks".format(sum(len(a["tasks"]) for a in result.data["areas"]))
    except UnreadableFile as exc:
        outcome = "refused: " + str(exc)[:90]
    seconds = time.perf_counter() - started
    traced_mb = tracemalloc.get_traced_memory()[1] / 1024 / 1024 if traced else None
    print(json.dumps({"case": name, "bytes": len(content), "seconds": seconds, "rss_before_mb": before_mb,
                      "rss_peak_mb": _peak_rss_mb(), "traced_peak_mb": traced_mb, "outcome": outcome}))


def measure(name, traced):
    output = subprocess.run([sys.executable, __file__, "--case", name] + (["--traced"] if traced else []),
                            capture_output=True, text=True, check=True, cwd=BASE_DIR)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case")
    parser.add_argument("--traced", action="store_true")
    parser.add_argument("--output")
    args = parser.parse_args()
    if args.case:
        run_case(args.case, args.traced)
        return 0
    rows, failed = [], False
    for name in CASES:
        timed = measure(name, traced=False)
        traced = measure(name, traced=True)
        refused = timed["outcome"].startswith("refused")
        within = timed["seconds"] <= TARGET_SECONDS and timed["rss_peak_mb"] <= TARGET_MB
        failed |= not within
        rows.append([name, f"{timed['bytes'] / 1024 / 1024:.1f} MB", f"{timed['seconds']:.2f} s",
                     f"{timed['rss_peak_mb']:.0f} MB (+{timed['rss_peak_mb'] - timed['rss_before_mb']:.0f})",
                     f"{traced['traced_peak_mb']:.0f} MB", timed["outcome"] if not refused else timed["outcome"][:60],
                     "yes" if within else "NO"])
    table = markdown_table(["case", "size", "time", "peak RSS (over the file built)", "peak Python allocations",
                            "outcome", f"≤ {TARGET_SECONDS:.0f} s and ≤ {TARGET_MB} MB"], rows)
    report = f"# Plan import, 10 MB uploads\n\n{machine_description()}\n\n{table}\n"
    print(report)
    if args.output:
        Path(args.output).write_text(report, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
