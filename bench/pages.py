"""Page times (median and 95th percentile) of the portal served by gunicorn, on the city-scale data set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench .venv/bin/python bench/pages.py \
        --base-url http://127.0.0.1:8001 --requests 40 --output bench/pages.md

Measured as a ward's bloc (khối dân vận) of the generated city: the home page, the plan page, the task list,
the ward dashboard and every other list of the portal; as the city viewer: the city dashboard. Targets
(issue 9): ward pages p95 < 250 ms, city dashboard < 1 s.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Browser, machine_description, markdown_table, setup_django, summary  # noqa: E402

WARD_TARGET_MS = 250
CITY_TARGET_MS = 1000


def pages_to_measure(ward_code):
    from django.urls import reverse

    from organisations.models import Unit
    from plans.models import Plan
    from tests.support import urlmap

    ward = Unit.objects.get(code=ward_code)
    plan = Plan.objects.filter(ward=ward).order_by("-starts_on").first()
    main = [("Trang chủ", reverse("home")), ("Kế hoạch", reverse("plans:plan_detail", args=[plan.pk])),
            ("Danh sách nhiệm vụ", reverse("plans:task_list")), ("Bảng điều hành phường", reverse("reports:dashboard"))]
    seen = {path for _title, path in main}
    lists = []
    for route in urlmap.list_routes():
        path = urlmap.path_for(route, {})
        if path not in seen and not route.is_api:
            seen.add(path)
            lists.append((str(route.model._meta.verbose_name_plural).capitalize(), path))
    return main, lists


def measure(browser, path, count, warmup=3):
    status = None
    for _n in range(warmup):
        status, _content, _ms = browser.request(path)
    if status != 200:
        return status, None
    times = []
    for _n in range(count):
        status, _content, ms = browser.request(path)
        if status != 200:
            return status, None
        times.append(ms)
    return 200, summary(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:8001")
    parser.add_argument("--ward", default="tt-p01", help="mã phường đo (dữ liệu của generate_city)")
    parser.add_argument("--password", default="DanVan@2024")
    parser.add_argument("--requests", type=int, default=40, help="số lần đo mỗi trang")
    parser.add_argument("--list-requests", type=int, default=15, help="số lần đo mỗi danh sách khác")
    parser.add_argument("--output", help="ghi bảng Markdown vào tệp này")
    args = parser.parse_args()
    setup_django()

    main_pages, lists = pages_to_measure(args.ward)
    rows = []
    users = {"bloc": Browser(args.base_url).login(f"{args.ward}.khoidv", args.password)}
    for title, path in main_pages:
        status, result = measure(users["bloc"], path, args.requests)
        rows.append(row(title, path, "khối dân vận", status, result, WARD_TARGET_MS))
    city = Browser(args.base_url).login("tt-thanhpho", args.password)
    status, result = measure(city, "/bang-dieu-hanh/cac-phuong/", args.requests)
    rows.append(row("Bảng điều hành thành phố (50 phường)", "/bang-dieu-hanh/cac-phuong/", "thành phố", status,
                    result, CITY_TARGET_MS))
    religion = Browser(args.base_url).login(f"{args.ward}.tongiao", args.password)
    for title, path in lists:
        status, result = measure(users["bloc"], path, args.list_requests)
        who = "khối dân vận"
        if status == 404:
            status, result = measure(religion, path, args.list_requests)
            who = "BCĐ tôn giáo"
        rows.append(row(title, path, who, status, result, WARD_TARGET_MS))

    table = markdown_table(["trang", "đường dẫn", "người dùng", "n", "p50 (ms)", "p95 (ms)", "max (ms)", "mục tiêu",
                            "đạt"], rows)
    text = f"Máy: {machine_description()}\n\n{table}\n"
    print(text)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")


def row(title, path, who, status, result, target):
    if result is None:
        return [title, f"`{path}`", who, 0, "—", "—", "—", f"p95 < {target}", f"HTTP {status}"]
    ok = "có" if result["p95"] < target else "**không**"
    return [title, f"`{path}`", who, result["n"], f"{result['p50']:.0f}", f"{result['p95']:.0f}",
            f"{result['max']:.0f}", f"p95 < {target}", ok]


if __name__ == "__main__":
    main()
