#!/usr/bin/env bash
# Runs the spec tests beyond Wasm 2.0: every proposal suite in
# ../shared/wasm-spec-testsuite/proposals/ and the Wasm 3.0 core suite, each
# with its own `spec: N passed, M failed, K skipped` line, and the Wasm 3.0
# scripts of wasm-3.0-wast/ converted by utils/convert-wasm3-wast.sh into
# $BUILD_DIR/spec-wasm-3.0-wast (suite name wasm-3.0-wast). Modules that use
# a feature wasm2native does not implement yet are skipped with the reason
# (--skip-unsupported), never counted as passed; `spec: skipped:` counts the
# skips by feature. utils/check.sh runs wasm-3.0 and wasm-3.0-wast too.
#
#   ./utils/spec-proposals.sh [-O0|-O2] [SUITE...]   (default -O2, all suites)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
build_dir=${BUILD_DIR:-build}
root=${SPEC_ROOT:-../shared/wasm-spec-testsuite}
level=-O2
suites=()
for a in "$@"; do
  case $a in
    -O?) level=$a ;;
    *) suites+=("$a") ;;
  esac
done
if ((${#suites[@]} == 0)); then
  for d in "$root"/proposals/*/; do suites+=("proposals/$(basename "$d")"); done
  suites+=(wasm-3.0 wasm-3.0-wast)
fi
[[ -x $build_dir/bin/wasm2native-spec ]] || ./utils/build.sh || exit 1
status=0
for s in "${suites[@]}"; do
  dir=$root/$s
  if [[ $s == wasm-3.0-wast ]]; then
    dir=$build_dir/spec-wasm-3.0-wast
    ./utils/convert-wasm3-wast.sh "$dir" "$root/wasm-3.0-wast" | sed 's/^/  /' || status=1
  fi
  out=$("$build_dir/bin/wasm2native-spec" "$level" -j"$(nproc)" --skip-unsupported "$dir")
  rc=$?
  mkdir -p "$build_dir/spec"
  printf '%s\n' "$out" >"$build_dir/spec/${s//\//_}$level.log"
  printf '%-40s %s\n' "$s" "$(printf '%s\n' "$out" | grep '^spec: [0-9]')"
  printf '%-40s %s\n' "" "$(printf '%s\n' "$out" | grep '^spec: skipped:')"
  ((rc == 0)) || status=1
done
echo "(per-command details in $build_dir/spec/)"
exit $status
