#!/usr/bin/env bash
# Builds wasm2native with AddressSanitizer and UndefinedBehaviorSanitizer
# into build-asan/ and runs the lit suite (unit tests included) and the
# spec suite at -O0 and -O2 under them.
#
#   ./utils/sanitize-check.sh
#
# What is instrumented (-DWASM2NATIVE_SANITIZE=ON): the compiler's C++
# (reader, validator, IRGen, codegen, driver, spec runner, unit tests) and
# a copy of the C runtime linked into the spec runner. Executables the
# driver produces link the ordinary, uninstrumented runtime, and compiled
# wasm code is never instrumented.
#
# ASan must leave the guard-page faults to the runtime's own handler, hence
# handle_segv=0 and friends below. The runtime's switch to the wasm stack
# is annotated for ASan (__sanitizer_start/finish_switch_fiber in
# runtime/stack.c), and a trap taken from the signal handler clears the
# shadow of the abandoned wasm frames.
#
# Environment: BUILD_DIR (default build-asan), JOBS (ninja -j, default 2),
# SPEC_SUITE (default ../shared/wasm-spec-testsuite/wasm-2.0; skipped when
# missing), NICE (default 10). Ends with `sanitize-check: ok` or a failure
# count; exit status 0 only when everything passed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

./utils/install-deps.sh >/dev/null || exit 1

build_dir=${BUILD_DIR:-build-asan}
if [[ ! -f $build_dir/build.ninja ]]; then
  cmake -G Ninja -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DWASM2NATIVE_SANITIZE=ON || exit 1
fi
nice=(nice -n "${NICE:-10}")
"${nice[@]}" ninja -C "$build_dir" -j "${JOBS:-2}" || exit 1

export ASAN_OPTIONS=handle_segv=0:handle_sigbus=0:handle_sigfpe=0:allow_user_segv_handler=1:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}

failed=0
# lit passes ASAN_OPTIONS/UBSAN_OPTIONS through to the tests.
"${nice[@]}" ninja -C "$build_dir" -j "${JOBS:-2}" check-wasm2native || failed=$((failed + 1))

spec_suite=${SPEC_SUITE:-../shared/wasm-spec-testsuite/wasm-2.0}
if [[ -d $spec_suite ]]; then
  for level in 0 2; do
    log=$build_dir/test/spec-O$level.log
    "${nice[@]}" "$build_dir/bin/wasm2native-spec" "-O$level" -j"${JOBS:-2}" \
      "$spec_suite" >"$log" 2>&1
    rc=$?
    grep -v '^passed ' "$log"
    ((rc == 0)) || { echo "sanitize-check: spec -O$level failed (rc $rc, $log)"; failed=$((failed + 1)); }
    # A report at a script's exit (LeakSanitizer) comes after its last
    # command: the runner shows it as a note without counting a failure.
    if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$log"; then
      echo "sanitize-check: sanitizer reports in spec -O$level ($log)"
      failed=$((failed + 1))
    fi
  done
else
  echo "sanitize-check: $spec_suite not found; spec suite skipped"
fi

if ((failed)); then
  echo "sanitize-check: $failed part(s) failed"
  exit 1
fi
echo "sanitize-check: ok"
