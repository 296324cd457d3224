"""Shared by the bench scripts: Django set up against the benchmark database, an HTTP client that logs in
through the real login form, percentiles and a Markdown table."""

import http.cookiejar
import os
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def setup_django():
    """Django with the portal's settings, on DATABASE_URL (the benchmark database)."""
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Cảnh báo: DATABASE_URL không trỏ tới PostgreSQL; số đo sẽ không so được với mục tiêu.", file=sys.stderr)
    import django

    django.setup()


class LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Production settings mark the session and CSRF cookies Secure; measured over plain HTTP on the loopback
    (no TLS terminator in front of gunicorn here), they are sent back all the same."""

    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    """A logged-in user over HTTP: cookies, CSRF, timings."""

    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")
        self.jar = http.cookiejar.CookieJar(LoopbackCookiePolicy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), "")

    def request(self, path, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers or {})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                content = response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            content, status = exc.read(), exc.code
        return status, content, (time.perf_counter() - started) * 1000

    def login(self, username, password, path="/dang-nhap/"):
        status, content, _ms = self.request(path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        data = {"username": username, "password": password,
                "csrfmiddlewaretoken": token.group(1).decode() if token else self.cookie("csrftoken")}
        status, content, _ms = self.request(path, data, headers={"Referer": self.base_url + path})
        if not self.cookie("sessionid"):
            raise SystemExit(f"Không đăng nhập được với {username} (HTTP {status}).")
        return self


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary(times):
    return {"n": len(times), "p50": statistics.median(times), "p95": percentile(times, 0.95), "max": max(times)}


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def machine_description():
    import platform

    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        kb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()
    return (f"{os.cpu_count()} lõi {cpu}, {memory} RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}; tải máy lúc đo {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}")
