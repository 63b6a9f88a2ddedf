#!/usr/bin/env bash
# Every test: C++ format, native doctest suites (ctest), the browser tests in
# headless Chromium and the system tests (crashes, fake channel peers). Ends
# with "N passed, N failed" (suites).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh || { echo "0 passed, 1 failed (build)"; exit 1; }

passed=0
failed=0
step() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "!! $name failed"; fi
}

format_check() {
  find src tests -name node_modules -prune -o \( -name '*.cpp' -o -name '*.hpp' \) -print0 |
    xargs -0 clang-format --dry-run -Werror
}
step "format (clang-format)" format_check
step "native tests (ctest)" ctest --test-dir build/native --output-on-failure
for t in tests/browser/*.test.mjs; do
  step "browser: $(basename "$t")" env CHATS_SITE=build/native/client/site \
    CHATS_TEST_OUTPUT=build/native/browser-output node "$t"
done
# Whole-system tests of processes (the server killed and restarted, fake peers), no browser.
for t in tests/system/*.test.mjs; do
  step "system: $(basename "$t")" env CHATS_SITE=build/native/client/site \
    CHATS_TEST_OUTPUT=build/native/browser-output node "$t"
done
echo "screenshots: build/native/browser-output"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
