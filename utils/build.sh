#!/usr/bin/env bash
# Configures (first time) and builds wasm2native into build/.
#
#   ./utils/build.sh [extra ninja arguments, e.g. a target name]
#
# BUILD_DIR overrides the build directory; CMAKE_ARGS adds cmake options.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
# WASM2NATIVE_LLVM_VERSION (19, the default, or 22) picks the LLVM to build
# against, and the clang that compiles wasm2native.
llvm_version=${WASM2NATIVE_LLVM_VERSION:-19}
if [[ ! -f $build_dir/build.ninja ]]; then
  # shellcheck disable=SC2086
  cmake -G Ninja -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER="clang-$llvm_version" \
    -DCMAKE_CXX_COMPILER="clang++-$llvm_version" \
    -DWASM2NATIVE_LLVM_VERSION="$llvm_version" ${CMAKE_ARGS:-}
fi
# Two cores are shared with everything else on the machine; ninja's default
# (cores + 2) is right, linking libLLVM-based tools is not memory bound here.
ninja -C "$build_dir" "$@"
