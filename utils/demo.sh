#!/usr/bin/env bash
# Installs the dependencies, builds wasm2native, compiles the bundled example
# examples/hello.wasm to a native executable build/hello and runs it.
#
#   ./utils/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

./utils/install-deps.sh
./utils/build.sh

build_dir=${BUILD_DIR:-build}
driver=$build_dir/bin/wasm2native-driver
rm -f "$build_dir/hello"
echo "+ $driver -O2 examples/hello.wasm -o $build_dir/hello"
"$driver" -O2 examples/hello.wasm -o "$build_dir/hello"
echo "+ $build_dir/hello one 'two three'"
"$build_dir/hello" one 'two three'
