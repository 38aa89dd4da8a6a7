#!/usr/bin/env bash
# wasm2native benchmarks: C kernels built natively (clang-19 -O2) and as WASI
# modules (clang-19 --target=wasm32-wasi -O2) compiled with wasm2native -O2;
# outputs must match; times measured with hyperfine, printed as a markdown
# table with the ratio to native and the geometric mean, plus the stripped
# size of hello world.
#
#   ./utils/bench/run.sh                 # everything, 5 runs each
#   ./utils/bench/run.sh --quick         # tiny inputs, 1 run: checks the setup
#   ./utils/bench/run.sh fib sort        # only these kernels
#
# Options: --runs N (default 5), --quick, --no-build (use build/ as it is),
#          --no-node (skip the node column).
# Optional columns, each skipped cleanly when its tool is missing:
#   wamrc  WAMR's AOT compiler + iwasm, from ../shared/peers/bin (PEERS_DIR)
#   node   V8 running the .wasm under node:wasi
# Results: build/bench/results.md (the table) and build/bench/*/ (binaries,
# outputs, hyperfine JSON).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

runs=5 quick=0 build=1 use_node=1 kernels=()
while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --runs=*) runs=${1#--runs=}; shift ;;
    --quick) quick=1; runs=1; shift ;;
    --no-build) build=0; shift ;;
    --no-node) use_node=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) kernels+=("$1"); shift ;;
  esac
