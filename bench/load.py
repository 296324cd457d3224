"""Pages under load: requests per second and latency of every main page with many users at once, each against the
trivial page measured in the same run (issue 19).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench .venv/bin/python bench/load.py \
        --base-url http://127.0.0.1:8001 --connections 16 --seconds 10 --output bench/load.md

The portal must be served the way production serves it (gunicorn, production settings, DEBUG off) on the
generated city (`manage.py generate_city`). wrk (Debian package `wrk`) drives the load: one C program with two
threads, so the load generator does not become the bottleneck of a 2-core machine the way a Python client would.
Each page is warmed up (``--warmup`` seconds, not counted: a gunicorn worker's first request loads templates and
caches), then loaded by 16 connections for ``--seconds`` with the session cookie of the user who would open it: a
ward's bloc for the ward pages, the city viewer for the city view. The trivial page (the login form: a template, no
query) is measured at the start and at the end; every page's rate is given as a share of their mean, and the table
says how far the two trivial runs differ, so a machine that was busy meanwhile shows. Target (issue 19): every main
page at least 25 % of the trivial page's rate.

The run ends with the public rating endpoint (a kiosk tablet POSTing one new rating per request, bench/rating.lua)
against a view that does nothing but one INSERT of a rating-sized row into the same table (bench/urls.py), in the
same run: target at least 80 % of that view's rate, with every accepted rating stored. The server must run with
``DJANGO_SETTINGS_MODULE=bench.settings`` and ``DANVAN_BENCH_NO_RATE_LIMIT=1`` for these two rows (the reference
views live there and the per-tablet limit would otherwise refuse a benchmark's flood).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Browser, machine_description, markdown_table, setup_django  # noqa: E402

TARGET_SHARE = 25  # % of the trivial page's rate
TARGET_RATING_SHARE = 80  # % of the one-INSERT view's rate
BENCH_DIR = Path(__file__).resolve().parent
TRIVIAL = ("Đăng nhập (trang tối giản: mẫu, không truy vấn)", "/dang-nhap/")

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def milliseconds(text):
    """wrk writes latencies as 812.00us, 4.21ms, 1.02s."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * _UNITS[match.group(2)] if match else None


