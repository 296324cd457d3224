#!/usr/bin/env bash
# The load benchmark of issue 19 against the generated city already in the benchmark database (bench/run.sh or
# `manage.py generate_city` made it): gunicorn as in production (3 sync workers, production settings, Redis cache),
# then bench/load.py with 16 connections. Run it on an otherwise idle machine.
#   bench/load.sh [output.md]        (default bench/load.md)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BENCH_PORT:-8001}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/${BENCH_DB:-danvan_bench}}"
export CACHE_URL="${BENCH_CACHE_URL:-redis://127.0.0.1:6379/13}"
export CELERY_BROKER_URL="${BENCH_BROKER:-redis://127.0.0.1:6379/14}"
export DANVAN_VAR_DIR="${BENCH_VAR_DIR:-/tmp/danvan-bench-var}"
export DJANGO_SETTINGS_MODULE=bench.settings DANVAN_BENCH_NO_RATE_LIMIT=1
export DJANGO_ENV=production DJANGO_SECURE_SSL_REDIRECT=false DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-bench-only-$(printf 'x%.0s' $(seq 1 50))}"
mkdir -p "$DANVAN_VAR_DIR"
command -v wrk >/dev/null || { echo "Cần wrk: apt-get install wrk" >&2; exit 2; }

redis-cli -n 13 flushdb >/dev/null 2>&1 || true
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn danvan.wsgi --bind "127.0.0.1:$PORT" --workers "${BENCH_WORKERS:-3}" --log-level warning &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz/" && break; sleep 1; done

.venv/bin/python bench/load.py --base-url "http://127.0.0.1:$PORT" --connections "${BENCH_CONNECTIONS:-16}" \
  --seconds "${BENCH_SECONDS:-10}" --output "${1:-bench/load.md}" "${@:2}"
