#!/usr/bin/env python3
"""Differential testing of wasm2native against binaryen's interpreter.

    utils/difftest.sh [--count N] [--seed S] [--source ttf|gen|both]
                      [--configs O0,O2,O2:explicit] [--jobs J] [--keep DIR]

Makes N random valid modules (45% from binaryen's `wasm-opt -ttf`, 45% from
gen.py, aimed at the cases that break LLVM-based wasm compilers, 10% from
gentables.py, table operations), runs each through binaryen's
`wasm-opt --fuzz-exec-before` (the reference; wabt's `wasm-interp` for the
table modules, as binaryen 108 cannot read table.init/copy/fill) and through
wasm2native-difftest (our compiler, in-process JIT, embedder mode, one run
per configuration), and compares every call's logs, results and traps and
the final memory and globals (dumped by an exported state function that both
sides call). Prints a line per mismatch, the opcode coverage of the modules,
and `difftest: N passed, M failed, K skipped`. Exits 1 on any mismatch.
Mismatching modules are kept (with --keep DIR, or in a temporary directory
that is printed).
"""

import argparse
import collections
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402
import gen  # noqa: E402
import gentables  # noqa: E402
import wasmedit  # noqa: E402

# Wasm 2.0, which wasm2native implements. Reference types stay off for -ttf:
# binaryen 108 then emits typed function references, which are not Wasm 2.0.
TTF_FEATURES = ["--mvp-features", "--enable-simd", "--enable-bulk-memory",
                "--enable-multivalue", "--enable-sign-ext",
                "--enable-nontrapping-float-to-int",
                "--enable-mutable-globals"]
REF_FEATURES = TTF_FEATURES[1:] + ["--enable-reference-types"]


def run(cmd, timeout, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout, **kw)


def make_ttf(path, rng):
    """A -ttf module from random bytes, with NaNs made deterministic."""
    raw = path + ".bin"
    with open(raw, "wb") as f:
        f.write(bytes(rng.getrandbits(8) for _ in range(rng.choice(
            [1000, 4000, 8000, 16000]))))
    # --denan: NaN payloads are nondeterministic in wasm; binaryen's own
    # differential fuzzing (against V8) does the same.
    # A third also goes through random binaryen passes: optimised code
    # shapes, as toolchains emit them.
    passes = ["--fuzz-passes"] if rng.random() < 0.33 else []
    r = run(["wasm-opt", raw, "-ttf"] + passes + ["--denan"] + TTF_FEATURES +
            ["-o", path + ".tmp"], 60)
    os.unlink(raw)
    if r.returncode:
        raise RuntimeError("wasm-opt -ttf failed: " + r.stderr.decode())
    simd_denan(path + ".tmp")
    with open(path + ".tmp", "rb") as f:
        data = wasmedit.add_state_export(f.read())
    os.unlink(path + ".tmp")
    with open(path, "wb") as f:
        f.write(data)


# SIMD float operations whose NaN results have nondeterministic payloads
# (binaryen 108's --denan handles scalars only), by result lane type.
SIMD_NAN_OPS = {
    op: shape for shape in ("f32x4", "f64x2") for op in [
        shape + "." + o for o in (
            "add", "sub", "mul", "div", "sqrt", "min", "max", "pmin", "pmax",
            "ceil", "floor", "trunc", "nearest")]}
SIMD_NAN_OPS["f32x4.demote_f64x2_zero"] = "f32x4"
SIMD_NAN_OPS["f64x2.promote_low_f32x4"] = "f64x2"
DENAN_FUNCS = """
  (func $__dt_denan_f32x4 (param v128) (result v128)
    (v128.and (local.get 0) (f32x4.eq (local.get 0) (local.get 0))))
  (func $__dt_denan_f64x2 (param v128) (result v128)
    (v128.and (local.get 0) (f64x2.eq (local.get 0) (local.get 0))))
"""


def simd_denan(path):
    """Makes NaN lanes of SIMD float results 0, as --denan does for scalars:
    otherwise a NaN payload can steer control flow or reach memory."""
    r = run(["wasm2wat", path], 60)
    if r.returncode:
        raise RuntimeError("wasm2wat failed: " + r.stderr.decode())
    lines = r.stdout.decode().splitlines()
    out = []
    changed = False
    for line in lines:
        # The last instruction of a function carries its closing paren.
        m = re.match(r"^(\s*)([a-z0-9_.]+)(\)*)\s*$", line)
        if m and m.group(2) in SIMD_NAN_OPS:
            out.append(m.group(1) + m.group(2))
            out.append("%scall $__dt_denan_%s%s" % (
                m.group(1), SIMD_NAN_OPS[m.group(2)], m.group(3)))
            changed = True
        else:
            out.append(line)
    if not changed:
        return
    # The helpers go last, so no existing function index moves.
    assert out[-1].rstrip().endswith(")")
    out[-1] = out[-1].rstrip()[:-1]
    text = "\n".join(out) + DENAN_FUNCS + ")\n"
    with open(path + ".wat", "w") as f:
        f.write(text)
    r = run(["wat2wasm", path + ".wat", "-o", path], 60)
    if r.returncode:
        raise RuntimeError("wat2wasm failed after SIMD denan: " +
                           r.stderr.decode()[-500:])
    os.unlink(path + ".wat")


