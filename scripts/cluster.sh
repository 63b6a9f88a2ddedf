#!/usr/bin/env bash
# Several chats_server processes on one PostgreSQL database, behind nginx
# (HTTP and the WebSocket event stream), on this machine:
#   scripts/cluster.sh start DIR [SERVERS] [PORT]  PostgreSQL in DIR/pg, SERVERS
#        processes (default 2) on PORT+1, PORT+2, ... and nginx on PORT
#        (default 8090), which spreads operators over them; prints the URL
#   scripts/cluster.sh stop DIR                    everything it started
#   scripts/cluster.sh kill DIR N                  SIGKILL to server N (from 1)
#   scripts/cluster.sh restart DIR N               starts server N again
# CHATS_SERVER is the server binary (default build/native's), CHATS_SERVER_ARGS
# more flags for every server (e.g. "--demo 1000": the first server seeds the
# demo data before the others start). Logs: DIR/server-N.log, DIR/nginx-error.log.
set -euo pipefail
cd "$(dirname "$0")/.."

command=${1:?start, stop, kill or restart}
dir=$(realpath -m "${2:?a folder for the cluster}")
server=$(realpath "${CHATS_SERVER:-build/native/src/server/chats_server}")
site=$(realpath -m "${CHATS_SITE:-build/native/client/site}")

pid_of() { cat "$dir/server-$1.pid" 2>/dev/null || true; }
port_of() { echo $(($(cat "$dir/port") + $1)); }

start_server() {
  local n=$1
  local port
  port=$(port_of "$n")
  # One data folder for all: an upload sent to one process is served by any.
  mkdir -p "$dir/data"
  # Behind nginx every connection comes from its address: no per-address cap.
  # shellcheck disable=SC2086
  "$server" --listen 127.0.0.1 --port "$port" --db "$(cat "$dir/conninfo")" \
    --data-dir "$dir/data" --static-dir "$site" --max-connections-per-address 0 \
    ${CHATS_SERVER_ARGS:-} >"$dir/server-$n.log" 2>&1 &
  echo $! >"$dir/server-$n.pid"
  for _ in $(seq 1 600); do
    grep -qs "listening on" "$dir/server-$n.log" && return 0
    kill -0 "$(pid_of "$n")" 2>/dev/null || break
    sleep 0.1
  done
  echo "cluster: server $n did not start (see $dir/server-$n.log):" >&2
  tail -5 "$dir/server-$n.log" >&2
  return 1
}

write_nginx_conf() {
  local servers=$1 port=$2
  mkdir -p "$dir/nginx-temp"
  {
    # As root, nginx's workers would be `nobody`, who cannot write under DIR.
    [ "$(id -u)" = 0 ] && echo "user root;"
    echo "worker_processes 1;"
    echo "pid $dir/nginx.pid;"
    echo "error_log $dir/nginx-error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    echo "  access_log off;"
    for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $dir/nginx-temp/$t;"; done
    # A process that stops answering is left out for a while; a request that
    # found it down goes to another (one already sent there is not repeated:
    # the clients repeat their writes with the same Idempotency-Key).
    echo "  upstream chats {"
    for n in $(seq 1 "$servers"); do
      echo "    server 127.0.0.1:$((port + n)) max_fails=1 fail_timeout=2s;"
    done
    echo "    keepalive 32;"
    echo "  }"
    echo "  server {"
    echo "    listen 127.0.0.1:$port;"
    echo "    client_max_body_size 26m;"  # the server's own upload limit is 25 MiB
    echo "    proxy_set_header Host \$http_host;"
    echo "    proxy_set_header X-Forwarded-For \$remote_addr;"
    echo "    proxy_http_version 1.1;"
    echo "    location /api/events {"
    echo "      proxy_pass http://chats;"
    echo "      proxy_set_header Upgrade \$http_upgrade;"
    echo "      proxy_set_header Connection \"upgrade\";"
    echo "      proxy_set_header Host \$http_host;"
    echo "      proxy_read_timeout 1h;"
    echo "    }"
    echo "    location / {"
    echo "      proxy_pass http://chats;"
    echo "      proxy_set_header Connection \"\";"
    echo "      proxy_read_timeout 60s;"
    echo "      proxy_next_upstream error timeout http_502;"
    echo "    }"
    echo "  }"
    echo "}"
  } >"$dir/nginx.conf"
}

case "$command" in
  start)
    servers=${3:-2}
    port=${4:-8090}
    mkdir -p "$dir"
    echo "$port" >"$dir/port"
    echo "$servers" >"$dir/servers"
    scripts/postgres.sh start "$dir/pg" >"$dir/conninfo"
    # The first seeds (when asked), the others find the data there.
    for n in $(seq 1 "$servers"); do start_server "$n"; done
    write_nginx_conf "$servers" "$port"
    /usr/sbin/nginx -c "$dir/nginx.conf" -p "$dir" 2>>"$dir/nginx-error.log"
    echo "http://127.0.0.1:$port/"
    ;;
  stop)
    if [ -f "$dir/nginx.pid" ]; then
      kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
      rm -f "$dir/nginx.pid"
    fi
    for f in "$dir"/server-*.pid; do
      [ -f "$f" ] || continue
      pid=$(cat "$f")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$f"
    done
    scripts/postgres.sh stop "$dir/pg"
    ;;
  kill)
    n=${3:?which server}
    kill -9 "$(pid_of "$n")" 2>/dev/null || true
    ;;
  restart)
    n=${3:?which server}
    start_server "$n"
    ;;
  *)
    echo "usage: scripts/cluster.sh start|stop|kill|restart DIR ..." >&2
    exit 2
    ;;
esac
