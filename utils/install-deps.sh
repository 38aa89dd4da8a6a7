#!/usr/bin/env bash
# Installs everything wasm2native needs to build and test on Debian 12.
#
#   ./utils/install-deps.sh
#
# Package names checked against Debian 12 (bookworm) with its
# bookworm-updates/-security LLVM 19 (1:19.1.7-3~deb12u1).
#
# Idempotent: when every package is already installed it touches neither the
# network nor apt and finishes in well under a second. Runs as root without a
# terminal (CI); uses sudo only when not root.
set -euo pipefail

# The LLVM versions to install (WASM2NATIVE_LLVM_VERSIONS, default 19; the
# CI installs "19 22" to test both).
llvm_versions=${WASM2NATIVE_LLVM_VERSIONS:-${WASM2NATIVE_LLVM_VERSION:-19}}
packages=()
for v in $llvm_versions; do
  packages+=(
    "llvm-$v-dev"            # LLVMConfig.cmake, headers, libLLVM
    "clang-$v"               # host compiler + wasm32-wasi compiler for tests
    "lld-$v"                 # wasm-ld, ld.lld
    "liblld-$v-dev"          # lld as a library (the driver links in-process)
    "llvm-$v-tools"          # lit, FileCheck, not, count
    "libclang-rt-$v-dev-wasm32"  # libclang_rt.builtins-wasm32.a
    "libclang-rt-$v-dev"     # libFuzzer and the ASan/UBSan runtimes (utils/fuzz.sh, utils/sanitize-check.sh)
  )
done
packages+=(
  wasi-libc              # sysroot for --target=wasm32-wasi
  cmake
  ninja-build
  wabt                   # wat2wasm, wasm-objdump
  binaryen               # wasm-opt: utils/difftest.sh's modules and reference
  libgtest-dev           # unit tests
  hyperfine              # utils/bench
  python3                # lit
  libc6-dev libgcc-12-dev  # crt1/crtbegin objects the driver links executables with
  # --target=aarch64/riscv64-linux-gnu: cross C libraries for the runtime and
  # the link, and qemu-user to run the results in the tests (test/Cross).
  libc6-dev-arm64-cross libgcc-12-dev-arm64-cross
  libc6-dev-riscv64-cross libgcc-12-dev-riscv64-cross
  qemu-user
  gdb                    # test/Debug: breakpoints and backtraces in -g programs
  rustc libstd-rust-dev-wasm32  # test/Debug: a Rust program's DWARF (rustc -g --target wasm32-wasi)
)
# node runs the reference (node:wasi) side of the tests. A node that is
# already on PATH (e.g. a newer one from elsewhere) is kept.
if ! command -v node >/dev/null 2>&1; then
  packages+=(nodejs)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
      grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

# INSTALL_DEPS_FORCE=1 goes through apt even when nothing is missing.
if [[ ${INSTALL_DEPS_FORCE:-0} == 1 && ${#missing[@]} -eq 0 ]]; then
  missing=("${packages[@]}")
fi

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo -n)
  else
    echo "install-deps: not root and no sudo; install by hand: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends "${missing[@]}" </dev/null
fi

# Smoke test: the wasm32 builtins and the WASI sysroot must be where each
# clang-N --target=wasm32-wasi looks for them, lit and FileCheck there.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for v in $llvm_versions; do
  if ! echo 'int main(void){return 0;}' |
      "clang-$v" --target=wasm32-wasi -Wno-deprecated -O2 -x c - -o "$tmp/t.wasm"; then
    echo "install-deps: clang-$v --target=wasm32-wasi cannot link a program;" \
         "check libclang-rt-$v-dev-wasm32 and wasi-libc" >&2
    exit 1
  fi
  [[ -e /usr/lib/llvm-$v/build/utils/lit/lit.py || -e /usr/lib/llvm-$v/bin/lit ]] ||
    { echo "install-deps: no lit for LLVM $v" >&2; exit 1; }
  [[ -e /usr/lib/llvm-$v/bin/FileCheck ]] ||
    { echo "install-deps: missing /usr/lib/llvm-$v/bin/FileCheck" >&2; exit 1; }
done
echo "install-deps: ok"
