#!/usr/bin/env bash
# wasm2native benchmark suite (issue #6): one command that builds every
# program natively and as a WASI module, runs it under each engine, checks
# that every output equals the native one and writes a markdown report.
#
#   ./utils/bench/run.sh                 # everything, 5 runs each (hyperfine median)
#   ./utils/bench/run.sh --quick         # tiny inputs, 1 run: checks the setup in a few minutes
#   ./utils/bench/run.sh fib sqlite      # only these programs (extra sections still run)
#
# Programs:
#   kernels  utils/bench/kernels/*.c: fib (calls), matmul (double loads/stores),
#            sha256 (32-bit integer), sort (qsort with a comparator), interp
#            (switch-dispatched bytecode loop), bintrees (malloc/free trees),
#            strings (tokenizing, hashing words, strstr), nbody (double, sqrt)
#   sqlite   sqlite3's test/speedtest1.c on the amalgamation, --memdb --verify,
#            from Debian's sqlite3 source package (timing columns of its output
#            are masked before the outputs are compared)
#   zlib     utils/bench/real/zlib-bench.c: deflate + inflate of a generated
#            20 MB buffer with zlib from Debian's zlib source package
#   The real programs' sources come from `apt-get source`, through
#   utils/real-programs/fetch.sh when it exists (else a minimal fetch here that
#   adds deb-src entries mirroring the system's deb entries), and are kept in
#   build/real-programs/src/ (BENCH_SRC_DIR), shared with utils/real-programs;
#   when they cannot be fetched their rows are skipped, visibly, in the report.
#
# Builds: native with `clang-19 -O2` (generic x86-64) and `clang-19 -O2
# -march=native`; wasm with `clang-19 --target=wasm32-wasi -O2` (no wasm-opt),
# and for the kernels also with `-msimd128` (the SIMD row set).
# Engines (columns), each skipped cleanly when its tool is missing:
#   wasm2native      build/bin/wasm2native-driver -O2
#   wasm2native -mcpu=native   against native -march=native (own table)
#   bounds modes     (kernels; own table, ratios to -fbounds-checks=inexact,
#                    the plain-load lowering that is not spec-exact): the
#                    default exact guard-page executable, -fbounds-checks=
#                    explicit, and the embedder's -c object (exact state after
#                    a trap) linked into utils/bench/embed-harness.c
#   wamrc            WAMR's AOT compiler + iwasm from ../shared/peers/bin
#                    (PEERS_DIR), --cpu=x86-64 (x86-64-v2 for SIMD modules)
#   w2c2             ../shared/peers/bin/w2c2 + clang-19 -O2 (no SIMD, no bounds checks)
#   node             V8 running the .wasm under node:wasi
#   (wabt's wasm2c is not a column: Debian's wabt ships no WASI runtime for it.)
# Extra sections: stripped size of hello world (utils/bench/hello.c); start-up
# time of an empty program (`int main(){return 0;}`, hyperfine -N, many runs);
# compile time (wall, user+sys, peak RSS by /usr/bin/time) of the largest wasm
# module built in this run at -O0 and -O2, MB of code section per second and
# whether -O2 used both cores ((user+sys)/wall > 1.3).
#
# Options:
#   --runs N          timed runs per command (default 5; the median is reported)
#   --startup-runs N  runs for the start-up measurement (default 300)
#   --quick           tiny inputs, 1 run, 10 start-up runs, 1 compile run
#   --no-build        use build/ as it is (no install-deps, no build)
#   --no-node         leave out the node column
#   --no-real         leave out sqlite and zlib (no source fetch)
#   --no-simd         leave out the -msimd128 row set
#   --no-extra        leave out the size, start-up and compile-time sections
#   --no-modes        leave out the bounds-checking modes table
#   --llvm22          add wasm2native built against LLVM 22 (BUILD_DIR_LLVM22,
#                     default build-22; built first unless --no-build) as a
#                     column, a hello-size row and a compile-time row
#   --no-cache        rebuild everything; by default the clang-19 builds and
#                     the wamrc/w2c2 outputs are reused from build/bench/cache/
#                     when the command line and input files are unchanged
#                     (wasm2native's outputs are always rebuilt)
#   -h, --help        this text
# Environment: BUILD_DIR (default build), PEERS_DIR (default ../shared/peers),
#   BENCH_SRC_DIR (default build/real-programs/src).
# Results: build/bench/results.md (the report, also printed) and
# build/bench/*/ (binaries, outputs, logs, hyperfine JSON). The exit status is
# non-zero when a build failed or an output differed from native's.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

runs=5 startup_runs=300 quick=0 build=1 use_node=1 use_real=1 use_simd=1
use_modes=1 use_llvm22=0 extras=1 use_cache=1 programs=()
while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --runs=*) runs=${1#--runs=}; shift ;;
    --startup-runs) startup_runs=$2; shift 2 ;;
    --startup-runs=*) startup_runs=${1#--startup-runs=}; shift ;;
    --quick) quick=1; runs=1; startup_runs=10; shift ;;
    --no-build) build=0; shift ;;
    --no-node) use_node=0; shift ;;
    --no-real) use_real=0; shift ;;
    --no-simd) use_simd=0; shift ;;
    --no-extra) extras=0; shift ;;
    --no-modes) use_modes=0; shift ;;
    --llvm22) use_llvm22=1; shift ;;
    --no-cache) use_cache=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) programs+=("$1"); shift ;;
  esac
