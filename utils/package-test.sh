#!/usr/bin/env bash
# Builds the Debian package of build/ (cpack -G DEB), unpacks it into a
# fresh root (dpkg -x, no root privileges needed) and uses the driver from
# there: hello for the host and, under qemu, for aarch64; `man -l` renders
# the manual page. Exit status 0 when all of that works.
#
#   ./utils/package-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
./utils/build.sh >/dev/null
(cd "$build_dir" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build_dir"/wasm2native_*.deb | head -n 1)
echo "package-test: $deb"
dpkg-deb --info "$deb" | sed -n 's/^ Depends:/  depends:/p'
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
driver=$root/usr/bin/wasm2native-driver
"$driver" --version
./utils/wasi-cc -O2 examples/hello.c -o "$root/hello.wasm"
"$driver" "$root/hello.wasm" -o "$root/hello"
"$root/hello"
if [[ -f $root/usr/lib/wasm2native/aarch64-linux-gnu/libwasm2native-rt.a ]] &&
    command -v qemu-aarch64 >/dev/null; then
  "$driver" --target=aarch64-linux-gnu "$root/hello.wasm" -o "$root/hello-arm64"
  qemu-aarch64 -L /usr/aarch64-linux-gnu "$root/hello-arm64"
fi
man -l "$root/usr/share/man/man1/wasm2native-driver.1" 2>/dev/null | head -n 3
echo "package-test: ok"
