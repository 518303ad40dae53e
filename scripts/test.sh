#!/usr/bin/env bash
# Runs the suite on the embedded default (SQLite, jobs in-process), then on PostgreSQL + Redis with a
# real `passerelle worker` process. Without those services, a newcomer still gets the embedded pass and a
# clear line saying the services pass did not run; with CI=true that is a failure.
# The browser tests (tests/web, marker `browser`) run in the embedded pass against the freshly built
# client when Chromium is found; without it, one line says so (with CI=true, a failure).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL=${PASSERELLE_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
REDIS_URL=${PASSERELLE_TEST_REDIS_URL:-redis://127.0.0.1:6379/9}
# pytest-xdist workers per pass (each takes its own database and the Redis DB after the last one's)
PARALLEL=(-n "${PASSERELLE_TEST_WORKERS:-2}" --dist loadgroup -rs)

CHROMIUM=${PASSERELLE_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}
browser_status=0
pass1_marker="not services"
if [ ! -x "$CHROMIUM" ]; then
  pass1_marker="not services and not browser"
  if [ "${CI:-}" = "true" ]; then
    echo "== Browser tests FAILED: Chromium not found ($CHROMIUM), and CI=true (apt-get install -y chromium)."
    browser_status=1
  else
    echo "== Browser tests NOT RUN: Chromium not found ($CHROMIUM); install it with: apt-get install -y chromium"
  fi
elif ! bash scripts/check_node.sh; then
  pass1_marker="not services and not browser"
  if [ "${CI:-}" = "true" ]; then
    echo "== Browser tests FAILED: Node.js is needed to build the client, and CI=true."
    browser_status=1
  else
    echo "== Browser tests NOT RUN: Node.js is needed to build the client they test."
  fi
elif ! make --no-print-directory web; then
  echo "== Browser tests FAILED: the web client did not build (make web)."
  pass1_marker="not services and not browser"
  browser_status=1
fi

echo "== Pass 1/2: SQLite, jobs in-process"
PASSERELLE_TEST_BACKEND=sqlite "$BIN/pytest" "${PARALLEL[@]}" -m "$pass1_marker" "$@"
sqlite_status=$?

services_up() {
  "$BIN/python" - "$PG_URL" "$REDIS_URL" <<'PY'
import sys, asyncio
import asyncpg, redis
async def main() -> None:
    connection = await asyncpg.connect(sys.argv[1], timeout=3)
    await connection.close()
    redis.Redis.from_url(sys.argv[2], socket_connect_timeout=3).ping()
try:
    asyncio.run(main())
except Exception as error:
    print(f"services unreachable: {error}", file=sys.stderr)
    sys.exit(1)
PY
}

if services_up; then
  echo "== Pass 2/2: PostgreSQL + Redis, real arq worker process"
  PASSERELLE_TEST_BACKEND=postgres PASSERELLE_TEST_POSTGRES_URL="$PG_URL" \
    PASSERELLE_TEST_REDIS_URL="$REDIS_URL" "$BIN/pytest" "${PARALLEL[@]}" -m "not browser" "$@"
  services_status=$?
elif [ "${CI:-}" = "true" ]; then
  echo "== Pass 2/2 FAILED: PostgreSQL ($PG_URL) or Redis ($REDIS_URL) unreachable, and CI=true."
  services_status=1
else
  echo "== Pass 2/2 NOT RUN: PostgreSQL or Redis unreachable (set PASSERELLE_TEST_POSTGRES_URL /"
  echo "   PASSERELLE_TEST_REDIS_URL, or start the services). The embedded pass above is the result."
  services_status=0
fi

if [ $sqlite_status -ne 0 ] || [ $services_status -ne 0 ] || [ $browser_status -ne 0 ]; then
  echo "== FAILED (sqlite: $sqlite_status, postgres+redis: $services_status, browser setup: $browser_status)"
  exit 1
fi
echo "== Both passes green"
