#!/usr/bin/env bash
# Converts the Wasm 3.0 spec scripts that ../shared has only as .wast
# sources (wabt 1.0.32's wast2json could not parse them) into wast2json-style
# command scripts for tools/wasm2native-spec:
#
#   ./utils/convert-wasm3-wast.sh [--verify] OUT_DIR [SRC_DIR]
#
# SRC_DIR defaults to ../shared/wasm-spec-testsuite/wasm-3.0-wast. OUT_DIR
# (a build directory, e.g. build/spec-wasm-3.0-wast) gets NAME/NAME.json,
# NAME/NAME.N.wasm and NAME/NAME.N.wat per script, conversion-report.txt
# (every module wabt could not parse, with the feature it needs and wabt's
# message) and, in OUT_DIR/.wabt, npm's wabt 1.0.39 (the wabt.js package:
# wat2wasm and a parseWat API, no wast2json; utils/convert-wasm3-wast.js
# does the rest). The sources are read in place, never copied; OUT_DIR may
# not be inside ../shared nor a tracked part of the repository.
#
# --verify checks the converter itself: it also converts the .wast sources
# of ../shared's wasm-2.0/ and wasm-3.0/ (which wabt 1.0.32's wast2json
# converted) into OUT_DIR/verify/ and compares the commands and binaries
# with wast2json's; exit status 1 on any difference.
#
# Installs node and npm with apt when missing (as root, or with sudo).
# Prints `convert: ...` summary lines; exit status 1 when a script could not
# be converted at all (modules wabt cannot parse are not errors: they are
# listed and counted, and the runner skips them by feature).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
verify=0
if [[ ${1:-} == --verify ]]; then
  verify=1
  shift
fi
if (($# < 1 || $# > 2)); then
  echo "usage: $0 [--verify] OUT_DIR [SRC_DIR]" >&2
  exit 2
fi
out=$1
src=${2:-$repo/../shared/wasm-spec-testsuite/wasm-3.0-wast}
wabt_version=1.0.39

if [[ ! -d $src ]]; then
  echo "convert: skipped: $src not found" >&2
  exit 0
fi
src=$(cd "$src" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

# "Use it, don't copy it": nothing is written next to the sources, and
# nothing into the repository's tracked tree.
case $out/ in
  "$src"/* | "$(cd "$src/.." && pwd)"/*)
    echo "convert: error: OUT_DIR $out is inside the test suite" >&2
    exit 2
    ;;
esac
case $out/ in
  "$repo"/*)
    if ! git -C "$repo" check-ignore -q "$out"; then
      echo "convert: error: OUT_DIR $out is inside the repository and not ignored (use a build directory)" >&2
      exit 2
    fi
    ;;
esac

as_root() {
  if ((EUID == 0)); then "$@"; else sudo "$@"; fi
}
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "convert: installing nodejs and npm" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

# npm's wabt package, unpacked once into OUT_DIR/.wabt/package.
wabt_dir=$out/.wabt
if [[ $(node -p "try { require('$wabt_dir/package/package.json').version } catch (e) { '' }") != "$wabt_version" ]]; then
  rm -rf "$wabt_dir"
  mkdir -p "$wabt_dir"
  (cd "$wabt_dir" && npm pack --silent "wabt@$wabt_version" >/dev/null)
  tar -xzf "$wabt_dir/wabt-$wabt_version.tgz" -C "$wabt_dir"
  rm -f "$wabt_dir/wabt-$wabt_version.tgz"
fi

shopt -s nullglob
files=("$src"/*.wast)
if ((${#files[@]} == 0)); then
  echo "convert: error: no .wast files in $src" >&2
  exit 1
fi
status=0
node "$repo/utils/convert-wasm3-wast.js" "$wabt_dir/package" "$out" "${files[@]}" || status=1

if ((verify)); then
  for ref in "$src/../wasm-2.0" "$src/../wasm-3.0"; do
    [[ -d $ref ]] || continue
    name=$(basename "$ref")
    rm -rf "$out/verify/$name"
    mkdir -p "$out/verify/$name"
    node "$repo/utils/convert-wasm3-wast.js" "$wabt_dir/package" "$out/verify/$name" "$ref"/*/*.wast |
      sed "s/^/$name: /" || status=1
    node "$repo/utils/convert-wasm3-wast.js" --compare "$ref" "$out/verify/$name" |
      sed "s/^/$name: /" || status=1
  done
fi
exit $status