done
kernels=()
for f in utils/bench/kernels/*.c; do kernels+=("$(basename "$f" .c)"); done
if ((${#programs[@]} == 0)); then
  programs=("${kernels[@]}")
  ((use_real)) && programs+=(sqlite zlib)
fi
is_kernel() { [[ -f utils/bench/kernels/$1.c ]]; }

# Inputs. The defaults run about 0.5-1 s natively; --quick uses tiny ones.
declare -A args_full=(
  [sqlite]="--memdb --size 50 --verify" [zlib]="20"
)
declare -A args_quick=(
  [fib]="27" [matmul]="64 2" [sha256]="65536 2" [sort]="20000 1"
  [interp]="100000" [bintrees]="8" [strings]="100000 1" [nbody]="10000"
  [sqlite]="--memdb --size 2 --verify" [zlib]="1"
)

build_dir=${BUILD_DIR:-build}
out=$build_dir/bench
src_dir=${BENCH_SRC_DIR:-$build_dir/real-programs/src}
driver=$build_dir/bin/wasm2native-driver
driver22=${BUILD_DIR_LLVM22:-build-22}/bin/wasm2native-driver
peers=${PEERS_DIR:-$root/../shared/peers}
strip=/usr/lib/llvm-19/bin/llvm-strip
warm=$((quick ? 0 : 1))

# Installs Debian packages that are missing (no apt at all when none is).
ensure_pkgs() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
      missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo -n)
  echo "run.sh: installing ${missing[*]}" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends "${missing[@]}" </dev/null >&2 ||
    { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null >&2 &&
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${missing[@]}" </dev/null >&2; }
}

if ((build)); then
  ./utils/install-deps.sh >&2
  # Serialised with other builds on a shared machine when flock is there.
  lock=(); command -v flock >/dev/null && lock=(flock /tmp/w2n-build.lock)
  "${lock[@]}" ./utils/build.sh >&2 || echo "run.sh: the build failed; benchmarking what exists" >&2
  # /usr/bin/time for peak RSS; tcl builds sqlite's amalgamation; dpkg-dev
  # unpacks `apt-get source`.
  ensure_pkgs time tcl dpkg-dev || echo "run.sh: could not install time/tcl/dpkg-dev" >&2
fi
have_w2n=0; [[ -x $driver ]] && have_w2n=1
if ((use_llvm22 && build)); then
  WASM2NATIVE_LLVM_VERSIONS="19 22" ./utils/install-deps.sh >&2
  BUILD_DIR=${BUILD_DIR_LLVM22:-build-22} WASM2NATIVE_LLVM_VERSION=22 ./utils/build.sh >&2 ||
    echo "run.sh: the LLVM 22 build failed" >&2
fi
have_w2n22=0; ((use_llvm22)) && [[ -x $driver22 ]] && have_w2n22=1
have_wamr=0; [[ -x $peers/bin/wamrc && -x $peers/bin/iwasm ]] && have_wamr=1
have_w2c2=0; [[ -x $peers/bin/w2c2 && -f $peers/lib/libw2c2wasi.a && -f $peers/w2c2-main.c ]] && have_w2c2=1
have_node=0; ((use_node)) && command -v node >/dev/null && have_node=1
((have_w2n)) || echo "run.sh: no $driver: the wasm2native columns are left out" >&2
((have_wamr)) || echo "run.sh: no wamrc/iwasm in $peers/bin: that column is left out" >&2
((have_w2c2)) || echo "run.sh: no w2c2 in $peers: that column is left out" >&2

mkdir -p "$out" "$src_dir"
src_dir=$(cd "$src_dir" && pwd)
node_cmd=(node --single-threaded --no-warnings "$root/utils/lit/run-node-wasi.mjs")
status=0
cache=$out/cache
# Sections of an earlier run must not end up in this run's report.
rm -rf "$out/hello" "$out/startup" "$out/compile"
: >"$out/skipped.txt"
skip() { echo "run.sh: skipping $1: $2" >&2; echo "$1|$2" >>"$out/skipped.txt"; }

# ---------------------------------------------------------------------------
# Sources of the real programs.

# Makes `apt-get source` possible: adds deb-src entries mirroring the
# system's deb entries (same archive, suites and keys) when there are none.
ensure_deb_src() {
  if grep -rqsE '^(deb-src[[:space:]]|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    return 0
  fi
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo -n)
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
      "${sudo[@]}" tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
  elif [[ -f /etc/apt/sources.list ]]; then
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list |
      "${sudo[@]}" tee /etc/apt/sources.list.d/debian-src.list >/dev/null
  else
    return 1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null >&2
}

# Prints the unpacked source tree of Debian source package $1 (cached).
# utils/real-programs/fetch.sh does it when it is there (it leaves the apt
# configuration alone); otherwise the minimal fetch below.
fetch_src() {
  local pkg=$1 dir
  if [[ -x utils/real-programs/fetch.sh ]]; then
    dir=$(utils/real-programs/fetch.sh "$pkg" "$src_dir") || { echo "run.sh: $dir" >&2; return 1; }
    echo "$dir"
    return 0
  fi
  dir=$(find "$src_dir" -mindepth 1 -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -1)
  if [[ -z $dir ]]; then
    ensure_deb_src >&2 || return 1
    (cd "$src_dir" && apt-get source -q "$pkg" >"$pkg.fetch.log" 2>&1) || return 1
    dir=$(find "$src_dir" -mindepth 1 -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -1)
  fi
  [[ -n $dir ]] && echo "$dir"
}

# sqlite3.c/.h generated from the sqlite3 source tree (needs tclsh).
sqlite_amalgamation() {
  local tree=$1 b
  b=$(cd "$out" && pwd)/sqlite3-amalgamation
  if [[ ! -f $b/sqlite3.c || $(cat "$b/source" 2>/dev/null) != "$tree" ]]; then
    rm -rf "$b"; mkdir -p "$b"
    (cd "$b" && "$tree/configure" >configure.log 2>&1 && make sqlite3.c >make.log 2>&1) ||
      { rm -f "$b/sqlite3.c"; return 1; }
    echo "$tree" >"$b/source"
  fi
  echo "$b"
}

# Sets the build description of program $1: srcs, cflags (both targets),
# wflags (wasm only), wlibs (wasm only), args, filter (sed script applied to
# outputs before comparing). Returns non-zero (after skip) when unavailable.
describe() {
  local p=$1 tree
  srcs=() cflags=() wflags=() wlibs=() filter=''
  if is_kernel "$p"; then
    srcs=("utils/bench/kernels/$p.c")
    args=${args_full[$p]:-}
  else
    case $p in
      sqlite)
        tree=$(fetch_src sqlite3) || { skip sqlite "apt-get source sqlite3 failed"; return 1; }
        local am
        am=$(sqlite_amalgamation "$tree") ||
          { skip sqlite "could not generate the amalgamation (see $out/sqlite3-amalgamation/*.log)"; return 1; }
        srcs=("$tree/test/speedtest1.c" "$am/sqlite3.c")
        cflags=(-w "-I$am" -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_THREADSAFE=0)
        # wasi-libc lacks fcntl locks, fchmod/fchown, geteuid, getpagesize:
        # the shim declares them (unused with --memdb).
        wflags=(-include utils/bench/real/sqlite-wasi-shim.h -D_WASI_EMULATED_SIGNAL
                -D_WASI_EMULATED_MMAN -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID)
        wlibs=(-lwasi-emulated-signal -lwasi-emulated-mman -lwasi-emulated-process-clocks
               -lwasi-emulated-getpid)
        filter='s/[0-9]+\.[0-9]+s$/<time>/'
        ;;
      zlib)
        tree=$(fetch_src zlib) || { skip zlib "apt-get source zlib failed"; return 1; }
        srcs=(utils/bench/real/zlib-bench.c)
        local f
        for f in adler32 compress crc32 deflate infback inffast inflate inftrees trees uncompr zutil; do
          srcs+=("$tree/$f.c")
        done
        cflags=(-w "-I$tree")
        ;;
      *) echo "run.sh: no program $p (kernels: ${kernels[*]}; real: sqlite zlib)" >&2; exit 2 ;;
    esac
    args=${args_full[$p]:-}
  fi
  ((quick)) && args=${args_quick[$p]:-}
  return 0
}

# Compiles wasm module $1 with w2c2 + clang-19 -O2 into executable $2.
build_w2c2() {
  local wasm=$1 exe=$2 w
  w=$(dirname "$exe")/w2c2-src
  rm -rf "$w"; mkdir -p "$w"
  cp "$wasm" "$w/prog.wasm" # the symbol prefix comes from the file name
  (cd "$w" && "$peers/bin/w2c2" -f 500 prog.wasm prog.c) || return 1
  find "$w" -name '*.c' -print0 | xargs -0 -P2 -I{} \
    clang-19 -O2 -w "-I$peers/include/w2c2" "-I$peers/include/wasi" "-I$w" -c {} -o {}.o || return 1
  clang-19 -O2 -w "-I$peers/include/w2c2" "-I$peers/include/wasi" "-I$w" "$w"/*.o \
    "$peers/w2c2-main.c" "-L$peers/lib" -lw2c2wasi -lm -o "$exe"
}

# Runs "name|command" entries: each output must equal native's (after the
# filter); the ones that pass go to hyperfine, which writes JSON to $1.
check_and_time() {
  local json=$1 d=$2; shift 2
  local c name cmd hf=()
  for c in "$@"; do
    name=${c%%|*} cmd=${c#*|}
    # shellcheck disable=SC2086
    if ! $cmd >"$d/$name.out" 2>"$d/$name.err"; then
      echo "run.sh: $d/$name exited with an error (see $d/$name.err)" >&2
      status=1; continue
    fi
    if [[ -n $filter ]]; then
      sed -E -i "$filter" "$d/$name.out"
    fi
    if [[ $name != native ]] && ! cmp -s "$d/native.out" "$d/$name.out"; then
      echo "run.sh: $d/$name prints something else than native:" >&2
      diff "$d/native.out" "$d/$name.out" | head -5 >&2 || true
      status=1; continue
    fi
    hf+=(-n "$name" "$cmd")
  done
  ((${#hf[@]})) || return 0
  hyperfine -N --style basic --runs "$runs" --warmup "$warm" \
    --export-json "$json" "${hf[@]}" >&2
}

# Runs build command "$@" for output $1 unless the cache has it: the key
# hashes the command line and the contents of the files in $2 (the inputs).
# Only the clang-19 builds and the peers' outputs are cached, never
# wasm2native's (the compiler under test).
cached() {
  local o=$1 in=$2 key; shift 2
  # shellcheck disable=SC2086
  key=$({ printf '%s\n' "$@"; cat $in; } | sha256sum | cut -c1-40)
  if ((use_cache)) && [[ -f $cache/$key ]]; then
    cp "$cache/$key" "$o"
    return 0
  fi
  "$@" || return 1
  mkdir -p "$cache" && cp "$o" "$cache/$key.tmp" && mv "$cache/$key.tmp" "$cache/$key"
}

# The embedder's build of module $1 as $2: an -c object (exact state after a
# trap) linked into utils/bench/embed-harness.c with the runtime library.
build_embed() {
  "$driver" -O2 -c "$1" -o "$2.o" &&
    clang-19 -O2 -I"$root/include/wasm2native/Runtime" "$root/utils/bench/embed-harness.c" \
      "$2.o" "$build_dir/lib/wasm2native/libwasm2native-rt.a" -lm -o "$2"
}

# Background jobs: start with bg LOG cmd..., then wait_all (non-zero if any failed).
jobs_pids=() jobs_logs=()
bg() { local log=$1; shift; ("$@") >"$log" 2>&1 & jobs_pids+=($!); jobs_logs+=("$log"); }
wait_all() {
  local i rc=0
  for i in "${!jobs_pids[@]}"; do
    wait "${jobs_pids[$i]}" || { echo "run.sh: failed, see ${jobs_logs[$i]}" >&2; rc=1; }
  done
  jobs_pids=() jobs_logs=()
  return $rc
}

# ---------------------------------------------------------------------------
# Timed programs.
built_wasm=()
for p in "${programs[@]}"; do
  describe "$p" || continue
  d=$out/$p
  rm -rf "$d"; mkdir -p "$d"
  echo "== $p $args" >&2
  inputs="${srcs[*]} utils/bench/real/sqlite-wasi-shim.h"
  bg "$d/build-native.log" cached "$d/native" "$inputs" \
    clang-19 -O2 "${cflags[@]}" "${srcs[@]}" -o "$d/native" -lm
  bg "$d/build-march.log" cached "$d/native-march" "$inputs" \
    clang-19 -O2 -march=native "${cflags[@]}" "${srcs[@]}" -o "$d/native-march" -lm
  bg "$d/build-wasm.log" cached "$d/$p.wasm" "$inputs" \
    "$root/utils/wasi-cc" -O2 "${cflags[@]}" "${wflags[@]}" "${srcs[@]}" "${wlibs[@]}" -o "$d/$p.wasm"
  simd=0
  if ((use_simd)) && is_kernel "$p"; then
    simd=1
    bg "$d/build-simd.log" cached "$d/$p-simd.wasm" "$inputs" \
      "$root/utils/wasi-cc" -O2 -msimd128 "${cflags[@]}" "${wflags[@]}" "${srcs[@]}" \
      "${wlibs[@]}" -o "$d/$p-simd.wasm"
  fi
  if ! wait_all; then
    skip "$p" "the clang-19 builds failed (see $d/build-*.log)"; status=1; continue
  fi
  built_wasm+=("$d/$p.wasm")

  # Engines, compiled two at a time.
  ((have_w2n)) && bg "$d/w2n.log" "$driver" -O2 "$d/$p.wasm" -o "$d/w2n"
  ((have_w2n)) && bg "$d/w2n-mcpu.log" "$driver" -O2 -mcpu=native "$d/$p.wasm" -o "$d/w2n-mcpu"
  wait_all || status=1
  if ((have_w2n22)); then
    bg "$d/w2n22.log" "$driver22" -O2 "$d/$p.wasm" -o "$d/w2n22"
    wait_all || status=1
  fi
  modes=0
  if ((have_w2n && use_modes)) && is_kernel "$p"; then
    modes=1
    bg "$d/w2n-inexact.log" "$driver" -O2 -fbounds-checks=inexact "$d/$p.wasm" -o "$d/w2n-inexact"
    bg "$d/w2n-explicit.log" "$driver" -O2 -fbounds-checks=explicit "$d/$p.wasm" -o "$d/w2n-explicit"
    wait_all || status=1
    bg "$d/w2n-embed.log" build_embed "$d/$p.wasm" "$d/w2n-embed"
    wait_all || status=1
  fi
  ((have_wamr)) && bg "$d/wamrc.log" cached "$d/$p.aot" "$d/$p.wasm $peers/bin/wamrc" \
    "$peers/bin/wamrc" --target=x86_64 --cpu=x86-64 -o "$d/$p.aot" "$d/$p.wasm"
  ((have_w2c2)) && bg "$d/w2c2.log" cached "$d/w2c2" "$d/$p.wasm $peers/bin/w2c2 $peers/lib/libw2c2wasi.a" \
    build_w2c2 "$d/$p.wasm" "$d/w2c2"
  wait_all || status=1
  if ((simd)); then
    ((have_w2n)) && bg "$d/w2n-simd.log" "$driver" -O2 "$d/$p-simd.wasm" -o "$d/w2n-simd"
    ((have_wamr)) && bg "$d/wamrc-simd.log" cached "$d/$p-simd.aot" "$d/$p-simd.wasm $peers/bin/wamrc" \
      "$peers/bin/wamrc" --target=x86_64 --cpu=x86-64-v2 -o "$d/$p-simd.aot" "$d/$p-simd.wasm"
    wait_all || status=1
  fi

  cmds=("native|$d/native $args")
  [[ -x $d/w2n ]] && cmds+=("wasm2native|$d/w2n $args")
  [[ -x $d/w2n22 ]] && cmds+=("wasm2native-llvm22|$d/w2n22 $args")
  [[ -f $d/$p.aot ]] && cmds+=("wamrc|$peers/bin/iwasm $d/$p.aot $args")
  [[ -x $d/w2c2 ]] && cmds+=("w2c2|$d/w2c2 $args")
  ((have_node)) && cmds+=("node|${node_cmd[*]} $d/$p.wasm $args")
  cmds+=("native-march|$d/native-march $args")
  [[ -x $d/w2n-mcpu ]] && cmds+=("wasm2native-mcpu|$d/w2n-mcpu $args")
  check_and_time "$d/times.json" "$d" "${cmds[@]}"
  if ((modes)); then
    cmds=("native|$d/native $args")
    [[ -x $d/w2n-inexact ]] && cmds+=("inexact|$d/w2n-inexact $args")
    [[ -x $d/w2n ]] && cmds+=("exact|$d/w2n $args")
    [[ -x $d/w2n-explicit ]] && cmds+=("explicit|$d/w2n-explicit $args")
    [[ -x $d/w2n-embed ]] && cmds+=("embed|$d/w2n-embed $args")
    mkdir -p "$d/modes"
    cp "$d/native.out" "$d/modes/native.out"
    check_and_time "$d/modes.json" "$d/modes" "${cmds[@]:1}"
  fi
  if ((simd)); then
    cmds=("native|$d/native $args")
    [[ -x $d/w2n-simd ]] && cmds+=("wasm2native|$d/w2n-simd $args")
    [[ -f $d/$p-simd.aot ]] && cmds+=("wamrc|$peers/bin/iwasm $d/$p-simd.aot $args")
    ((have_node)) && cmds+=("node|${node_cmd[*]} $d/$p-simd.wasm $args")
    mkdir -p "$d/simd"
    cp "$d/native.out" "$d/simd/native.out"
    check_and_time "$d/simd.json" "$d/simd" "${cmds[@]:1}"
  fi
done

# ---------------------------------------------------------------------------
# Extra sections.
if ((extras)); then
  # Hello world, stripped (utils/bench/hello.c is the canonical
  # printf("hello, world\n")).
  hd=$out/hello; rm -rf "$hd"; mkdir -p "$hd"
  clang-19 -O2 utils/bench/hello.c -o "$hd/native" && "$strip" "$hd/native"
  "$root/utils/wasi-cc" -O2 utils/bench/hello.c -o "$hd/hello.wasm"
  if ((have_w2n)) && "$driver" -O2 "$hd/hello.wasm" -o "$hd/w2n"; then
    "$strip" "$hd/w2n"
  fi
  if ((have_w2n22)) && "$driver22" -O2 "$hd/hello.wasm" -o "$hd/w2n22"; then
    "$strip" "$hd/w2n22"
  fi
  if ((have_w2c2)) && build_w2c2 "$hd/hello.wasm" "$hd/w2c2" >"$hd/w2c2.log" 2>&1; then
    "$strip" "$hd/w2c2"
  fi
  if ((have_wamr)); then
    "$peers/bin/wamrc" --target=x86_64 --cpu=x86-64 -o "$hd/hello.aot" \
      "$hd/hello.wasm" >/dev/null 2>&1 || rm -f "$hd/hello.aot"
    "$strip" -o "$hd/iwasm" "$peers/bin/iwasm" || true
  fi

  # Start-up of an empty program.
  sd=$out/startup; rm -rf "$sd"; mkdir -p "$sd"
  echo 'int main(void) { return 0; }' >"$sd/empty.c"
  clang-19 -O2 "$sd/empty.c" -o "$sd/native"
  "$root/utils/wasi-cc" -O2 "$sd/empty.c" -o "$sd/empty.wasm"
  hf=(-n native "$sd/native")
  if ((have_w2n)) && "$driver" -O2 "$sd/empty.wasm" -o "$sd/w2n"; then
    hf+=(-n wasm2native "$sd/w2n")
  fi
  if ((have_wamr)) && "$peers/bin/wamrc" --target=x86_64 --cpu=x86-64 -o "$sd/empty.aot" \
      "$sd/empty.wasm" >/dev/null 2>&1; then
    hf+=(-n wamrc "$peers/bin/iwasm $sd/empty.aot")
  fi
  if ((have_w2c2)) && build_w2c2 "$sd/empty.wasm" "$sd/w2c2" >"$sd/w2c2.log" 2>&1; then
    hf+=(-n w2c2 "$sd/w2c2")
  fi
  ((have_node)) && hf+=(-n node "${node_cmd[*]} $sd/empty.wasm")
  echo "== start-up ($startup_runs runs)" >&2
  hyperfine -N --style basic --runs "$startup_runs" --warmup $((quick ? 1 : 20)) \
    --export-json "$sd/times.json" "${hf[@]}" >&2 || status=1

  # Compile time of the largest module built in this run.
  cd_=$out/compile; rm -rf "$cd_"; mkdir -p "$cd_"
  largest=
  for w in "${built_wasm[@]}"; do
    if [[ -z $largest ]] || (($(stat -c %s "$w") > $(stat -c %s "$largest"))); then
      largest=$w
    fi
  done
  if [[ -n $largest && -x /usr/bin/time ]]; then
    code=$(wasm-objdump -h "$largest" | sed -nE 's/^ *Code .*\(size=(0x[0-9a-f]+)\).*/\1/p')
    printf '%s\t%s\t%s\n' "$largest" "$(stat -c %s "$largest")" "$((code))" >"$cd_/module.tsv"
    creps=$((quick ? 1 : 3))
    echo "== compile time of $largest ($creps runs each)" >&2
    : >"$cd_/times.tsv"
    for lvl in O0 O2; do
      ((have_w2n)) || break
      for ((i = 0; i < creps; ++i)); do
        /usr/bin/time -f "wasm2native -$lvl	%e	%U	%S	%M" -a -o "$cd_/times.tsv" \
          "$driver" "-$lvl" "$largest" -o "$cd_/out-$lvl" >&2 || status=1
        if ((have_w2n22)); then
          /usr/bin/time -f "wasm2native (LLVM 22) -$lvl	%e	%U	%S	%M" -a -o "$cd_/times.tsv" \
            "$driver22" "-$lvl" "$largest" -o "$cd_/out22-$lvl" >&2 || status=1
        fi
      done
    done
    if ((have_wamr)); then
      for ((i = 0; i < creps; ++i)); do
        /usr/bin/time -f "wamrc (its default -O3)	%e	%U	%S	%M" -a -o "$cd_/times.tsv" \
          "$peers/bin/wamrc" --target=x86_64 --cpu=x86-64 -o "$cd_/out.aot" "$largest" \
          >"$cd_/wamrc.log" 2>&1 || true
      done
    fi
  fi
