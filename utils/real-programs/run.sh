#!/usr/bin/env bash
# Builds real programs from their Debian sources natively and for
# wasm32-wasi, compiles the wasm with wasm2native and checks that both
# produce byte-identical output and files (see zlib.sh and sqlite3.sh).
#
#   utils/real-programs/run.sh [PROGRAM...]     (default: fetch-selftest zlib sqlite3)
#
# fetch-selftest checks fetch.sh's retries of transient fetch failures
# offline, with a fake apt-get.
#
# Prints one line per program,
#   real: <name>: passed|failed|skipped (<reason or time>)
# and last
#   real: N passed, M failed, K skipped
# Each program's full output is in $BUILD_DIR/real-programs/<name>.log (shown
# here when it fails). A program whose source cannot be fetched (no network
# to the Debian mirror, ...) is skipped with the reason; that is no failure.
# Exit status 0 unless a program failed. Sources and builds are cached in
# $BUILD_DIR/real-programs (remove it to start over).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.." || exit 1
out_dir=${BUILD_DIR:-build}/real-programs
mkdir -p "$out_dir" || exit 1

programs=("$@")
((${#programs[@]})) || programs=(fetch-selftest zlib sqlite3)
passed=0 failed=0 skipped=0
for name in "${programs[@]}"; do
  log=$out_dir/$name.log
  t0=$EPOCHREALTIME
  if [[ -x $here/$name.sh ]]; then
    "$here/$name.sh" </dev/null >"$log" 2>&1
    rc=$?
  else
    echo "no such program: $here/$name.sh" >"$log"
    rc=1
  fi
  took=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  case $rc in
    0)
      passed=$((passed + 1))
      echo "real: $name: passed (${took}s; $log)"
      ;;
    2)
      skipped=$((skipped + 1))
      reason=$(sed -n 's/^skip: //p' "$log" | tail -1)
      echo "real: $name: skipped (${reason:-no reason given; see $log})"
      ;;
    *)
      failed=$((failed + 1))
      sed 's/^/  | /' "$log"
      echo "real: $name: failed (exit $rc after ${took}s; $log)"
      ;;
  esac
done
echo "real: $passed passed, $failed failed, $skipped skipped"
((failed == 0))
