#!/bin/sh
# Runs test/WASI/perms.c's program as the unprivileged user (uid 65534):
# builds its directory tree and executable in a fresh mktemp -d under /tmp
# (mode 0755), never under the checkout or lit's output directory, which may
# sit under a directory that user cannot traverse (a clone in a 0700
# directory). Removed afterwards, whatever happens.
#   perms-run.sh DRIVER WASM OUT
# writes the program's output to OUT, readonly.txt afterwards to
# OUT.readonly and the directory's name to OUT.tmpdir. lit.local.cfg
# enables the test (feature setpriv-tmp) only when uid 65534 can reach such
# a directory.
set -eu
w2n=$1 wasm=$2 out=$3
base=$(mktemp -d /tmp/w2n-perms.XXXXXX)
trap 'chmod -R u+rwX "$base" 2>/dev/null; rm -rf "$base"' EXIT INT TERM
chmod 755 "$base"
echo "$base" > "$out.tmpdir"
d=$base/dir
mkdir -p "$d/ro"
echo hidden > "$d/noread.txt" && chmod 000 "$d/noread.txt"
echo fixed > "$d/readonly.txt" && chmod 444 "$d/readonly.txt"
chmod 555 "$d/ro" && chmod 777 "$d"
"$w2n" --dir="$d::/d" "$wasm" -o "$base/prog"
chmod 755 "$base/prog"
setpriv --reuid=65534 --regid=65534 --clear-groups "$base/prog" > "$out"
cp "$d/readonly.txt" "$out.readonly"
