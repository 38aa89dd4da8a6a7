#!/usr/bin/env bash
# zlib's minigzip from the Debian source, built with clang-19 natively and
# for wasm32-wasi, the wasm compiled by wasm2native. Both round-trip the
# same generated file, through stdin/stdout at several levels and strategies
# and in file mode (`minigzip FILE` writes FILE.gz and removes FILE, and -d
# the reverse) in a directory granted with --dir=.; the compressed bytes and
# the restored files must be identical to native's and to the original.
#
#   utils/real-programs/zlib.sh      (exit 0 passed, 1 failed, 2 skipped)
set -uo pipefail
source "$(dirname "$0")/lib.sh"

work=$work_root/zlib
log_dir=$work/logs
mkdir -p "$log_dir" || exit 1
check_w2n
fetch zlib

# configure only writes zconf.h's HAVE_UNISTD_H on Linux: say it directly.
cflags=(-O2 -DHAVE_UNISTD_H -Wno-deprecated-non-prototype -I"$src")
files=(adler32.c compress.c crc32.c deflate.c gzclose.c gzlib.c gzread.c
  gzwrite.c infback.c inffast.c inflate.c inftrees.c trees.c uncompr.c
  zutil.c test/minigzip.c)
key="$src ${cflags[*]} ${files[*]} $(clang-19 --version | head -1)"
native=$work/minigzip-native
wasm=$work/minigzip.wasm
w2nexe=$work/minigzip-w2n

cached "$native" "$key" step "build native" \
  "${native_cc[@]}" "${cflags[@]}" "${files[@]/#/$src/}" -o "$native" || exit 1
cached "$wasm" "$key" step "build wasm32-wasi" \
  "${wasi_cc[@]}" "${cflags[@]}" "${files[@]/#/$src/}" -o "$wasm" || exit 1
cached "$w2nexe" "$(w2n_key) $(sha256sum <"$wasm") $W2N_OPT" \
  step "wasm2native $W2N_OPT" "$w2n" "$W2N_OPT" --dir=. "$wasm" -o "$w2nexe" || exit 1
echo "  sizes: native $(stat -c %s "$native"), wasm $(stat -c %s "$wasm")," \
  "wasm2native $(stat -c %s "$w2nexe") bytes"

data=$work/data.bin
size=$((4 << 20))
cached "$data" "gen-data $size $(sha256sum <"$here/gen-data.py")" \
  step "generate data" sh -c 'python3 "$1" "$2" >"$3"' sh "$here/gen-data.py" "$size" "$data" || exit 1

ok=1
run=$work/run
rm -rf "$run"
mkdir -p "$run" || exit 1

# Through stdin and stdout: default level 6, fastest, best, filtered,
# Huffman only and run-length encoding.
for mode in 6 1 9 f h r; do
  flag=-$mode
  [[ $mode == 6 ]] && flag=
  for side in native w2n; do
    exe=$native
    [[ $side == w2n ]] && exe=$w2nexe
    step "$side -c ${flag:--6}" sh -c '"$1" $2 <"$3" >"$4"' sh \
      "$exe" "$flag" "$data" "$run/$mode.$side.gz" || ok=0
    step "$side -d ${flag:--6}" sh -c '"$1" -d <"$2" >"$3"' sh \
      "$exe" "$run/$mode.$side.gz" "$run/$mode.$side.out" || ok=0
    same binary "restored (${flag:--6}, $side)" "$data" "$run/$mode.$side.out" || ok=0
  done
  same binary "compressed ${flag:--6}" "$run/$mode.native.gz" "$run/$mode.w2n.gz" || ok=0
  echo "    ${flag:--6}: $(stat -c %s "$run/$mode.native.gz") bytes compressed, same as native: $(
    cmp -s "$run/$mode.native.gz" "$run/$mode.w2n.gz" && echo yes || echo NO)"
done

# File mode in a granted directory (the w2n program was given --dir=.).
for side in native w2n; do
  exe=$native
  [[ $side == w2n ]] && exe=$w2nexe
  dir=$run/files-$side
  mkdir -p "$dir" && cp "$data" "$dir/data.bin" || exit 1
  step "$side file -9" sh -c 'cd "$1" && "$2" -9 data.bin' sh "$dir" "$exe" || ok=0
  (cd "$dir" && ls -l --time-style=+ . | sed 1d | awk '{print $1, $5, $NF}') >"$run/ls-c.$side"
  cp "$dir/data.bin.gz" "$run/file.$side.gz" 2>/dev/null
  step "$side file -d" sh -c 'cd "$1" && "$2" -d data.bin.gz' sh "$dir" "$exe" || ok=0
  (cd "$dir" && ls -l --time-style=+ . | sed 1d | awk '{print $1, $5, $NF}') >"$run/ls-d.$side"
  same binary "restored (file mode, $side)" "$data" "$dir/data.bin" || ok=0
done
same binary "compressed (file mode)" "$run/file.native.gz" "$run/file.w2n.gz" || ok=0
same text "directory after compressing" "$run/ls-c.native" "$run/ls-c.w2n" || ok=0
same text "directory after decompressing" "$run/ls-d.native" "$run/ls-d.w2n" || ok=0

((ok)) || fail "minigzip under wasm2native differs from native (see above)"
echo "  all outputs byte-identical to native"
