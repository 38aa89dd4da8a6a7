#!/usr/bin/env bash
# Builds the libFuzzer targets into build-fuzz/ and runs one of them.
#
#   ./utils/fuzz.sh [reader|compile] [SECONDS] [extra libFuzzer options]
#
#   reader   wasm2native-fuzz-reader: readWasmModule + validateWasmModule
#            on arbitrary bytes
#   compile  wasm2native-fuzz-compile: reader, validator, IRGen, the LLVM
#            verifier, the optimiser and codegen to an object in memory
#            (the level, bounds mode and output kind come from a hash of
#            the input; inputs over 64 KiB are skipped)
#
# Defaults: reader, 60 seconds. The first run configures build-fuzz/ with
# -DWASM2NATIVE_ENABLE_FUZZERS=ON (clang-19, -fsanitize=fuzzer,address,
# undefined) and seeds build-fuzz/corpus/<target>/ with every .wasm of
# ../shared/wasm-spec-testsuite/ when it exists; the corpus grows across
# runs. Crashes, leaks and timeouts are written to build-fuzz/artifacts/
# <target>/ (reproduce: build-fuzz/bin/wasm2native-fuzz-<target> FILE).
#
# Environment: BUILD_DIR (default build-fuzz), JOBS (ninja -j, default 2),
# SPEC_TESTSUITE (seed directory), NICE (default 15), TIMEOUT (seconds of
# wall time one input may take, default 60: generous, because on a loaded
# machine a niced fuzzer's wall time is not its CPU time).
#
# Example, 30 CPU-minutes of the compile target in one process:
#   ./utils/fuzz.sh compile 1800
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:-reader}
seconds=${2:-60}
shift $(($# < 2 ? $# : 2))
case $target in
  reader | compile) ;;
  *) echo "usage: $0 [reader|compile] [SECONDS] [libFuzzer options]" >&2; exit 2 ;;
esac

./utils/install-deps.sh >/dev/null

build_dir=${BUILD_DIR:-build-fuzz}
if [[ ! -f $build_dir/build.ninja ]]; then
  cmake -G Ninja -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DWASM2NATIVE_ENABLE_FUZZERS=ON -DWASM2NATIVE_BUILD_TESTS=OFF
fi
nice -n "${NICE:-15}" ninja -C "$build_dir" -j "${JOBS:-2}" "wasm2native-fuzz-$target"

corpus=$build_dir/corpus/$target
artifacts=$build_dir/artifacts/$target
mkdir -p "$corpus" "$artifacts"
seeds=${SPEC_TESTSUITE:-../shared/wasm-spec-testsuite}
if [[ -z $(ls -A "$corpus") && -d $seeds ]]; then
  # Content-addressed names: the suite repeats many modules.
  while IFS= read -r -d '' f; do
    cp "$f" "$corpus/$(sha1sum "$f" | cut -c1-40)"
  done < <(find "$seeds" -name '*.wasm' -print0)
  echo "fuzz: seeded $corpus with $(ls "$corpus" | wc -l) modules"
fi

# The compile target skips inputs over 64 KiB; the reader sees bigger ones.
max_len=$([[ $target == compile ]] && echo 65536 || echo 262144)
exec nice -n "${NICE:-15}" "$build_dir/bin/wasm2native-fuzz-$target" \
  -max_total_time="$seconds" -timeout="${TIMEOUT:-60}" -rss_limit_mb=2560 \
  -max_len="$max_len" -print_final_stats=1 \
  -artifact_prefix="$artifacts/" "$@" "$corpus"