fi

# ---------------------------------------------------------------------------
# The report.
python3 - "$out" "$runs" "$startup_runs" "$quick" "${programs[@]}" >"$out/results.md" <<'PY'
import json, math, os, platform, statistics, sys

out, runs, startup_runs, quick = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
programs = sys.argv[5:]

def load(path):
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return {r["command"]: r for r in json.load(f)["results"]}

def geo(v):
    return math.exp(sum(map(math.log, v)) / len(v)) if v else None

def fmt_ratio(x):
    return "—" if x is None else "%.2f" % x

def row(cells):
    print("| " + " | ".join(cells) + " |")

def table(title, data, base, engines, note, extra=None):
    """data: {program: {engine: result}}; base: engine name or {program: seconds}."""
    present = [e for e, _ in engines if any(e in d for d in data.values())]
    labels = dict(engines)
    if not data:
        return {}
    print("### " + title)
    print()
    if note:
        print(note)
        print()
    head = ["program"]
    for e in present:
        head += [labels[e] + " (s)"] if e == base else [labels[e] + " (s)", "÷"]
    if extra:
        head.append(extra[0])
    row(head)
    row(["---"] + ["---:"] * (len(head) - 1))
    ratios = {e: [] for e in present}
    extra_vals = []
    for p, d in data.items():
        b = d.get(base, {}).get("median") if isinstance(base, str) else base.get(p)
        cells = [p]
        for e in present:
            r = d.get(e)
            cells.append("%.3f" % r["median"] if r else "—")
            if e == base:
                continue
            if r and b:
                ratios[e].append(r["median"] / b)
                cells.append("%.2f" % (r["median"] / b))
            else:
                cells.append("—")
        if extra:
            v = extra[1](d)
            if v is not None:
                extra_vals.append(v)
            cells.append(fmt_ratio(v))
        row(cells)
    cells = ["**geomean**"]
    for e in present:
        if e == base:
            cells.append("")
            continue
        g = geo(ratios[e])
        cells += ["", "**%s**" % fmt_ratio(g) if g else "—"]
    if extra:
        g = geo(extra_vals)
        cells.append("**%s**" % fmt_ratio(g) if g else "—")
    row(cells)
    print()
    return {e: geo(v) for e, v in ratios.items()}

