#!/usr/bin/env bash
# The browser tests against the checked client: the WebAssembly client built
# with CHATS_CLIENT_CHECKED (-O1 -g, IM_ASSERT, Emscripten's ASSERTIONS=2,
# SAFE_HEAP and STACK_OVERFLOW_CHECK=2, UBSan, libc++'s assertions) into
# build/checked/client/site. Any check that fires aborts the page and fails the
# test that was running (tests/browser/lib/harness.mjs).
#
# The server is $CHATS_SERVER when given (fake_telegram beside it), else
# build/native's, built when missing or stale. Arguments: test files to run
# instead of every tests/browser/*.test.mjs. The checked client is slower, so
# the tests' waits are stretched by CHATS_TIMEOUT_FACTOR (default 3).
# Ends with "N passed, N failed" (test files).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null || { echo "0 passed, 1 failed (setup)"; exit 1; }

build=build/checked
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCHATS_CLIENT_CHECKED=ON >/dev/null
fi
# Only the client: its ExternalProject configures and builds the Emscripten side.
cmake --build "$build" -j2 --target client || { echo "0 passed, 1 failed (checked client)"; exit 1; }

if [ -n "${CHATS_SERVER:-}" ]; then
  server=$(realpath "$CHATS_SERVER")
  [ -x "$server" ] || { echo "CHATS_SERVER=$CHATS_SERVER is not an executable"; exit 1; }
else
  scripts/build.sh chats_server fake_telegram >/dev/null ||
    { echo "0 passed, 1 failed (server build)"; exit 1; }
  server=$PWD/build/native/src/server/chats_server
fi

tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=(tests/browser/*.test.mjs)
passed=0
failed=0
started=$SECONDS
for t in "${tests[@]}"; do
  echo "== checked browser: $(basename "$t")"
  if env CHATS_SITE="$build/client/site" CHATS_SERVER="$server" \
    CHATS_TEST_OUTPUT="$build/browser-output" \
    CHATS_TIMEOUT_FACTOR="${CHATS_TIMEOUT_FACTOR:-3}" node "$t"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "!! $(basename "$t") failed"
  fi
done
echo "screenshots: $build/browser-output; $((SECONDS - started)) s of tests"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
