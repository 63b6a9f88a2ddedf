#!/usr/bin/env bash
# A PostgreSQL 15 server of the project's own, from Debian's packages, in a
# folder of its own (not the system's cluster):
#   scripts/postgres.sh start DIR [PORT]   creates the cluster on first use,
#                                          starts it and creates database `chats`
#   scripts/postgres.sh stop DIR
#   scripts/postgres.sh conninfo DIR [PORT] prints the libpq connection string
# It listens only on a socket in DIR (PORT, default 5432, names the socket),
# so clusters in different folders never collide. Its connections are
# trusted: a test and development set-up (docs/postgres.md says what
# production needs).
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
command=${1:?start, stop or conninfo}
dir=$(realpath -m "${2:?a folder for the cluster}")
port=${3:-5432}

# initdb and the server refuse to run as root: they run as `postgres` then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

conninfo() { echo "host=$dir port=$port user=postgres dbname=chats"; }

case "$command" in
  start)
    if [ ! -x "$bin/initdb" ]; then
      "$(dirname "$0")/setup.sh" >/dev/null
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      # fsync stays on: the crash tests count on what a commit promises.
      as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-c listen_addresses='' -p $port -k $dir -c max_connections=200" >/dev/null
    fi
    if ! as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'chats'" | grep -q 1; then
      as_owner "$bin/createdb" -h "$dir" -p "$port" -U postgres chats
    fi
    conninfo
    ;;
  stop)
    if [ -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  conninfo)
    conninfo
    ;;
  *)
    echo "usage: scripts/postgres.sh start|stop|conninfo DIR [PORT]" >&2
    exit 2
    ;;
esac
