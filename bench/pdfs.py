"""Quarterly report PDF times on the city-scale data set: one ward rendered in-process, then all wards
through Celery with two workers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench CELERY_BROKER_URL=redis://127.0.0.1:6379/14 \
        .venv/bin/python bench/pdfs.py --output bench/pdfs.md

Target (issue 9): one ward's PDF < 3 s. Without CELERY_BROKER_URL only the single-ward figure is measured.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BASE_DIR, machine_description, markdown_table, setup_django  # noqa: E402

ONE_WARD_TARGET_S = 3.0


def drafts(year, quarter, wards):
    from reports import services

    return [services.prepare_draft(ward.pk, year, quarter) for ward in wards]


def start_workers(count, queue):
    """``count`` Celery workers of one process each, on a queue of their own; returns the processes."""
    processes = []
    for number in range(count):
        log = open(f"/tmp/bench-worker-{number}.log", "wb")
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "danvan", "worker", "--concurrency=1", "-Q", queue,
             "-n", f"bench{number}-{queue}@%h", "--loglevel=WARNING", "--without-gossip", "--without-mingle",
             "--max-tasks-per-child=50"],
            cwd=BASE_DIR, env={**os.environ, "DATABASE_CONN_MAX_AGE": "0"}, stdout=log, stderr=subprocess.STDOUT,
        ))
    return processes


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ward", default="tt-p01")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--output")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.utils import timezone

    from organisations.models import Unit, UnitKind
    from reports import services
    from reports.models import PdfState, QuarterlyReport
    from reports.pdf import render_report_pdf

    year, quarter = services.next_due(timezone.localdate())
    ward = Unit.objects.get(code=args.ward)
    started = time.perf_counter()
    report = services.prepare_draft(ward.pk, year, quarter)
    draft_s = time.perf_counter() - started
    times, size = [], 0
    for _n in range(args.repeat):
        started = time.perf_counter()
        size = len(render_report_pdf(report))
        times.append(time.perf_counter() - started)
    one = statistics.median(times)
    rows = [["Dự thảo báo cáo quý một phường (số liệu 6 lĩnh vực)", "1", f"{draft_s:.2f}", "—", "—"],
            [f"PDF báo cáo quý một phường ({size // 1024} KB), trung vị {args.repeat} lần", "1", f"{one:.2f}",
             f"< {ONE_WARD_TARGET_S:.0f} s", "có" if one < ONE_WARD_TARGET_S else "**không**"]]

    wards = list(Unit.objects.filter(kind=UnitKind.WARD, parent=ward.parent).order_by("code"))
    started = time.perf_counter()
    drafts(year, quarter, wards)
    rows.append([f"Dự thảo của {len(wards)} phường (tuần tự, trong tiến trình)", str(len(wards)),
                 f"{time.perf_counter() - started:.1f}", "—", "—"])
    if settings.CELERY_TASK_ALWAYS_EAGER:
        print("Không có CELERY_BROKER_URL: bỏ qua phần đo qua Celery.", file=sys.stderr)
    else:
        from danvan.celery import app
        from reports.tasks import generate_report_pdf

        queue = f"bench-{uuid.uuid4().hex[:8]}"
        workers = start_workers(args.workers, queue)
        try:
            deadline = time.monotonic() + 60
            while len(app.control.ping(timeout=0.5) or []) < args.workers and time.monotonic() < deadline:
                time.sleep(0.5)
            reports = QuarterlyReport.objects.filter(ward__in=wards, year=year, quarter=quarter)
            reports.update(pdf="", pdf_state=PdfState.PENDING, pdf_checksum="")
            ids = list(reports.values_list("pk", flat=True))
            started = time.perf_counter()
            for report_id in ids:
                generate_report_pdf.apply_async(args=[report_id], queue=queue)
            while reports.filter(pdf_state=PdfState.READY).count() < len(ids):
                if reports.filter(pdf_state=PdfState.FAILED).exists():
                    raise SystemExit("Có PDF lỗi; xem /tmp/bench-worker-*.log")
                if time.perf_counter() - started > 1800:
                    raise SystemExit("Quá 30 phút.")
                time.sleep(0.5)
            total = time.perf_counter() - started
            rows.append([f"PDF của {len(ids)} phường qua Celery, {args.workers} worker", str(len(ids)),
                         f"{total:.1f}", "—", f"{len(ids) / total:.2f} PDF/s"])
        finally:
            for process in workers:
                process.terminate()
            for process in workers:
                process.wait(timeout=60)

    table = markdown_table(["việc", "số báo cáo", "thời gian (s)", "mục tiêu", "đạt / tốc độ"], rows)
    text = f"Máy: {machine_description()}\n\n{table}\n"
    print(text)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
