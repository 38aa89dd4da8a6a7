# Shared by the utils/real-programs scripts (sourced, not run).
#
# Conventions: a program script prints its steps with timings and ends with
# exit 0 (passed), 1 (failed: the differing outputs are named) or 2 (skipped:
# the last line says "skip: <reason>").

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
build_dir=$(cd "$repo" && mkdir -p "${BUILD_DIR:-build}" && cd "${BUILD_DIR:-build}" && pwd)
w2n=${W2N:-$build_dir/bin/wasm2native-driver}
rt_lib=$(dirname "$w2n")/../lib/wasm2native/libwasm2native-rt.a
work_root=$build_dir/real-programs
src_root=$work_root/src
wasi_cc=("$repo/utils/wasi-cc") # clang-19 --target=wasm32-wasi, no wasm-opt
native_cc=(clang-19)
W2N_OPT=${W2N_OPT:--O2}

skip() { echo "skip: $*"; exit 2; }
fail() { echo "FAIL: $*"; exit 1; }

now() { echo "$EPOCHREALTIME"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# step LABEL CMD...: runs CMD, prints LABEL with the time it took; on failure
# prints the command's output (kept in $log_dir/LABEL.log) and returns 1.
step() {
  local label=$1 t0 rc logf
  shift
  logf=$log_dir/${label//[^A-Za-z0-9_.-]/_}.log
  t0=$(now)
  "$@" >"$logf" 2>&1
  rc=$?
  printf '  %-28s %6ss%s\n' "$label" "$(since "$t0")" \
    "$( ((rc == 0)) || echo "  (exit $rc)")"
  if ((rc != 0)); then
    tail -n 30 "$logf" | sed 's/^/    | /'
    return 1
  fi
}

# need_tools CMD...: installs the Debian packages that provide missing
# commands (PACKAGE for CMD given as CMD=PACKAGE); skips when it cannot.
need_tools() {
  local missing=() spec cmd pkg sudo=()
  for spec in "$@"; do
    cmd=${spec%%=*} pkg=${spec#*=}
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || skip "missing ${missing[*]} (not root, no sudo)"
    sudo=(sudo -n)
  fi
  echo "  installing ${missing[*]}"
  { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      --no-install-recommends "${missing[@]}" ||
    { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${missing[@]}"; }; } </dev/null >"$log_dir/apt.log" 2>&1 ||
    skip "could not install ${missing[*]} (see $log_dir/apt.log)"
}

# fetch PACKAGE: sets $src to the unpacked Debian source, or skips.
fetch() {
  local out rc t0
  t0=$(now)
  out=$("$here/fetch.sh" "$1" "$src_root")
  rc=$?
  if ((rc == 2)); then
    skip "${out#skip: }"
  elif ((rc != 0)) || [[ ! -d $out ]]; then
    fail "fetching the $1 source: $out"
  fi
  src=$out
  printf '  %-28s %6ss  (%s)\n' "fetch $1" "$(since "$t0")" "${src#"$build_dir"/}"
}

# cached OUT KEY CMD...: runs CMD (which makes OUT) unless OUT exists and was
# made with the same KEY (a string naming every input). Prints "(cached)".
cached() {
  local out=$1 key=$2
  shift 2
  if [[ -e $out && -f $out.key && $(<"$out.key") == "$key" ]]; then
    local label=$1
    [[ $1 == step ]] && label=$2
    printf '  %-28s %6s\n' "$label" "cached"
    return 0
  fi
  rm -f "$out" "$out.key"
  "$@" || return 1
  [[ -e $out ]] || { echo "    | $out was not made"; return 1; }
  printf '%s' "$key" >"$out.key"
}

# The identity of the compiler under test, for cache keys: the driver and
# the runtime library it links.
w2n_key() {
  sha256sum "$w2n" "$rt_lib" 2>/dev/null | cut -d' ' -f1 | tr '\n' ' '
}

check_w2n() {
  [[ -x $w2n ]] || fail "$w2n was not built"
  command -v clang-19 >/dev/null 2>&1 || fail "clang-19 is missing (utils/install-deps.sh)"
}

# same text|binary WHAT A B: byte-compares two files; on a difference prints
# where (and for text the first lines of the diff) and returns 1.
same() {
  if cmp -s "$3" "$4"; then
    return 0
  fi
  echo "  DIFFERENT: $2: ${3#"$work_root"/} vs ${4#"$work_root"/}"
  cmp "$3" "$4" 2>&1 | head -1 | sed 's/^/    /'
  if [[ $1 == text ]]; then
    diff "$3" "$4" 2>&1 | head -20 | sed 's/^/    /'
  else
    echo "    $(cmp -l "$3" "$4" 2>/dev/null | wc -l) bytes differ"
  fi
  return 1
}