done
if ((${#kernels[@]} == 0)); then
  for f in utils/bench/kernels/*.c; do kernels+=("$(basename "$f" .c)"); done
fi

# Small inputs for --quick (the defaults in each kernel run ~0.5-1 s natively).
declare -A quick_args=(
  [fib]="27" [matmul]="64 2" [sha256]="65536 2" [sort]="20000 1"
  [interp]="100000" [bintrees]="8"
)

build_dir=${BUILD_DIR:-build}
out=$build_dir/bench
driver=$build_dir/bin/wasm2native-driver
peers=${PEERS_DIR:-$root/../shared/peers}
strip=/usr/lib/llvm-19/bin/llvm-strip

if ((build)); then
  ./utils/install-deps.sh
  ./utils/build.sh || echo "run.sh: the build failed; benchmarking what exists" >&2
fi
have_w2n=0; [[ -x $driver ]] && have_w2n=1
have_wamr=0; [[ -x $peers/bin/wamrc && -x $peers/bin/iwasm ]] && have_wamr=1
have_node=0; ((use_node)) && command -v node >/dev/null && have_node=1
((have_w2n)) || echo "run.sh: no $driver: the wasm2native column is left out" >&2
((have_wamr)) || echo "run.sh: no wamrc/iwasm in $peers/bin: that column is left out" >&2

mkdir -p "$out"
node_cmd=(node --single-threaded --no-warnings "$root/utils/lit/run-node-wasi.mjs")
status=0

for k in "${kernels[@]}"; do
  src=utils/bench/kernels/$k.c
  [[ -f $src ]] || { echo "run.sh: no kernel $src" >&2; exit 2; }
  d=$out/$k
  rm -rf "$d"; mkdir -p "$d"
  args=()
  ((quick)) && read -r -a args <<<"${quick_args[$k]:-}"
  echo "== $k ${args[*]}" >&2

  clang-19 -O2 "$src" -o "$d/native"
  clang-19 --target=wasm32-wasi -O2 "$src" -o "$d/$k.wasm"
  # name|command (hyperfine runs without a shell: no spaces in paths)
  cmds=("native|$d/native ${args[*]}")
  if ((have_w2n)); then
    if "$driver" -O2 "$d/$k.wasm" -o "$d/w2n"; then
      cmds+=("wasm2native|$d/w2n ${args[*]}")
    else
      echo "run.sh: wasm2native failed on $k" >&2; status=1
    fi
  fi
  if ((have_wamr)); then
    if "$peers/bin/wamrc" --target=x86_64 --cpu=x86-64 -o "$d/$k.aot" "$d/$k.wasm" >"$d/wamrc.log" 2>&1; then
      cmds+=("wamrc|$peers/bin/iwasm $d/$k.aot ${args[*]}")
    else
      echo "run.sh: wamrc failed on $k (see $d/wamrc.log)" >&2
    fi
  fi
  if ((have_node)); then
    cmds+=("node|${node_cmd[*]} $d/$k.wasm ${args[*]}")
  fi

  # Every variant must print exactly what the native build prints.
  hf=()
  for c in "${cmds[@]}"; do
    name=${c%%|*} cmd=${c#*|}
    # shellcheck disable=SC2086
    if ! $cmd >"$d/$name.out" 2>"$d/$name.err"; then
      echo "run.sh: $k/$name exited with an error (see $d/$name.err)" >&2
      status=1; continue
    fi
    if [[ $name != native ]] && ! cmp -s "$d/native.out" "$d/$name.out"; then
      echo "run.sh: $k/$name prints something else than native:" >&2
      diff "$d/native.out" "$d/$name.out" | head -5 >&2 || true
      status=1; continue
    fi
    hf+=(-n "$name" "$cmd")
  done
  hyperfine -N --style basic --runs "$runs" --warmup $((quick ? 0 : 1)) \
    --export-json "$d/times.json" "${hf[@]}" >&2
done

# Hello world, stripped: native C vs wasm2native (vs wamrc's .aot).
# utils/bench/hello.c is the canonical printf("hello, world\n").
hd=$out/hello; rm -rf "$hd"; mkdir -p "$hd"
clang-19 -O2 utils/bench/hello.c -o "$hd/native" && "$strip" "$hd/native"
clang-19 --target=wasm32-wasi -O2 utils/bench/hello.c -o "$hd/hello.wasm"
if ((have_w2n)) && "$driver" -O2 "$hd/hello.wasm" -o "$hd/w2n"; then
  "$strip" "$hd/w2n"
fi
if ((have_wamr)); then
  "$peers/bin/wamrc" --target=x86_64 --cpu=x86-64 -o "$hd/hello.aot" \
    "$hd/hello.wasm" >/dev/null 2>&1 || rm -f "$hd/hello.aot"
fi

python3 - "$out" "${kernels[@]}" >"$out/results.md" <<'PY'
import json, math, os, sys

out, kernels = sys.argv[1], sys.argv[2:]
cols = ["native", "wasm2native", "wamrc", "node"]
data = {}
for k in kernels:
    path = os.path.join(out, k, "times.json")
    if not os.path.exists(path):
        continue
    with open(path) as f:
        data[k] = {r["command"]: r for r in json.load(f)["results"]}
present = [c for c in cols if any(c in d for d in data.values())]

head = ["kernel"]
for c in present:
    head += [c + " (s)"] if c == "native" else [c + " (s)", c + " / native"]
print("| " + " | ".join(head) + " |")
print("|" + "|".join("---" for _ in head) + "|")
ratios = {c: [] for c in present}
for k, d in data.items():
    row = [k]
    base = d.get("native", {}).get("mean")
    for c in present:
        r = d.get(c)
        cell = "%.3f ± %.3f" % (r["mean"], r.get("stddev") or 0.0) if r else "—"
        if c == "native":
            row.append(cell)
            continue
        row.append(cell)
        if r and base:
            ratios[c].append(r["mean"] / base)
            row.append("%.2f" % (r["mean"] / base))
        else:
            row.append("—")
    print("| " + " | ".join(row) + " |")
geo = ["**geomean**"]
for c in present:
    if c == "native":
        geo.append("")
        continue
    v = ratios[c]
    geo += ["", "**%.2f**" % math.exp(sum(map(math.log, v)) / len(v)) if v else "—"]
print("| " + " | ".join(geo) + " |")

print()
print("| hello world, stripped | bytes |")
print("|---|---|")
hd = os.path.join(out, "hello")
for label, name in [("native clang-19 -O2", "native"), ("wasm2native -O2", "w2n"),
                    ("wamrc .aot (+ iwasm runtime)", "hello.aot")]:
    p = os.path.join(hd, name)
    if os.path.exists(p):
        print("| %s | %d |" % (label, os.path.getsize(p)))
PY
echo
cat "$out/results.md"
exit $status
