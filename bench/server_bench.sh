#!/usr/bin/env bash
# Server benchmarks on a seeded database: start-up time and memory, list
# latency (bench/list_bench), ingest throughput for 60 s one message per request
# and in batches (wrk) with the server's CPU time per message, the list over
# HTTP alone and beside a batch ingest, fan-out latency
# to 1,000 WebSocket subscribers (bench/fanout_bench). Seeds the database first
# when it is missing; the ingest runs add to it.
#   bench/server_bench.sh [DB] [DIALOGS]     (defaults: /tmp/chats-bench/inbox.sqlite3, 1000000)
# DB may be a PostgreSQL connection string (postgresql://... or "host=... dbname=...");
# PROCESSES=2 then starts a second server on the same database and spreads the
# fan-out's subscribers over both, the messages posted to the first.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-/tmp/chats-bench/inbox.sqlite3}"
dialogs="${2:-1000000}"
port="${BENCH_PORT:-18090}"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null
scripts/build.sh chats_server list_bench fanout_bench >/dev/null
server=build/native/src/server/chats_server

processes=${PROCESSES:-1}
case "$db" in
  postgres://* | postgresql://* | *dbname=* | *host=*)
    data_dir=$(mktemp -d /tmp/chats-bench-data.XXXXXX)
    # Seeds only a database without the demo owner, else loads and exits.
    echo "== seeding $dialogs dialogs into $db (when not there yet)"
    /usr/bin/time -f "seed or load: %e s" "$server" seed --db "$db" --data-dir "$data_dir" \
      --demo "$dialogs"
    ;;
  *)
    data_dir=$(dirname "$db")
    if [ ! -f "$db" ]; then
      mkdir -p "$data_dir"
      echo "== seeding $dialogs dialogs into $db"
      "$server" seed --db "$db" --data-dir "$data_dir" --demo "$dialogs"
    fi
    [ "$processes" = 1 ] || { echo "PROCESSES needs a PostgreSQL database"; exit 2; }
    ;;
esac

echo "== list latency (first window of 50 + counts)"
build/native/bench/list_bench --db "$db" --runs "${LIST_RUNS:-30}" ${LIST_FLAGS:-}

echo "== start-up"
start=$(date +%s.%N)
"$server" --db "$db" --data-dir "$data_dir" --port "$port" --log-level warn &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/api/me" -w '' 2>/dev/null ||
      curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/me" | grep -q 401; do
  sleep 0.05
done
echo "ready in $(echo "$(date +%s.%N) - $start" | bc) s; RSS $(( $(ps -o rss= -p $pid) / 1024 )) MiB"
# The server's CPU time in clock ticks (user + system), less disturbed by other load than rates.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
per_message() {  # ticks before, ticks after, messages
  echo "server CPU $(echo "scale=1; ($2 - $1) * 1000000 / $(getconf CLK_TCK) / $3" | bc) us per message"
}

token=$(curl -s -X POST "http://127.0.0.1:$port/api/login" \
  -d '{"email":"owner@romashka.ru","password":"demo1234"}' | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
source=$(curl -s -H "authorization: Bearer $token" "http://127.0.0.1:$port/api/directory" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["sources"][1]["id"])')

echo "== ingest throughput, 60 s"
before=$(cpu_ticks)
out=$(wrk -t2 -c32 -d"${INGEST_SECONDS:-60}"s -s bench/ingest.lua "http://127.0.0.1:$port" -- "$token" "$source" | tail -n 1)
echo "$out"
per_message "$before" "$(cpu_ticks)" "$(echo "$out" | sed 's/ingest: \([0-9]*\) requests.*/\1/')"
echo "RSS after ingest $(( $(ps -o rss= -p $pid) / 1024 )) MiB"

echo "== ingest throughput in batches of ${INGEST_BATCH:-100} (POST /api/ingest/batch), 60 s"
before=$(cpu_ticks)
out=$(wrk -t2 -c8 -d"${INGEST_SECONDS:-60}"s -s bench/ingest_batch.lua "http://127.0.0.1:$port" \
  -- "$token" "$source" "${INGEST_BATCH:-100}" | tail -n 1)
echo "$out"
per_message "$before" "$(cpu_ticks)" \
  "$(( $(echo "$out" | sed 's/.*: \([0-9]*\) requests in.*/\1/') * ${INGEST_BATCH:-100} ))"

# The list's first page as an operator's client asks for it, 60 times, alone
# and beside a batch ingest (whose transactions hold the store's connection).
list_times() {
  for _ in $(seq 1 60); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "authorization: Bearer $token" \
      "http://127.0.0.1:$port/api/dialogs?limit=50"
    sleep 0.1
  done | sort -n | awk '{a[NR] = $1 * 1000}
    END {printf "p50 %.1f ms, p90 %.1f ms, max %.1f ms\n", a[int(NR * 0.5)], a[int(NR * 0.9)], a[NR]}'
}
echo "== list over HTTP (first page of 50), alone and beside a batch ingest"
echo "alone: $(list_times)"
wrk -t1 -c4 -d14s -s bench/ingest_batch.lua "http://127.0.0.1:$port" -- "$token" "$source" 100 \
  >/dev/null &
load=$!
sleep 1
echo "beside a batch ingest: $(list_times)"
wait $load

subscriber_ports=$port
if [ "$processes" = 2 ]; then
  "$server" --db "$db" --data-dir "$data_dir" --port $((port + 1)) --log-level warn &
  pid2=$!
  trap 'kill $pid $pid2 2>/dev/null || true' EXIT
  until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((port + 1))/api/me" | grep -q 401; do
    sleep 0.05
  done
  subscriber_ports="$port,$((port + 1))"
fi
echo "== fan-out latency (subscribers on port(s) $subscriber_ports)"
build/native/bench/fanout_bench --port "$port" --token "$token" --source "$source" \
  --subscribers "${SUBSCRIBERS:-1000}" --messages "${MESSAGES:-100}" --rate 20 \
  --subscriber-ports "$subscriber_ports"
echo "RSS at the end $(( $(ps -o rss= -p $pid) / 1024 )) MiB"
