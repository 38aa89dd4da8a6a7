"""Random modules for the table instructions binaryen 108 cannot read.

table.init, table.copy, table.fill and elem.drop (with table.get/set/grow/
size and call_indirect) at the boundaries of one or two funcref tables,
with global.set effects around them. Their reference is wabt's
`wasm-interp --run-all-exports` (binaryen 108 fails to parse these
instructions), so the modules have no imports and every export returns
i32s: test functions t0, t1, ... each followed by state<i>, which hashes the
globals and each table's size and slots (0 for null, else the slot's
function's own number through call_indirect).
"""

import re


class TableGen:
    def __init__(self, rng):
        r = self.r = rng
        self.sizes = [r.choice([0, 1, 2, 3, 5]) for _ in range(2)]
        self.maxes = [r.choice([None, s, s + 2]) for s in self.sizes]
        self.nfuncs = 4
        # Passive segments: function numbers, None for ref.null.
        self.segs = [[r.choice([None, 0, 1, 2, 3]) for _ in range(
            r.choice([0, 1, 2, 4]))] for _ in range(2)]

    def idx(self, t, extra=0):
        r = self.r
        n = self.sizes[t]
        v = r.choice([0, n - 1, n, n + 1, 0xFFFFFFFF, r.randint(0, n + 2),
                      max(0, n - extra), n - extra + 1])
        return "(i32.add (global.get $zero) (i32.const %d))" % (
            v & 0xFFFFFFFF)

    def length(self):
        r = self.r
        return "(i32.const %d)" % r.choice([0, 1, 2, 3, 0xFFFFFFFF,
                                            0x80000000])

    def effect(self):
        r = self.r
        return "(global.set $g%d (i32.const %d))" % (r.randrange(2),
                                                    r.getrandbits(16))

    def ref(self):
        r = self.r
        f = r.choice([None, 0, 1, 2, 3])
        return "(ref.null func)" if f is None else "(ref.func $f%d)" % f

    def stmt(self):
        r = self.r
        t = r.randrange(2)
        k = r.choice(["init", "copy", "fill", "drop", "get", "set", "grow",
                      "call", "call-type"])
        if k == "init":
            s = r.randrange(2)
            op = "(table.init $t%d $e%d %s (i32.const %d) %s)" % (
                t, s, self.idx(t, 2), r.choice([0, 1, len(self.segs[s]),
                                                len(self.segs[s]) + 1]),
                self.length())
        elif k == "copy":
            op = "(table.copy $t%d $t%d %s %s %s)" % (
                t, 1 - t if r.random() < 0.5 else t, self.idx(t, 2),
                self.idx(t, 2), self.length())
        elif k == "fill":
            op = "(table.fill $t%d %s %s %s)" % (t, self.idx(t, 2),
                                                 self.ref(), self.length())
        elif k == "drop":
            op = "(elem.drop $e%d)" % r.randrange(2)
        elif k == "get":
            op = "(global.set $g0 (ref.is_null (table.get $t%d %s)))" % (
                t, self.idx(t))
        elif k == "set":
            op = "(table.set $t%d %s %s)" % (t, self.idx(t), self.ref())
        elif k == "grow":
            # A huge delta only with a maximum: wasm-interp allocates the
            # whole table first and dies of bad_alloc.
            op = "(global.set $g1 (table.grow $t%d %s (i32.const %d)))" % (
                t, self.ref(), r.choice([0, 1, 2] + (
                    [0xFFFFFFFF] if self.maxes[t] is not None else [])))
        elif k == "call":
            op = "(global.set $g0 (call_indirect $t%d (type $r) %s))" % (
                t, self.idx(t))
        else:
            op = "(global.set $g0 (call_indirect $t%d (type $o) " \
                 "(i32.const 1) %s))" % (t, self.idx(t))
        return " ".join([self.effect(), op, self.effect()])

    def module(self):
        r = self.r
        out = ["(module",
               "  (type $r (func (result i32)))",
               "  (type $o (func (param i32) (result i32)))",
               "  (global $zero (mut i32) (i32.const 0))",
               "  (global $g0 (mut i32) (i32.const 0))",
               "  (global $g1 (mut i32) (i32.const 0))"]
        for t in range(2):
            out.append("  (table $t%d %d%s funcref)" % (
                t, self.sizes[t], "" if self.maxes[t] is None
                else " %d" % self.maxes[t]))
        for f in range(self.nfuncs):
            out.append("  (func $f%d (type $r) (i32.const %d))" % (f, 11 * (
                f + 1)))
        for s, items in enumerate(self.segs):
            out.append("  (elem $e%d funcref %s)" % (s, " ".join(
                "(ref.null func)" if f is None else "(ref.func $f%d)" % f
                for f in items)))
        out.append("  (elem declare func $f0 $f1 $f2 $f3)")
        # Active segments inside the initial tables.
        for t in range(2):
            if self.sizes[t] and r.random() < 0.7:
                out.append("  (elem (table $t%d) (i32.const 0) func $f%d)" % (
                    t, r.randrange(self.nfuncs)))
        out.append(STATE)
        for i in range(r.randint(4, 10)):
            body = " ".join(self.stmt() for _ in range(r.randint(1, 3)))
            out.append('  (func (export "t%d") (result i32) %s '
                       "(i32.const 1))" % (i, body))
            out.append('  (export "state%d" (func $state))' % i)
        out.append(")")
        return "\n".join(out)


