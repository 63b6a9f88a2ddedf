#!/usr/bin/env bash
# The client benchmark (bench/client_bench.mjs) in headless Chromium against
# the server on a seeded database; seeds it first when it is missing. The run
# ingests messages, so point it at a copy you do not mind changing.
#   bench/client_bench.sh [DB] [DIALOGS]     (defaults: /tmp/chats-bench/client.sqlite3, 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-/tmp/chats-bench/client.sqlite3}"
dialogs="${2:-1000000}"
port="${BENCH_PORT:-18091}"
scripts/build.sh chats_server client >/dev/null
server=build/native/src/server/chats_server

if [ ! -f "$db" ]; then
  mkdir -p "$(dirname "$db")"
  echo "== seeding $dialogs dialogs into $db"
  "$server" seed --db "$db" --data-dir "$(dirname "$db")" --demo "$dialogs"
fi

"$server" --db "$db" --data-dir "$(dirname "$db")" --port "$port" --log-level warn \
  --static-dir build/native/client/site &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/me")" = 401 ]; do
  sleep 0.1
done
node bench/client_bench.mjs --url "http://127.0.0.1:$port/" --runs "${RUNS:-5}" --messages "${MESSAGES:-50}"