def make_gen(path, rng):
    wat = gen.generate_module(rng)
    with open(path[:-5] + ".wat", "w") as f:
        f.write(wat)
    r = run(["wat2wasm", path[:-5] + ".wat", "-o", path], 60)
    if r.returncode:
        raise RuntimeError("wat2wasm failed on %s: %s" % (
            path[:-5] + ".wat", r.stderr.decode()))


def make_tables(path, rng):
    wat = gentables.generate_module(rng)
    with open(path[:-5] + ".wat", "w") as f:
        f.write(wat)
    r = run(["wat2wasm", path[:-5] + ".wat", "-o", path], 60)
    if r.returncode:
        raise RuntimeError("wat2wasm failed on %s: %s" % (
            path[:-5] + ".wat", r.stderr.decode()))


def reference(path, kind):
    if kind == "tables":
        # binaryen 108 cannot read table.init/copy/fill or elem.drop.
        try:
            r = run(["wasm-interp", "--run-all-exports", path], 120)
        except subprocess.TimeoutExpired:
            return None, "reference timed out"
        if r.returncode:
            return None, "reference failed: " + r.stderr.decode()[-300:]
        return gentables.parse_interp(r.stdout.decode(errors="replace")), ""
    try:
        r = run(["wasm-opt", path, "--fuzz-exec-before"] + REF_FEATURES, 120)
    except subprocess.TimeoutExpired:
        return None, "reference timed out"
    if r.returncode:
        return None, "reference failed: " + r.stderr.decode()[-300:]
    return compare.parse_reference(r.stdout.decode(errors="replace")), ""


def ours(tool, paths, configs, timeout):
    """Runs our tool over paths, restarting after a crash or timeout."""
    results = {}
    todo = list(paths)
    while todo:
        cmd = [tool, "--timeout=%d" % timeout] + \
            ["--config=" + c for c in configs] + todo
        p = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        out = p.stdout.decode(errors="replace")
        parsed = compare.parse_ours(out)
        results.update(parsed)
        done = [m for m in todo if m in parsed]
        if p.returncode == 0 and len(done) == len(todo):
            break
        # The last module started is the one that died: record it, go on.
        started = [m for m in parsed if m in todo]
        last = started[-1] if started else todo[0]
        runs = results.setdefault(last, {})
        why = "exit %d: %s" % (p.returncode, p.stderr.decode(
            errors="replace").strip()[-300:])
        event = ("timeout", "") if p.returncode == 124 else ("crash", why)
        if runs:
            runs[list(runs)[-1]].append(event)
        else:
            runs["*"] = [event]
        todo = todo[todo.index(last) + 1:]
    return results


def config_name(c):
    """The name our tool prints for a --config value."""
    words = c.split(":")
    mode = next((w for w in words[1:] if w != "native"), "guard")
    return "%s %s%s" % (words[0], mode, " native" if "native" in words else "")