print("# wasm2native benchmarks")
print()
print("Generated by `utils/bench/run.sh%s` on %s (%d cores). Times are hyperfine medians of %d run%s; "
      "÷ is the ratio to the native column (lower is better). Every timed output equals the native "
      "build's output (sqlite: timing fields masked)." %
      (" --quick" if quick else "", platform.node() or "?", os.cpu_count() or 0, runs, "" if runs == 1 else "s"))
if quick:
    print()
    print("**--quick: tiny inputs and one run; the numbers only check the setup.**")
print()

main, march, simd, modes = {}, {}, {}, {}
for p in programs:
    t = load(os.path.join(out, p, "times.json"))
    if t:
        main[p] = {e: t[e] for e in ["native", "wasm2native", "wasm2native-llvm22", "wamrc", "w2c2", "node"] if e in t}
        march[p] = {e: t[e] for e in ["native-march", "wasm2native-mcpu"] if e in t}
        if "native" in t:
            march[p]["native"] = t["native"]
    s = load(os.path.join(out, p, "simd.json"))
    if s:
        simd[p] = s
    m = load(os.path.join(out, p, "modes.json"))
    if m:
        modes[p] = m

g_main = table(
    "Generic x86-64: clang-19 -O2 vs wasm32-wasi -O2 modules", main, "native",
    [("native", "native -O2"), ("wasm2native", "wasm2native -O2"),
     ("wasm2native-llvm22", "wasm2native -O2 (LLVM 22)"), ("wamrc", "wamrc+iwasm"),
     ("w2c2", "w2c2+clang -O2"), ("node", "node")],
    "wamrc: `--cpu=x86-64`; w2c2 has no bounds checks; node runs the .wasm under node:wasi. "
    "The last column is wasm2native ÷ wamrc.",
    ("wasm2native ÷ wamrc", lambda d: d["wasm2native"]["median"] / d["wamrc"]["median"]
     if "wasm2native" in d and "wamrc" in d else None))
