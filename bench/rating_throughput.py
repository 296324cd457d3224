"""Rating submissions per second on the public kiosk endpoint, against PostgreSQL, with gunicorn as in
production, compared with a trivial view's requests per second in the same run; then checks that the number of
stored ratings equals the number the server accepted.

    .venv/bin/python bench/rating_throughput.py [--seconds 20] [--concurrency 8] [--workers 3] [--port 8197]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/danvan_rating_bench (created and migrated when
missing). The load runs from separate processes over loopback; gunicorn runs `danvan.wsgi:application` with
DJANGO_ENV=production and the settings in bench/settings.py (the portal's, plus a trivial view and
rate limits raised so one machine can load one desk; the limiter itself still runs on every request).
Exits 1 when stored != accepted or a request failed.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/danvan_rating_bench"


def ensure_database(url):
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def django_env(url):
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DANVAN_BENCH_NO_RATE_LIMIT": "1",
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "PYTHONPATH": str(BASE_DIR),
    })
    env.pop("CACHE_URL", None)
    return env


def prepare(devices):
    """A ward, its People's Committee, one desk and one kiosk token per load process."""
    import django

    django.setup()
    from organisations.demo import create_ward
    from organisations.models import Unit, UnitKind
    from satisfaction.models import KioskDevice, Rating, ServiceDesk

    city = Unit.objects.filter(code="bench-city").first() or Unit.objects.create(
        code="bench-city", kind=UnitKind.CITY, name="Thành phố đo tải")
    units = create_ward(city, "bench-ward", "phường Đo Tải")
    desk = ServiceDesk.objects.filter(unit=units["ubnd"], name="Quầy đo tải").first() or ServiceDesk.objects.create(
        unit=units["ubnd"], name="Quầy đo tải")
    tokens = [KioskDevice.issue(desk, f"Máy đo tải {n}")[1] for n in range(devices)]
    return desk.public_code, tokens, Rating.objects.filter(desk=desk).count(), desk.pk


def stored_ratings(desk_id):
    from satisfaction.models import Rating

    return Rating.objects.filter(desk_id=desk_id).count()


def _load(args):
    """One load process: requests in a loop until the deadline, on a fresh connection each time (gunicorn's sync
    workers close it after every response)."""
    kind, port, path, token, deadline = args
    counts = {"ok": 0, "accepted": 0, "failed": 0}
    latencies = []
    while time.time() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        started = time.perf_counter()
        try:
            if kind == "rating":
                body = json.dumps({"device": token[:8], "ratings": [{"id": str(uuid.uuid4()), "level": "satisfied"}]})
                connection.request("POST", path, body=body, headers={
                    "Content-Type": "application/json", "X-Kiosk-Token": token, "Host": "127.0.0.1"})
            else:
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            payload = response.read()
            latencies.append((time.perf_counter() - started) * 1000)
            if response.status == 200:
                counts["ok"] += 1
                if kind == "rating":
                    counts["accepted"] += len(json.loads(payload).get("accepted", []))
            else:
                counts["failed"] += 1
        except OSError:
            counts["failed"] += 1
        finally:
            connection.close()
    return counts, latencies


def phase(kind, port, path, tokens, seconds, concurrency):
    deadline = time.time() + seconds
    jobs = [(kind, port, path, tokens[n % len(tokens)], deadline) for n in range(concurrency)]
    started = time.time()
    with multiprocessing.Pool(concurrency) as pool:
        results = pool.map(_load, jobs)
    elapsed = time.time() - started
    total = {"ok": 0, "accepted": 0, "failed": 0}
    latencies = []
    for counts, lat in results:
        for key in total:
            total[key] += counts[key]
        latencies += lat
    latencies.sort()
    return {
        "requests_per_s": round(total["ok"] / elapsed, 1),
        "ok": total["ok"], "accepted": total["accepted"], "failed": total["failed"],
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 1) if latencies else None,
        "seconds": round(elapsed, 1),
    }


def wait_ready(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/bench/trivial/", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn không sẵn sàng.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (docker-compose uses 3)")
    parser.add_argument("--port", type=int, default=8197)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    if not url.startswith("postgres"):
        raise SystemExit("Benchmark này đo trên PostgreSQL: DATABASE_URL phải là postgres://…")
    ensure_database(url)
    env = django_env(url)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_SECRET_KEY")})
    sys.path.insert(0, str(BASE_DIR))
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True)
    public_code, tokens, before, desk_id = prepare(args.concurrency)

    gunicorn = Path(python).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "danvan.wsgi:application", "--bind", f"127.0.0.1:{args.port}", "--workers",
         str(args.workers), "--timeout", "60", "--log-level", "warning"],
        cwd=BASE_DIR, env=env,
    )
    try:
        wait_ready(args.port)
        # Warm up: every worker loads the desk and the device tokens into its cache, the connections open.
        phase("rating", args.port, f"/danh-gia/{public_code}/quay/gui/", tokens, 2, args.concurrency)
        phase("trivial", args.port, "/bench/trivial/", tokens, 2, args.concurrency)
        warm = stored_ratings(desk_id) - before
        # Trivial view before and after the ratings, so a change of load on the machine shows.
        before_run = phase("trivial", args.port, "/bench/trivial/", tokens, args.seconds, args.concurrency)
        rating = phase("rating", args.port, f"/danh-gia/{public_code}/quay/gui/", tokens, args.seconds,
                       args.concurrency)
        after_run = phase("trivial", args.port, "/bench/trivial/", tokens, args.seconds, args.concurrency)
    finally:
        server.terminate()
        server.wait(30)
    stored = stored_ratings(desk_id) - before - warm
    trivial_rate = (before_run["requests_per_s"] + after_run["requests_per_s"]) / 2
    ratio = rating["requests_per_s"] / trivial_rate if trivial_rate else 0
    print(f"gunicorn {args.workers} sync workers, {args.concurrency} load processes, {args.seconds} s each, "
          f"PostgreSQL {url.rsplit('@', 1)[-1]}, {os.cpu_count()} CPU")
    print("| phase | requests/s | 200 | failed | p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|")
    for name, row in (("trivial view (before)", before_run), ("rating POST (kiosk)", rating),
                      ("trivial view (after)", after_run)):
        print(f"| {name} | {row['requests_per_s']} | {row['ok']} | {row['failed']} | {row['p50_ms']} | "
              f"{row['p95_ms']} |")
    print(f"ratings/s ÷ trivial requests/s (mean of before and after) = {ratio:.0%}")
    print(f"accepted ratings = {rating['accepted']}, stored ratings = {stored}: "
          f"{'EQUAL' if stored == rating['accepted'] else 'MISMATCH'}")
    if stored != rating["accepted"] or rating["failed"] or before_run["failed"] or after_run["failed"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
