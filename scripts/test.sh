#!/usr/bin/env bash
# Runs the suite on the embedded default (SQLite, jobs in-process), then on PostgreSQL + Redis with a
# real `passerelle worker` process. Without those services, a newcomer still gets the embedded pass and a
# clear line saying the services pass did not run; with CI=true that is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL=${PASSERELLE_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
REDIS_URL=${PASSERELLE_TEST_REDIS_URL:-redis://127.0.0.1:6379/9}

echo "== Pass 1/2: SQLite, jobs in-process"
PASSERELLE_TEST_BACKEND=sqlite "$BIN/pytest" -m "not services" "$@"
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
    PASSERELLE_TEST_REDIS_URL="$REDIS_URL" "$BIN/pytest" "$@"
  services_status=$?
elif [ "${CI:-}" = "true" ]; then
  echo "== Pass 2/2 FAILED: PostgreSQL ($PG_URL) or Redis ($REDIS_URL) unreachable, and CI=true."
  services_status=1
else
  echo "== Pass 2/2 NOT RUN: PostgreSQL or Redis unreachable (set PASSERELLE_TEST_POSTGRES_URL /"
  echo "   PASSERELLE_TEST_REDIS_URL, or start the services). The embedded pass above is the result."
  services_status=0
fi

if [ $sqlite_status -ne 0 ] || [ $services_status -ne 0 ]; then
  echo "== FAILED (sqlite: $sqlite_status, postgres+redis: $services_status)"
  exit 1
fi
echo "== Both passes green"