def parse_wrk(output):
    """Requests/s, p50 and p99 (ms), requests and non-2xx/3xx answers from wrk's ``--latency`` output."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rate": float(rate.group(1)) if rate else 0.0,
        "p50": milliseconds(p50.group(1)) if p50 else None,
        "p99": milliseconds(p99.group(1)) if p99 else None,
        "requests": int(total.group(1)) if total else 0,
        "bad": int(bad.group(1)) if bad else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


def run_wrk(url, cookie, connections, seconds, threads=2, script=None, script_args=()):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", str(BENCH_DIR / script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)
    result = parse_wrk(done.stdout)
    accepted = re.search(r"Accepted: (\d+)", done.stdout)
    result["accepted"] = int(accepted.group(1)) if accepted else None
    return result


def rating_desks(ward_code):
    """The desk the rating endpoint is loaded on (with a kiosk token) and the desk of the one-INSERT view."""
    from organisations.models import Unit, UnitKind
    from satisfaction.models import KioskDevice, ServiceDesk

    ward = Unit.objects.get(code=ward_code)
    committee = Unit.objects.filter(ward=ward, kind=UnitKind.PEOPLES_COMMITTEE).first() or ward
    desk, _ = ServiceDesk.objects.get_or_create(unit=committee, name="Quầy đo tải")
    insert_desk, _ = ServiceDesk.objects.get_or_create(unit=committee, name="Quầy đo tải (INSERT)")
    if not KioskDevice.objects.filter(desk=insert_desk).exists():
        KioskDevice.issue(insert_desk, "Máy tính bảng của lệnh INSERT")
    _device, token = KioskDevice.issue(desk, "Máy tính bảng đo tải")
    return desk, token


def accepted_and_stored(folder):
    """The ratings the server answered as accepted (their ids, written by rating.lua) and how many of them are
    stored. A rating still in flight when wrk stopped may be stored without being counted as accepted: only lost
    ratings (accepted, not stored) are a failure."""
    from satisfaction.models import Rating

    ids = [line for path in Path(folder).glob("accepted-*.txt") for line in path.read_text().split()]
    stored = sum(Rating.objects.filter(client_id__in=ids[start:start + 5000]).count()
                 for start in range(0, len(ids), 5000))
    return len(ids), stored


def pages_to_measure(ward_code):
    """(title, path, who) of the main pages: who is "bloc" (the ward's bloc) or "city" (the city viewer)."""
    from django.urls import reverse

    from organisations.models import Unit
    from plans.models import Plan
    from reports.models import QuarterlyReport

    ward = Unit.objects.get(code=ward_code)
    plan = Plan.objects.filter(ward=ward).order_by("-starts_on").first()
    report = QuarterlyReport.objects.filter(ward=ward).order_by("-year", "-quarter").first()
    pages = [
        ("Trang chủ", reverse("home"), "bloc"),
        ("Kế hoạch", reverse("plans:plan_detail", args=[plan.pk]), "bloc"),
        ("Danh sách nhiệm vụ", reverse("plans:task_list"), "bloc"),
        ("Bảng điều hành phường", reverse("reports:dashboard"), "bloc"),
        ("Các phường (thành phố)", reverse("reports:city"), "city"),
        ("Hộ gia đình", reverse("communitygroups:household_list"), "bloc"),
        ("Kết quả đánh giá hài lòng", reverse("satisfaction:results"), "bloc"),
    ]
    if report is not None:
        pages.append(("Báo cáo quý", report.get_absolute_url(), "bloc"))
    else:
        pages.append(("Danh sách báo cáo quý", reverse("reports:report_list"), "bloc"))
    return pages


def cookie_of(browser):
    return "; ".join(f"{c.name}={c.value}" for c in browser.jar if c.name in ("sessionid", "csrftoken"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:8001")
    parser.add_argument("--ward", default="tt-p01", help="mã phường đo (dữ liệu của generate_city)")
    parser.add_argument("--city-user", default="tt-thanhpho")
    parser.add_argument("--password", default="DanVan@2024")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2,
                        help="giây chạy trước mỗi trang, không tính (mỗi tiến trình gunicorn nạp mẫu, bộ nhớ đệm)")
    parser.add_argument("--output", help="ghi bảng Markdown vào tệp này")
    parser.add_argument("--only", nargs="*", default=None, metavar="ĐƯỜNG_DẪN",
                        help="chỉ đo các trang này (mặc định: mọi trang chính); --only không kèm trang: chỉ đo điểm "
                             "nhận đánh giá")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("Cần wrk: sudo apt-get install wrk")
    setup_django()

    base = args.base_url.rstrip("/")
    cookies = {
        "bloc": cookie_of(Browser(base).login(f"{args.ward}.khoidv", args.password)),
        "city": cookie_of(Browser(base).login(args.city_user, args.password)),
    }
    def warm(url, cookie):
        if args.warmup:
            run_wrk(url, cookie, args.connections, args.warmup)

    warm(base + TRIVIAL[1], "")
    load_before = os.getloadavg()
    first = run_wrk(base + TRIVIAL[1], "", args.connections, args.seconds)
    measured = []
    for title, path, who in pages_to_measure(args.ward):
        if args.only is not None and path not in args.only:
            continue
        warm(base + path, cookies[who])
        result = run_wrk(base + path, cookies[who], args.connections, args.seconds)
        measured.append((title, path, who, result))
        print(f"{title}: {result['rate']:.1f} req/s, p50 {result['p50']} ms", file=sys.stderr)
    desk, token = rating_desks(args.ward)
    rating_url = f"{base}/danh-gia/{desk.public_code}/quay/gui/"
    # The one-INSERT view before and after the ratings, as the trivial page around the pages: its mean is the
    # reference, and a machine that changed pace meanwhile shows in the two rows.
    run_wrk(base + "/bench/insert/", "", args.connections, args.warmup, script="post.lua")
    inserted_before = run_wrk(base + "/bench/insert/", "", args.connections, args.seconds, script="post.lua")
    with tempfile.TemporaryDirectory() as folder:
        run_wrk(rating_url, "", args.connections, args.warmup, script="rating.lua", script_args=[token, folder])
        rated = run_wrk(rating_url, "", args.connections, args.seconds, script="rating.lua",
                        script_args=[token, folder])
        accepted, stored = accepted_and_stored(folder)
    inserted_after = run_wrk(base + "/bench/insert/", "", args.connections, args.seconds, script="post.lua")
    print(f"rating: {rated['rate']:.1f} req/s; one INSERT: {inserted_before['rate']:.1f} and "
          f"{inserted_after['rate']:.1f} req/s", file=sys.stderr)
    last = run_wrk(base + TRIVIAL[1], "", args.connections, args.seconds)
    load_after = os.getloadavg()

    trivial_rate = (first["rate"] + last["rate"]) / 2 or 1.0
    drift = abs(first["rate"] - last["rate"]) / trivial_rate * 100

    def line(title, path, who, result):
        share = result["rate"] / trivial_rate * 100
        failed = result["bad"] + result["socket_errors"]
        return [title, f"`{path}`", who, f"{result['rate']:.1f}", f"{result['p50']:.0f} ms" if result["p50"] else "–",
                f"{result['p99']:.0f} ms" if result["p99"] else "–", f"{share:.0f} %",
                "đạt" if share >= TARGET_SHARE and not failed else ("LỖI" if failed else "chưa đạt"),
                str(failed)]

    header = ["trang", "đường dẫn", "người dùng", "yêu cầu/giây", "p50", "p99", "so với trang tối giản",
              f"mục tiêu ≥ {TARGET_SHARE} %", "lỗi"]
    rows = [line(TRIVIAL[0] + " – đầu", TRIVIAL[1], "–", first)]
    rows += [line(*item) for item in measured]
    rows.append(line(TRIVIAL[0] + " – cuối", TRIVIAL[1], "–", last))
    insert_rate = (inserted_before["rate"] + inserted_after["rate"]) / 2 or 1.0
    rating_share = rated["rate"] / insert_rate * 100
    rating_ok = rating_share >= TARGET_RATING_SHARE and accepted == stored and not rated["bad"]

    def reference(when, inserted):
        return [f"Một lệnh INSERT dòng của một lượt đánh giá (tham chiếu) – {when}", "`/bench/insert/`",
                f"{inserted['rate']:.1f}", f"{inserted['p50']:.0f} ms", f"{inserted['p99']:.0f} ms",
                f"{inserted['rate'] / insert_rate * 100:.0f} %", "–", str(inserted["bad"] + inserted["socket_errors"])]

    rating_rows = [
        reference("đầu", inserted_before),
        ["Gửi một lượt đánh giá (máy tính bảng tại quầy)", "`/danh-gia/<mã quầy>/quay/gui/`", f"{rated['rate']:.1f}",
         f"{rated['p50']:.0f} ms", f"{rated['p99']:.0f} ms", f"{rating_share:.0f} %",
         ("đạt" if rating_ok else "chưa đạt") + f" (nhận {accepted}, đã lưu {stored} trong số đó)",
         str(rated["bad"] + rated["socket_errors"])],
        reference("cuối", inserted_after),
    ]
    rating_header = ["việc", "đường dẫn", "yêu cầu/giây", "p50", "p99", "so với một INSERT",
                     f"mục tiêu ≥ {TARGET_RATING_SHARE} %, lưu = nhận", "lỗi"]
    text = "\n".join([
        f"Đo lúc tải: {args.connections} kết nối đồng thời, {args.seconds} s mỗi trang (wrk).",
        f"Máy: {machine_description()}.",
        f"Tải máy trước/sau: {load_before[0]:.1f} / {load_after[0]:.1f}; hai lần đo trang tối giản lệch nhau "
        f"{drift:.0f} %.",
        "",
        markdown_table(header, rows),
        "",
        "Điểm nhận đánh giá so với một lệnh INSERT, cùng lần đo:",
        "",
        markdown_table(rating_header, rating_rows),
        "",
    ])
    print(text)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    missed = [row for row in rows if row[7] != "đạt"]
    return 1 if missed or not rating_ok else 0


if __name__ == "__main__":
    sys.exit(main())