g_march = table(
    "Tuned for this CPU: -march=native vs -mcpu=native", march, "native-march",
    [("native-march", "native -O2 -march=native"), ("wasm2native-mcpu", "wasm2native -O2 -mcpu=native"),
     ("native", "native -O2 (generic)")],
    "Ratios are to native -O2 -march=native.")
native_med = {p: d["native"]["median"] for p, d in main.items() if "native" in d}
g_simd = table(
    "SIMD row set: kernels built with -msimd128", simd, native_med,
    [("wasm2native", "wasm2native -O2"), ("wamrc", "wamrc+iwasm (x86-64-v2)"), ("node", "node")],
    "Ratios are to the generic native -O2 time of the table above (native code is the same). "
    "w2c2 has no SIMD and is left out.")

g_modes = table(
    "Bounds-checking modes (kernels): cost of exact traps", modes, "inexact",
    [("inexact", "-fbounds-checks=inexact"), ("exact", "default (guard, exact)"),
     ("explicit", "-fbounds-checks=explicit"), ("embed", "-c in an embedder")],
    "Ratios are to `-fbounds-checks=inexact`, the plain-access guard-page lowering that LLVM may "
    "make lose traps (the default before exact traps). Default: guard pages with volatile accesses; "
    "explicit: compare and branch per access; embed: the default mode's `-c` object (globals and "
    "tables exact after a trap too) called through `utils/bench/embed-harness.c`.")

