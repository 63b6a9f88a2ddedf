#!/usr/bin/env bash
# The main job: builds what is missing and serves the inbox. Until the server
# lands, the client runs on its in-page demo backend.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
port="${PORT:-8080}"
echo
echo "Chats inbox: http://localhost:${port}/   (demo data in the page; no login needed)"
echo
exec python3 -m http.server "$port" --bind "${HOST:-0.0.0.0}" --directory build/native/client/site