STATE = """  (func $slots (param $t i32) (result i32) (local $h i32) (local $i i32)
    (local $n i32)
    (local.set $n (if (result i32) (local.get $t)
      (then (table.size $t1)) (else (table.size $t0))))
    (local.set $h (local.get $n))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31))
        (if (result i32) (local.get $t)
          (then (if (result i32) (ref.is_null (table.get $t1 (local.get $i)))
            (then (i32.const 0))
            (else (call_indirect $t1 (type $r) (local.get $i)))))
          (else (if (result i32) (ref.is_null (table.get $t0 (local.get $i)))
            (then (i32.const 0))
            (else (call_indirect $t0 (type $r) (local.get $i))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $h))
  (func $state (result i32)
    (i32.add (i32.mul (call $slots (i32.const 0)) (i32.const 1000003))
      (i32.add (i32.mul (call $slots (i32.const 1)) (i32.const 7919))
        (i32.add (i32.mul (global.get $g0) (i32.const 131))
          (global.get $g1)))))"""


def generate_module(rng):
    return TableGen(rng).module()


INTERP_RX = re.compile(r"^(\S+)\(\) =>(?: (.*))?$")


def parse_interp(text):
    """wasm-interp --run-all-exports output as compare.py's events."""
    events = []
    for line in text.splitlines():
        m = INTERP_RX.match(line)
        if not m:
            continue
        events.append(("call", m.group(1)))
        rest = m.group(2) or ""
        if rest.startswith("error: "):
            events.append(("trap", rest[len("error: "):]))
        elif rest:
            events.append(("result", rest))
    return events


# The spec's table trap reasons and wabt's wording of each.
TABLE_TRAPS = [
    ("undefined", re.compile(r"undefined")),
    ("uninitialized", re.compile(r"uninitialized")),
    ("mismatch", re.compile(r"mismatch")),
    ("oob", re.compile(r"out of bounds")),
]


def table_trap(msg):
    for kind, rx in TABLE_TRAPS:
        if rx.search(msg):
            return kind
    return "other:" + msg


def compare_tables(ours, ref):
    """(status, messages) for one configuration, status ok or mismatch."""
    for e in ours:
        if e[0] in ("compile-error", "instantiate-error", "crash",
                    "timeout"):
            return "mismatch", ["%s: %s" % e]
    a = [e for e in ours if e[0] in ("call", "trap", "result")]
    if len(a) != len(ref):
        return "mismatch", ["%d events vs reference %d: %s / %s" % (
            len(a), len(ref), a[:12], ref[:12])]
    name = None
    for x, y in zip(a, ref):
        if x[0] != y[0]:
            return "mismatch", ["in %s: %s vs reference %s" % (name, x, y)]
        if x[0] == "call":
            name = x[1]
            if x[1] != y[1]:
                return "mismatch", ["call %s vs reference %s" % (x[1], y[1])]
        elif x[0] == "trap":
            if table_trap(x[1]) != table_trap(y[1]):
                return "mismatch", ["in %s: trap '%s' vs reference '%s'" % (
                    name, x[1], y[1])]
        else:
            got = [int(v.split(":")[1], 16) for v in x[1]]
            want = [int(v.split(":")[1]) for v in y[1].split(", ")]
            if got != want:
                return "mismatch", ["in %s: %s vs reference %s" % (
                    name, x[1], y[1])]
    return "ok", []
