#!/usr/bin/env bash
# Run the whole benchmark by hand on this machine: a separate PostgreSQL database with the city-scale data set,
# the portal under gunicorn, two Celery workers for the PDFs, then the tables in bench/RESULTS.md.
#   bench/run.sh              generate the data (once) and measure
#   BENCH_SKIP_GENERATE=1 bench/run.sh   measure again on the data already there
set -euo pipefail
cd "$(dirname "$0")/.."

DB_NAME="${BENCH_DB:-danvan_bench}"
PG="postgres://postgres@127.0.0.1:5432"
PORT="${BENCH_PORT:-8001}"
export DATABASE_URL="$PG/$DB_NAME"
export CELERY_BROKER_URL="${BENCH_BROKER:-redis://127.0.0.1:6379/14}"
export DANVAN_VAR_DIR="${BENCH_VAR_DIR:-/tmp/danvan-bench-var}"
export DJANGO_SETTINGS_MODULE=bench.settings   # the portal settings, the rating limit lifted when asked
export DANVAN_BENCH_NO_RATE_LIMIT=1                # measure the rating endpoint, not its per-tablet limit
mkdir -p "$DANVAN_VAR_DIR"

if [ -z "${BENCH_SKIP_GENERATE:-}" ]; then
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB_NAME" -qc "CREATE DATABASE $DB_NAME"
fi
.venv/bin/python manage.py migrate -v0   # also on old data: the area apps keep adding tables
if [ -z "${BENCH_SKIP_GENERATE:-}" ]; then
  /usr/bin/time -f "generate_city: %e s, %M KB" .venv/bin/python manage.py generate_city | tee bench/generate.log
fi
psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
.venv/bin/python manage.py shell -v0 -c "
import time; from reports.tasks import refresh_ward_summaries
t = time.perf_counter(); n = refresh_ward_summaries.apply().get()
print(f'refresh_ward_summaries: {n} phường, {time.perf_counter() - t:.1f} s')" | tee bench/summaries.log

.venv/bin/gunicorn danvan.wsgi --bind "127.0.0.1:$PORT" --workers "${BENCH_WORKERS:-3}" --log-level warning &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz/" && break; sleep 1; done

.venv/bin/python bench/pages.py --base-url "http://127.0.0.1:$PORT" --output bench/pages.md
.venv/bin/python bench/pdfs.py --output bench/pdfs.md
# The public rating endpoint against a trivial page (the login form: a template, no query), same run, same
# concurrency. Eight kiosk tablets of one desk, each under its own per-device rate limit.
.venv/bin/python manage.py shell -v0 -c "
from organisations.models import Unit
from satisfaction.models import KioskDevice, ServiceDesk
ward = Unit.objects.get(code='tt-p01')
desk = ServiceDesk.objects.filter(ward=ward).first()
tokens = [KioskDevice.issue(desk, f'bench {n}')[1] for n in range(8)]
open('/tmp/bench-kiosk-tokens.txt', 'w').write(chr(10).join(tokens))
open('/tmp/bench-desk.txt', 'w').write(desk.public_code)"
.venv/bin/python bench/load_rating_endpoint.py --base-url "http://127.0.0.1:$PORT" --desk "$(cat /tmp/bench-desk.txt)" \
  --tokens-file /tmp/bench-kiosk-tokens.txt --seconds "${BENCH_LOAD_SECONDS:-30}" --concurrency 8 --trivial /dang-nhap/ \
  | tee bench/rating-load.txt
echo "Xong: bench/pages.md, bench/pdfs.md (chép vào bench/RESULTS.md kèm mô tả máy)."
