#!/usr/bin/env bash
# Builds into build/native (the client's static folder lands in
# build/native/client/site): everything, or the targets given as arguments.
# Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ ! -f build/native/CMakeCache.txt ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build build/native -j2 "${targets[@]}"
