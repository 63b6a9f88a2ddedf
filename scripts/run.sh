#!/usr/bin/env bash
# The main job: builds what is missing, then starts the inbox server on its
# SQLite database (seeded with demo data the first time), serving the client.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh chats_server client
port="${PORT:-8080}"
data="${CHATS_DATA_DIR:-data}"
echo
echo "Chats inbox: http://localhost:${port}/"
echo "Demo login:  owner@romashka.ru / demo1234  (managers: maria@romashka.ru, oleg@romashka.ru)"
echo "Data:        ${data}/inbox.sqlite3; API: docs/api.md"
echo
exec build/native/src/server/chats_server --listen "${HOST:-0.0.0.0}" --port "$port" \
  --data-dir "$data" --static-dir build/native/client/site --demo "${DEMO_DIALOGS:-5000}"