skipped = []
sk = os.path.join(out, "skipped.txt")
if os.path.exists(sk):
    skipped = [l.rstrip("\n").split("|", 1) for l in open(sk) if l.strip()]
if skipped:
    print("Skipped: " + "; ".join("**%s** (%s)" % (a, b) for a, b in skipped))
    print()

# Hello world size.
hd = os.path.join(out, "hello")
sizes = {}
if os.path.isdir(hd):
    print("### Hello world, stripped executable")
    print()
    row(["build", "bytes", "KB"])
    row(["---", "---:", "---:"])
    for label, names in [("native clang-19 -O2", ["native"]), ("wasm2native -O2", ["w2n"]),
                         ("wasm2native -O2 (LLVM 22)", ["w2n22"]),
                         ("w2c2 + clang -O2", ["w2c2"]),
                         ("wamrc .aot + iwasm runtime", ["hello.aot", "iwasm"])]:
        paths = [os.path.join(hd, n) for n in names]
        if all(os.path.exists(q) for q in paths):
            n = sum(os.path.getsize(q) for q in paths)
            sizes[names[0]] = n
            detail = " (%s)" % " + ".join("%d" % os.path.getsize(q) for q in paths) if len(paths) > 1 else ""
            row([label, "%d%s" % (n, detail), "%.1f" % (n / 1024)])
    print()

