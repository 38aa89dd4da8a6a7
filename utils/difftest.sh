#!/usr/bin/env bash
# Differential testing: random valid modules through wasm2native (in-process
# JIT, embedder mode, -O0, -O2 and -O2 with explicit bounds checks) and
# through binaryen's interpreter, comparing logs, results, traps and the
# memory and globals every call leaves. See utils/difftest/difftest.py.
#
#   ./utils/difftest.sh [--count N] [--seed S] [--source ttf|gen|tables|both]
#                       [--configs O0,O2,O2:explicit] [--jobs J] [--keep DIR]
#
# A configuration is O0..O3, then optionally :explicit or :inexact (bounds
# checks; guard pages by default) and :native (-mcpu=native). 2000 modules
# at the three default configurations take about 10 minutes on two cores.
#
# BUILD_DIR (default build) holds the built wasm2native-difftest. Ends with
# `difftest: N passed, M failed, K skipped`; exits 1 on any mismatch.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir=${BUILD_DIR:-build}
[[ $build_dir = /* ]] || build_dir="$root/$build_dir"
exec python3 "$root/utils/difftest/difftest.py" \
  --tool "$build_dir/bin/wasm2native-difftest" "$@"