def count_opcodes(path, counter):
    """Counts instruction kinds through wasm2wat's disassembly."""
    # Default features (Wasm 2.0): --enable-all would type ref.func as a
    # typed reference and reject the table operations.
    r = run(["wasm2wat", path], 60)
    for line in r.stdout.decode(errors="replace").splitlines():
        s = line.strip()
        if not s or s.startswith("(") or s.startswith(")"):
            continue
        op = s.split()[0].rstrip(")")
        if op in ("end", "else") or op.startswith(";;"):
            continue
        counter[op] += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--source", choices=["ttf", "gen", "tables", "both"],
                    default="both", help="both (the default): 45%% -ttf, "
                    "45%% gen.py, 10%% gentables.py")
    ap.add_argument("--configs", default="O0,O2,O2:explicit")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=25)
    ap.add_argument("--timeout", type=int, default=20)
    ap.add_argument("--keep", help="directory for the modules (default: a "
                    "temporary one, removed unless something mismatched)")
    ap.add_argument("--tool", default=None, help="wasm2native-difftest")
    ap.add_argument("--coverage", action="store_true",
                    help="print the count of every instruction kind")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    if not shutil.which("wasm-opt"):
        print("difftest: skipped: wasm-opt (binaryen) not found")
        print("difftest: 0 passed, 0 failed, 1 skipped")
        return 0
    tool = args.tool or shutil.which("wasm2native-difftest")
    if not tool:
        print("difftest: error: wasm2native-difftest not found", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else int(time.time())
    configs = [c for c in args.configs.split(",") if c]
    workdir = args.keep or tempfile.mkdtemp(prefix="w2n-difftest-")
    os.makedirs(workdir, exist_ok=True)
    print("difftest: seed %d, %d modules, configs %s, in %s" % (
        seed, args.count, ",".join(configs), workdir), flush=True)
    start = time.time()

    # Modules: each from its own seed, so one can be made again alone.
    paths = []
    kinds = {}
    for i in range(args.count):
        src = args.source if args.source != "both" else (
            "ttf" if i % 20 < 9 else "gen" if i % 20 < 18 else "tables")
        path = os.path.join(workdir, "%s-%d-%d.wasm" % (src, seed, i))
        paths.append(path)
        kinds[path] = src

    def build(path):
        rng = random.Random("%s:%s" % (seed, os.path.basename(path)))
        {"ttf": make_ttf, "gen": make_gen,
         "tables": make_tables}[kinds[path]](path, rng)
        return path

    def work(batch):
        for p in batch:
            build(p)
        refs = {p: reference(p, kinds[p]) for p in batch}
        mine = ours(tool, batch, configs, args.timeout)
        return batch, refs, mine

    batches = [paths[i:i + args.batch]
               for i in range(0, len(paths), args.batch)]
    passed = failed = skipped = nans = 0
    failures = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        for batch, refs, mine in ex.map(work, batches):
            for p in batch:
                ref, why = refs[p]
                runs = mine.get(p, {})
                if ref is None:
                    skipped += 1
                    if not args.quiet:
                        print("skip %s: %s" % (p, why))
                    continue
                verdict = "ok"
                notes = []
                for cname in [config_name(c) for c in configs]:
                    events = runs.get(cname) or runs.get("*") or [
                        ("crash", "no output for this configuration")]
                    if kinds[p] == "tables":
                        st, msgs = gentables.compare_tables(events, ref)
                    else:
                        st, msgs = compare.compare_run(events, ref)
                    if st == "mismatch":
                        verdict = "mismatch"
                        notes.append("[%s] %s" % (cname, "; ".join(msgs)))
                    elif st == "skip" and verdict == "ok":
                        verdict = "skip"
                        notes.append("[%s] %s" % (cname, "; ".join(msgs)))
                    elif st == "nan" and verdict == "ok":
                        verdict = "nan"
                if verdict == "mismatch":
                    failed += 1
                    failures.append(p)
                    print("MISMATCH %s: %s" % (p, " | ".join(notes)[:2000]),
                          flush=True)
                elif verdict == "skip":
                    skipped += 1
                    if not args.quiet:
                        print("skip %s: %s" % (p, " | ".join(notes)[:300]))
                else:
                    passed += 1
                    nans += verdict == "nan"
                    if verdict == "nan":
                        print("nan-only %s: NaN payloads differ, nothing "
                              "else" % p, flush=True)
            done = passed + failed + skipped
            if not args.quiet and done % 200 < len(batch):
                print("difftest: %d/%d modules, %.0f s" % (
                    done, len(paths), time.time() - start), flush=True)

    cov = {k: collections.Counter() for k in ("ttf", "gen", "tables")}
    for p in paths:
        count_opcodes(p, cov[kinds[p]])
    for src in ("ttf", "gen", "tables"):
        c = cov[src]
        if not c:
            continue
        print("difftest: coverage %s: %d instruction kinds, %d instructions"
              % (src, len(c), sum(c.values())))
        if args.coverage:
            print("  " + " ".join("%s=%d" % kv for kv in sorted(c.items())))
    both = cov["ttf"] + cov["gen"] + cov["tables"]
    mem = sorted(k for k in both if "load" in k or "store" in k or
                 k.startswith("memory.") or k == "data.drop")
    print("difftest: memory instruction kinds covered (%d): %s" % (
        len(mem), " ".join(mem)))
    print("difftest: %d modules in %.0f s (%d with NaN-payload differences "
          "only, counted as passed)" % (len(paths), time.time() - start, nans))
    if not failures and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    elif failures:
        print("difftest: mismatching modules are in %s" % workdir)
    print("difftest: %d passed, %d failed, %d skipped" % (
        passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
