"""Load on the public rating endpoint from a second process: POST one rating per request for a fixed time and
count what came back. Loopback only: the script refuses any other host.

    .venv/bin/python bench/load_rating_endpoint.py --base-url http://127.0.0.1:8001 --desk <public code> \
        --tokens-file /tmp/kiosk-tokens.txt --seconds 60 --concurrency 4 [--trivial /healthz/] [--json]

Each thread posts as one kiosk tablet (``X-Kiosk-Token``), so the per-device rate limit applies as in
production; with no tokens it posts through the QR channel. Prints requests per second, accepted ratings,
rate-limit answers (429) and errors (anything else that is not 200). With ``--trivial`` it then loads that
path the same way, for the ratio issue 9 asks for (rating rate >= 40% of a trivial view's).
"""

import argparse
import ipaddress
import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter


def loopback_only(base_url):
    host = urllib.parse.urlsplit(base_url).hostname or ""
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    if not addresses or not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        raise SystemExit(f"Chỉ chạy tải vào địa chỉ loopback (127.0.0.0/8, ::1), không phải {host}.")


def post_rating(base_url, desk, token, level):
    body = json.dumps({"device": f"bench-{threading.get_ident()}",
                       "ratings": [{"id": str(uuid.uuid4()), "level": level}]}).encode()
    channel = "quay/gui" if token else "gui"
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-Kiosk-Token"] = token
    request = urllib.request.Request(f"{base_url}/danh-gia/{desk}/{channel}/", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, {}
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0, {}


def get_path(base_url, path):
    try:
        with urllib.request.urlopen(base_url + path, timeout=30) as response:
            response.read()
            return response.status, {}
    except urllib.error.HTTPError as exc:
        return exc.code, {}
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0, {}


def run(seconds, concurrency, send):
    """Call ``send(thread_index)`` from ``concurrency`` threads until ``seconds`` pass; bounded in time."""
    statuses, accepted, lock = Counter(), [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(index):
        while time.monotonic() < deadline:
            status, payload = send(index)
            with lock:
                statuses[status] += 1
                accepted[0] += len(payload.get("accepted", [])) if status == 200 else 0

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    elapsed = time.monotonic() - started
    total = sum(statuses.values())
    return {"seconds": round(elapsed, 1), "requests": total, "per_second": round(total / elapsed, 1),
            "accepted": accepted[0], "ok": statuses.get(200, 0), "rate_limited": statuses.get(429, 0),
            "errors": total - statuses.get(200, 0) - statuses.get(429, 0),
            "statuses": {str(k): v for k, v in sorted(statuses.items())}}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:8001")
    parser.add_argument("--desk", required=True, help="mã trang đánh giá của quầy (public_code)")
    parser.add_argument("--tokens-file", help="khóa thiết bị kiosk, mỗi dòng một khóa")
    parser.add_argument("--level", default="satisfied")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--trivial", help="đường dẫn một trang đơn giản để so sánh, ví dụ /healthz/")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    args = parser.parse_args()
    base_url = args.base_url.rstrip("/")
    loopback_only(base_url)
    tokens = []
    if args.tokens_file:
        tokens = [line.strip() for line in open(args.tokens_file, encoding="utf-8") if line.strip()]

    def send(index):
        token = tokens[index % len(tokens)] if tokens else ""
        return post_rating(base_url, args.desk, token, args.level)

    result = {"rating": run(args.seconds, args.concurrency, send)}
    if args.trivial:
        result["trivial"] = run(args.seconds, args.concurrency, lambda index: get_path(base_url, args.trivial))
        result["ratio"] = round(result["rating"]["per_second"] / max(result["trivial"]["per_second"], 0.001), 2)
    if args.json:
        print(json.dumps(result))
        return
    for name, item in result.items():
        print(f"{name}: {item}")


if __name__ == "__main__":
    sys.exit(main())
