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

packages=(
  llvm-19-dev            # LLVMConfig.cmake, headers, libLLVM
  clang-19               # host compiler + wasm32-wasi compiler for tests
  lld-19                 # wasm-ld-19 for the wasm tests, ld.lld-19
  liblld-19-dev          # lld as a library (the driver links in-process)
  llvm-19-tools          # lit, FileCheck, not, count
  libclang-rt-19-dev-wasm32  # libclang_rt.builtins-wasm32.a for clang-19
  libclang-rt-19-dev     # libFuzzer and the ASan/UBSan runtimes (utils/fuzz.sh, utils/sanitize-check.sh)
  wasi-libc              # sysroot for --target=wasm32-wasi
  cmake
  ninja-build
  wabt                   # wat2wasm, wasm-objdump
  binaryen               # wasm-opt: utils/difftest.sh's modules and reference
  libgtest-dev           # unit tests
  hyperfine              # utils/bench
  python3                # lit
  libc6-dev libgcc-12-dev  # crt1/crtbegin objects the driver links executables with
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

# Smoke test: the wasm32 builtins and the WASI sysroot must be where
# clang-19 --target=wasm32-wasi looks for them.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! echo 'int main(void){return 0;}' |
    clang-19 --target=wasm32-wasi -O2 -x c - -o "$tmp/t.wasm"; then
  echo "install-deps: clang-19 --target=wasm32-wasi cannot link a program;" \
       "check libclang-rt-19-dev-wasm32 and wasi-libc" >&2
  exit 1
fi
for tool in /usr/lib/llvm-19/build/utils/lit/lit.py /usr/lib/llvm-19/bin/FileCheck; do
  [[ -e $tool ]] || { echo "install-deps: missing $tool" >&2; exit 1; }
done
echo "install-deps: ok"