# Start-up.
st = load(os.path.join(out, "startup", "times.json"))
if st:
    print("### Start-up of an empty program (`int main(){return 0;}`)")
    print()
    print("hyperfine -N, median of %d runs." % startup_runs)
    print()
    row(["engine", "median (ms)", "mean ± σ (ms)", "− native (ms)"])
    row(["---", "---:", "---:", "---:"])
    nat = st.get("native", {}).get("median")
    for e, r in st.items():
        row([e, "%.3f" % (r["median"] * 1e3), "%.3f ± %.3f" % (r["mean"] * 1e3, (r.get("stddev") or 0) * 1e3),
             "%+.3f" % ((r["median"] - nat) * 1e3) if nat is not None else "—"])
    print()

# Compile time.
comp = {}
mod = os.path.join(out, "compile", "module.tsv")
tt = os.path.join(out, "compile", "times.tsv")
if os.path.exists(mod) and os.path.exists(tt):
    path, size, code = open(mod).read().split("\t")
    size, code = int(size), int(code)
    byname = {}
    for l in open(tt):
        f = l.rstrip("\n").split("\t")
        if len(f) == 5:
            try:
                byname.setdefault(f[0], []).append((float(f[1]), float(f[2]), float(f[3]), int(f[4])))
            except ValueError:
                pass
    print("### Compile time of the largest module")
    print()
    print("`%s`: %.2f MB, code section %.2f MB. Wall time is the median of %d run(s); "
          "cores = (user+sys)/wall; peak RSS from /usr/bin/time." %
          (path, size / 1e6, code / 1e6, len(next(iter(byname.values()), []))))
    print()
    row(["compiler", "wall (s)", "user+sys (s)", "cores", "MB code/s", "peak RSS (MB)"])
    row(["---", "---:", "---:", "---:", "---:", "---:"])
    for name, v in byname.items():
        wall = statistics.median(x[0] for x in v)
        cpu = statistics.median(x[1] + x[2] for x in v)
        rss = max(x[3] for x in v) / 1024
        comp[name] = (wall, cpu, rss)
        row([name, "%.2f" % wall, "%.2f" % cpu, "%.2f" % (cpu / wall if wall else 0),
             "%.2f" % (code / 1e6 / wall if wall else 0), "%.0f" % rss])
    print()

