#!/usr/bin/env bash
# Runs each fuzz target of tests/fuzz for SECONDS (default 300), one after the
# other, with clang's libFuzzer, AddressSanitizer and UBSan, built in build/fuzz.
# Each run starts from the committed corpus (tests/fuzz/corpus/<target>) and
# grows a working copy in build/fuzz/corpus/<target>; crashes land in
# build/fuzz/artifacts/<target>/. Prints per target: executions, exec/s,
# coverage (libFuzzer's cov and ft), corpus size and crashes.
#   bench/fuzz.sh [SECONDS] [TARGET...]
#   FUZZ_MERGE=1 bench/fuzz.sh ...   also adds to the committed corpus the inputs
#                                    of the working copy that reach new edges
#                                    (a greedy set cover of edges: few files)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(codec dialog_query deep_link http_request upload_name)

command -v clang++ >/dev/null || apt-get install -y -qq clang >/dev/null
if [ ! -f build/fuzz/CMakeCache.txt ]; then
  CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=Release -DCHATS_FUZZ=ON \
    -DCHATS_BUILD_CLIENT=OFF >/dev/null
fi
build_targets=()
for t in "${targets[@]}"; do build_targets+=(--target "${t}_fuzz"); done
cmake --build build/fuzz -j2 "${build_targets[@]}" >/dev/null

dict_of() {
  case "$1" in
    codec) echo tests/fuzz/dict/codec.dict ;;
    dialog_query | deep_link) echo tests/fuzz/dict/view_link.dict ;;
    http_request) echo tests/fuzz/dict/http.dict ;;
    *) echo "" ;;
  esac
}

rows=()
for t in "${targets[@]}"; do
  exe=build/fuzz/tests/fuzz/${t}_fuzz
  work=build/fuzz/corpus/$t
  artifacts=build/fuzz/artifacts/$t
  log=build/fuzz/$t.log
  mkdir -p "$work" "$artifacts"
  dict=$(dict_of "$t")
  flags=(-max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$artifacts/")
  [ -n "$dict" ] && flags+=(-dict="$dict")
  echo "== $t for ${seconds}s"
  # A crash ends the run early and is counted below; it is not an error of this script.
  "$exe" "${flags[@]}" "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1 || true
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
  [ -n "$done_line" ] || done_line=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  runs=$(grep -oP 'stat::number_of_executed_units:\s*\K[0-9]+' "$log" || echo "?")
  rate=$(grep -oP 'stat::average_exec_per_sec:\s*\K[0-9]+' "$log" || echo "?")
  cov=$(grep -oP 'cov: \K[0-9]+' <<<"$done_line" || echo "?")
  ft=$(grep -oP 'ft: \K[0-9]+' <<<"$done_line" || echo "?")
  crashes=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) | wc -l)
  if [ "${FUZZ_MERGE:-0}" = 1 ]; then
    "$exe" -set_cover_merge=1 -use_counters=0 "tests/fuzz/corpus/$t" "$work" >>"$log" 2>&1
  fi
  files=$(find "tests/fuzz/corpus/$t" -type f | wc -l)
  rows+=("$(printf '%-13s %8s %12s %8s %6s %6s %8s %8s' "$t" "${seconds}s" "$runs" "$rate" \
    "$cov" "$ft" "$files" "$crashes")")
done

printf '%-13s %8s %12s %8s %6s %6s %8s %8s\n' target time executions exec/s cov ft corpus crashes
printf '%s\n' "${rows[@]}"
echo "logs: build/fuzz/<target>.log, crashes: build/fuzz/artifacts/<target>/"