# Targets (reported, not asserted).
print("### Targets (issue #6; reported, not asserted)")
print()
row(["target", "measured", "met"])
row(["---", "---", "---"])
def target(name, value, ok):
    row([name, value, "—" if ok is None else ("yes" if ok else "**no**")])
g = g_main.get("wasm2native")
target("geomean wasm2native -O2 ÷ native -O2 ≤ 1.00", fmt_ratio(g), None if g is None else g <= 1.0)
g = g_march.get("wasm2native-mcpu")
target("geomean -mcpu=native ÷ -march=native ≤ 1.00", fmt_ratio(g), None if g is None else g <= 1.0)
slow = [p for p, d in main.items() if "wasm2native" in d and "wamrc" in d
        and d["wasm2native"]["median"] > 1.03 * d["wamrc"]["median"]]
have = [p for p, d in main.items() if "wasm2native" in d and "wamrc" in d]
target("each program no slower than wamrc beyond 3%",
       ("slower on: " + ", ".join(slow)) if slow else ("none slower (%d programs)" % len(have)),
       None if not have else not slow)
h = sizes.get("w2n")
target("hello world ≤ 40 KB stripped", "—" if h is None else "%.1f KB" % (h / 1024),
       None if h is None else h <= 40 * 1024)
if st and "wasm2native" in st and "native" in st:
    dd = (st["wasm2native"]["median"] - st["native"]["median"]) * 1e3
    target("empty-program start-up within 1 ms of native", "%+.3f ms" % dd, dd <= 1.0)
else:
    target("empty-program start-up within 1 ms of native", "—", None)
g = g_modes.get("exact")
target("exact traps: geomean default ÷ inexact ≤ 1.03 (issue 9)", fmt_ratio(g),
       None if g is None else g <= 1.03)
worst = max(((d["exact"]["median"] / d["inexact"]["median"], p) for p, d in modes.items()
             if "exact" in d and "inexact" in d), default=None)
target("exact traps: no program > 1.10 × inexact (issue 9)",
       "—" if worst is None else "%.2f (%s)" % worst, None if worst is None else worst[0] <= 1.10)
o0, o2 = comp.get("wasm2native -O0"), comp.get("wasm2native -O2")
if o2:
    target("largest module at -O2 uses both cores ((user+sys)/wall > 1.3)",
           "%.2f" % (o2[1] / o2[0]), o2[1] / o2[0] > 1.3)
else:
    target("largest module at -O2 uses both cores", "—", None)
if o0 and o2:
    target("-O0 at least 5× faster than -O2", "%.1f×" % (o2[0] / o0[0]), o2[0] / o0[0] >= 5)
    target("MB of wasm code per second, peak RSS",
           "-O0 %.2f MB/s, %.0f MB; -O2 %.2f MB/s, %.0f MB" %
           (code / 1e6 / o0[0], o0[2], code / 1e6 / o2[0], o2[2]), None)
else:
    target("-O0 at least 5× faster than -O2", "—", None)
PY
echo >&2
cat "$out/results.md"
exit $status
