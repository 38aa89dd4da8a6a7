"""Random valid modules aimed at the cases that break LLVM-based compilers.

Every module imports binaryen's `fuzzing-support` log functions and exports
test functions f0, f1, ... each followed by an export state<i> of one state
function that logs the globals, the memory size and every non-zero 8-byte
word of memory, so both sides report the state each call left (after a trap
too). The functions take one i32 parameter, which both harnesses pass as 0:
adding it to an address hides the address from the optimiser.

What the statements aim at: loads and stores at every width near the end of
memory and near 2^32 (offsets up to 0xffffffff), values narrowed after the
load (wrap, and-mask, shifts, extract_lane), select of two loads, dropped
and dead loads, a load stored back to its own address, read-modify-write,
adjacent stores whose second one traps, stores and global.sets before a
trap (the state dump checks them), SIMD lane loads and stores, splat and
extending loads, memory.fill/copy/init and data.drop at the boundaries,
memory.grow then access, loops that leave memory midway (including the
memset/memcpy idioms), loads in helper functions, and dropped trapping
arithmetic.
"""

PAGE = 65536

LOADS = [
    ("i32.load", "i32", 4), ("i32.load8_s", "i32", 1),
    ("i32.load8_u", "i32", 1), ("i32.load16_s", "i32", 2),
    ("i32.load16_u", "i32", 2), ("i64.load", "i64", 8),
    ("i64.load8_s", "i64", 1), ("i64.load8_u", "i64", 1),
    ("i64.load16_s", "i64", 2), ("i64.load16_u", "i64", 2),
    ("i64.load32_s", "i64", 4), ("i64.load32_u", "i64", 4),
    ("f32.load", "f32", 4), ("f64.load", "f64", 8),
    ("v128.load", "v128", 16), ("v128.load8x8_s", "v128", 8),
    ("v128.load8x8_u", "v128", 8), ("v128.load16x4_s", "v128", 8),
    ("v128.load16x4_u", "v128", 8), ("v128.load32x2_s", "v128", 8),
    ("v128.load32x2_u", "v128", 8), ("v128.load8_splat", "v128", 1),
    ("v128.load16_splat", "v128", 2), ("v128.load32_splat", "v128", 4),
    ("v128.load64_splat", "v128", 8), ("v128.load32_zero", "v128", 4),
    ("v128.load64_zero", "v128", 8),
]
STORES = [
    ("i32.store", "i32", 4), ("i32.store8", "i32", 1),
    ("i32.store16", "i32", 2), ("i64.store", "i64", 8),
    ("i64.store8", "i64", 1), ("i64.store16", "i64", 2),
    ("i64.store32", "i64", 4), ("f32.store", "f32", 4),
    ("f64.store", "f64", 8), ("v128.store", "v128", 16),
]
LANE_LOADS = [("v128.load8_lane", 1, 16), ("v128.load16_lane", 2, 8),
              ("v128.load32_lane", 4, 4), ("v128.load64_lane", 8, 2)]
LANE_STORES = [("v128.store8_lane", 1, 16), ("v128.store16_lane", 2, 8),
               ("v128.store32_lane", 4, 4), ("v128.store64_lane", 8, 2)]
TYPES = ["i32", "i64", "f32", "f64", "v128"]


class Gen:
    def __init__(self, rng):
        self.r = rng
        r = rng
        self.pages = r.choices([0, 1, 2, 3], [1, 14, 4, 1])[0]
        self.size = self.pages * PAGE
        self.max = r.choice([None, None, self.pages, self.pages + 1,
                             self.pages + 4])
        # Empty without memory: binaryen rejects a passive segment longer
        # than the initial memory (wasm does not).
        self.passive = [bytes(r.getrandbits(8) for _ in range(
            r.choice([0, 1, 7, 16, 40]) if self.pages else 0))
            for _ in range(2)]
        self.marks = 0  # low addresses used for marker stores
        self.table_size = rng.choice([0, 1, 3, 4])

    # -- values -------------------------------------------------------------
    def i32(self):
        r = self.r
        return r.choice([0, 1, -1, 0x7FFFFFFF, -0x80000000, 0xFF, 0x80,
                         r.getrandbits(32) - (1 << 31),
                         r.getrandbits(8), r.getrandbits(16)])

    def i64(self):
        r = self.r
        return r.choice([0, 1, -1, 0x7FFFFFFFFFFFFFFF, -(1 << 63),
                         r.getrandbits(64) - (1 << 63), r.getrandbits(32),
                         0xFFFFFFFF])

    def const(self, ty):
        r = self.r
        if ty == "i32":
            return "(i32.const %d)" % self.i32()
        if ty == "i64":
            return "(i64.const %d)" % self.i64()
        if ty == "f32":
            # Bit patterns (NaNs included): loads and stores keep them.
            return "(f32.reinterpret_i32 (i32.const %d))" % self.i32()
        if ty == "f64":
            return "(f64.reinterpret_i64 (i64.const %d))" % self.i64()
        return "(v128.const i32x4 %s)" % " ".join(
            "0x%08x" % r.getrandbits(32) for _ in range(4))

    # -- addresses -----------------------------------------------------------
    def effective(self, width):
        """An effective address (address + offset, up to 33 bits) aimed at
        a boundary for an access of `width` bytes."""
        r = self.r
        s = self.size
        k = r.choices(["end", "in", "end-wide", "low", "2^32", "max", "any"],
                      [10, 6, 3, 2, 3, 1, 1])[0]
        if k == "in":
            return max(0, s - width - r.randint(0, 64))
        if k == "end":
            return max(0, s - width + r.randint(-2, 2))
        if k == "end-wide":
            return max(0, s + r.randint(-40, 40))
        if k == "low":
            return r.randint(0, 64)
        if k == "2^32":
            return (1 << 32) - width + r.randint(-2, 3)
        if k == "max":
            return 0xFFFFFFFF * 2 - r.randint(0, 3)
        return r.randint(0, max(s + 64, 1))

    def split(self, ea):
        """(address expression, offset) with address + offset = ea."""
        r = self.r
        ea = max(0, ea)
        lo = max(0, ea - 0xFFFFFFFF)
        hi = min(ea, 0xFFFFFFFF)
        off = r.choice([lo, lo, min(hi, lo + r.randint(0, 16)), hi,
                        r.randint(lo, hi)])
        return self.addr_expr(ea - off), off

    def addr_expr(self, a):
        r = self.r
        k = r.choices(["const", "zero", "param", "size", "wrap"],
                      [4, 3, 3, 2, 2])[0]
        if k == "const":
            return "(i32.const %d)" % a
        if k == "wrap":
            # The address wraps at 2^32 before the offset is added (the
            # effective address does not): a compiler must not fold them.
            d = r.choice([1, 8, 0x100, 0x80000000, r.getrandbits(32)])
            return "(i32.sub (i32.add (global.get $zero) (i32.const %d)) " \
                   "(i32.const %d))" % ((a + d) & 0xFFFFFFFF, d)
        if k == "zero":
            return "(i32.add (global.get $zero) (i32.const %d))" % a
        if k == "param":
            return "(i32.add (local.get $p) (i32.const %d))" % a
        # Relative to the current size (after a grow too).
        return "(i32.add (i32.shl (memory.size) (i32.const 16)) " \
               "(i32.const %d))" % ((a - self.size) & 0xFFFFFFFF)

    def memarg(self, off, width):
        r = self.r
        s = " offset=%d" % off if off or r.random() < 0.5 else ""
        if r.random() < 0.4:
            s += " align=%d" % r.choice([a for a in (1, 2, 4, 8, 16)
                                         if a <= width])
        return s

    # -- accesses ------------------------------------------------------------
    def load(self, ty=None, ea=None):
        r = self.r
        choices = [l for l in LOADS if ty is None or l[1] == ty]
        if ty in (None, "v128") and r.random() < 0.2:
            op, width, lanes = r.choice(LANE_LOADS)
            addr, off = self.split(self.effective(width) if ea is None
                                   else ea)
            return "(%s%s %d %s %s)" % (op, self.memarg(off, width),
                                        r.randrange(lanes), addr,
                                        self.const("v128")), "v128"
        op, t, width = r.choice(choices)
        addr, off = self.split(self.effective(width) if ea is None else ea)
        return "(%s%s %s)" % (op, self.memarg(off, width), addr), t

    def store(self, ty=None, ea=None, value=None):
        r = self.r
        if ty in (None, "v128") and r.random() < 0.2:
            op, width, lanes = r.choice(LANE_STORES)
            addr, off = self.split(self.effective(width) if ea is None
                                   else ea)
            return "(%s%s %d %s %s)" % (op, self.memarg(off, width),
                                        r.randrange(lanes), addr,
                                        value or self.const("v128"))
        op, t, width = r.choice([s for s in STORES
                                 if ty is None or s[1] == ty])
        addr, off = self.split(self.effective(width) if ea is None else ea)
        return "(%s%s %s %s)" % (op, self.memarg(off, width), addr,
                                 value or self.const(t))

    def log(self, expr, ty):
        return "(call $log-%s %s)" % (ty, expr)

    def consume(self, expr, ty):
        """A use of a loaded value, often one LLVM could narrow or drop."""
        r = self.r
        k = r.choices(["log", "drop", "drop-add", "narrow", "store", "sunk",
                       "dead", "eq"], [5, 2, 2, 5, 2, 2, 1, 1])[0]
        if k == "log":
            return self.log(expr, ty)
        if k == "drop":
            return "(drop %s)" % expr
        if k == "drop-add":
            return "(drop %s)" % {
                "i32": "(i32.add %s (i32.const 1))",
                "i64": "(i64.add %s (i64.const 1))",
                "f32": "(f32.neg %s)", "f64": "(f64.abs %s)",
                "v128": "(i32x4.add %s (v128.const i64x2 1 1))"}[ty] % expr
        if k == "narrow":
            forms = {
                "i32": ["(i32.and %s (i32.const 0xff))",
                        "(i32.and %s (i32.const 0xffff0000))",
                        "(i32.shr_u %s (i32.const 24))",
                        "(i32.shr_s %s (i32.const 8))",
                        "(i32.extend8_s %s)", "(i32.eqz %s)",
                        "(i32.wrap_i64 (i64.extend_i32_u %s))"],
                "i64": ["(i32.wrap_i64 %s)",
                        "(i32.wrap_i64 (i64.shr_u %s (i64.const 32)))",
                        "(i32.wrap_i64 (i64.shr_u %s (i64.const 56)))",
                        "(i32.wrap_i64 (i64.and %s (i64.const 0xff00)))",
                        "(i64.eqz %s)"],
                "f32": ["(i32.and (i32.reinterpret_f32 %s) (i32.const 0xff))",
                        "(i32.shr_u (i32.reinterpret_f32 %s) (i32.const 31))"],
                "f64": ["(i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 %s) "
                        "(i64.const 48)))",
                        "(i32.wrap_i64 (i64.reinterpret_f64 %s))"],
                "v128": ["(i32x4.extract_lane %d %%s)" % r.randrange(4),
                         "(i8x16.extract_lane_u %d %%s)" % r.randrange(16),
                         "(i16x8.extract_lane_s %d %%s)" % r.randrange(8),
                         "(i32.wrap_i64 (i64x2.extract_lane %d %%s))"
                         % r.randrange(2),
                         "(i32.wrap_i64 (i64.shr_u (i64x2.extract_lane %d %%s)"
                         " (i64.const 32)))" % r.randrange(2),
                         "(v128.any_true %s)", "(i8x16.bitmask %s)",
                         "(i32x4.extract_lane 0 (i8x16.swizzle %%s "
                         "(v128.const i8x16 %s)))" % " ".join(
                             str(r.randrange(17)) for _ in range(16))],
            }[ty]
            return self.log(r.choice(forms) % expr, "i32")
        if k == "store":
            return "(%s.store (i32.const %d) %s)" % (ty, self.mark(), expr)
        if k == "sunk":
            return ("(local.set $l%s %s) (if (global.get $zero) (then %s))" %
                    (ty, expr, self.log("(local.get $l%s)" % ty, ty)))
        if k == "dead":
            return "(local.set $l%s %s)" % (ty, expr)
        if ty == "v128":
            return self.log("(i8x16.all_true (i8x16.eq %s %s))" % (
                expr, self.const("v128")), "i32")
        return self.log("(%s.eq %s %s)" % (ty, expr, self.const(ty)), "i32")

    def mark(self):
        """A fresh low address for a marker store (16-byte aligned slots)."""
        self.marks = (self.marks + 1) % 64
        return 256 + 16 * self.marks

    def effect(self):
        """A visible effect: must happen before a trap, never after one."""
        r = self.r
        k = r.choice(["store", "global", "log"])
        if k == "store":
            ty = r.choice(["i32", "i64", "i32", "v128", "f64"])
            return "(%s.store (i32.const %d) %s)" % (ty, r.randrange(0, 248),
                                                     self.const(ty))
        if k == "global":
            ty = r.choice(TYPES)
            return "(global.set $g%s %s)" % (ty, self.const(ty))
        return self.log("(i32.const %d)" % r.randrange(1000), "i32")

    # -- statements ----------------------------------------------------------
    def stmt(self):
        r = self.r
        k = r.choices(
            ["load", "store", "same", "rmw", "adjacent", "store-trap-store",
             "select", "bulk", "grow", "loop", "helper", "arith", "order",
             "untaken", "table", "invariant", "grow-callee"],
            [12, 6, 2, 2, 3, 3, 2, 4, 2, 3, 2, 1, 3, 3, 3, 2, 2])[0]
        return getattr(self, "s_" + k.replace("-", "_"))()

    def s_load(self):
        e, ty = self.load()
        return self.consume(e, ty)

    def s_store(self):
        return self.store()

    def s_same(self):
        # A load stored back to its own address looks like a no-op.
        op, ty, width = self.r.choice([l for l in LOADS if l[0] in (
            "i32.load", "i64.load", "f32.load", "f64.load", "v128.load",
            "i32.load8_u", "i64.load16_u", "i64.load32_u")])
        st = {"i32.load": "i32.store", "i64.load": "i64.store",
              "f32.load": "f32.store", "f64.load": "f64.store",
              "v128.load": "v128.store", "i32.load8_u": "i32.store8",
              "i64.load16_u": "i64.store16", "i64.load32_u": "i64.store32"}[op]
        ea = self.effective(width)
        a1, o1 = self.split(ea)
        a2, o2 = self.split(ea)
        return "(%s%s %s (%s%s %s))" % (st, self.memarg(o1, width), a1, op,
                                        self.memarg(o2, width), a2)

    def s_rmw(self):
        r = self.r
        ty, width = r.choice([("i32", 4), ("i64", 8), ("v128", 16)])
        ea = self.effective(width)
        a, o = self.split(ea)
        opn = {"i32": r.choice(["i32.or", "i32.and", "i32.xor", "i32.add"]),
               "i64": r.choice(["i64.or", "i64.and", "i64.xor"]),
               "v128": r.choice(["v128.or", "v128.and", "v128.xor"])}[ty]
        return "(%s.store offset=%d %s (%s (%s.load offset=%d %s) %s))" % (
            ty, o, a, opn, ty, o, a, self.const(ty))

    def s_adjacent(self):
        # Two or more neighbouring stores, the last one(s) out of bounds: a
        # merged wide store would lose the in-bounds ones.
        r = self.r
        op, ty, width = r.choice([s for s in STORES if s[2] <= 8])
        n = r.randint(2, 4)
        base = self.size - width * r.randint(1, n - 1) + r.choice(
            [0, 0, 1, -1])
        base = max(0, base)
        out = []
        for i in range(n):
            ea = base + i * width
            if ea + width > 0x1FFFFFFFE:
                break
            addr = "(i32.add (local.get $p) (i32.const %d))" % (ea - min(
                ea, 0xFFFFFFFF)) if ea > 0xFFFFFFFF else \
                "(i32.add (local.get $p) (i32.const %d))" % ea
            off = min(ea, 0xFFFFFFFF) if ea > 0xFFFFFFFF else 0
            out.append("(%s offset=%d %s %s)" % (op, off, addr,
                                                 self.const(ty)))
        if r.random() < 0.5:
            out.reverse()
        return " ".join(out)

    def s_store_trap_store(self):
        r = self.r
        m = r.randrange(0, 248)
        ty = r.choice(["i32", "i64"])
        e, lty = self.load()
        trap = r.choice(["(drop %s)" % e, self.consume(e, lty),
                         self.store()])
        parts = ["(%s.store (i32.const %d) %s)" % (ty, m, self.const(ty)),
                 self.effect(), trap,
                 "(%s.store (i32.const %d) %s)" % (ty, m, self.const(ty)),
                 self.effect()]
        return " ".join(parts)

    def s_select(self):
        r = self.r
        ty = r.choice(TYPES)
        l1, _ = self.load(ty) if ty != "v128" else self.plain_load("v128")
        l2, _ = self.load(ty) if ty != "v128" else self.plain_load("v128")
        cond = r.choice(["(global.get $zero)", "(i32.const 1)",
                         "(local.get $p)", "(i32.eqz (local.get $p))"])
        return self.consume("(select %s %s %s)" % (l1, l2, cond), ty)

    def plain_load(self, ty):
        op, t, width = self.r.choice([l for l in LOADS if l[1] == ty])
        addr, off = self.split(self.effective(width))
        return "(%s%s %s)" % (op, self.memarg(off, width), addr), t

    def bulk_range(self, limit):
        """(start, length) near the edges of a region of `limit` bytes."""
        r = self.r
        n = r.choice([0, 1, 2, 7, 16, 33, r.randint(0, 100),
                      0xFFFFFFFF, 0x80000000, limit])
        d = r.choice([limit - n, limit - n + 1, limit - n - 1, limit,
                      limit + 1, 0, r.randint(0, limit + 8),
                      0xFFFFFFFF, 0xFFFFFFFF - n + 1])
        return d & 0xFFFFFFFF, n & 0xFFFFFFFF

    def s_bulk(self):
        r = self.r
        k = r.choice(["fill", "copy", "init", "drop-init"])
        pre = self.effect()
        if k == "fill":
            d, n = self.bulk_range(self.size)
            op = "(memory.fill %s (i32.const %d) %s)" % (
                self.addr_expr(d), self.i32(), self.addr_expr(n))
        elif k == "copy":
            d, n = self.bulk_range(self.size)
            s, _ = self.bulk_range(self.size)
            if r.random() < 0.4:  # overlapping
                s = (d + r.randint(-8, 8)) & 0xFFFFFFFF
            op = "(memory.copy %s %s %s)" % (
                self.addr_expr(d), self.addr_expr(s), self.addr_expr(n))
        else:
            seg = r.randrange(len(self.passive))
            seglen = len(self.passive[seg])
            s, n = self.bulk_range(seglen)
            d = r.choice([self.size - n, self.size - n + 1, r.randint(
                0, self.size + 4), 0]) & 0xFFFFFFFF
            op = "(memory.init %d %s %s %s)" % (
                seg, self.addr_expr(d), self.addr_expr(s), self.addr_expr(n))
            if k == "drop-init":
                op = "(data.drop %d) %s" % (seg, op)
        return " ".join([pre, op, self.effect()])

    def s_grow(self):
        r = self.r
        # Deltas that must fail whatever the host: over 65536 pages in all.
        delta = r.choice([0, 1, 1, 2, 0x10001, 0xFFFFFFFF])
        grow = self.log("(memory.grow (i32.const %d))" % delta, "i32")
        # The old end: in bounds if the grow succeeded.
        e, ty = self.load(ea=self.size - r.choice([0, 1, 4]))
        after = self.consume(e, ty)
        rel = self.r.choice([LOADS[0], LOADS[5], LOADS[14]])
        end = "(%s offset=%d (i32.shl (memory.size) (i32.const 16)))" % (
            rel[0], r.choice([0, 0, 1]))
        return " ".join([grow, after, self.log("(memory.size)", "i32"),
                         self.store(ea=self.size + r.randint(0, 8)),
                         self.consume("(%s (i32.sub (i32.shl (memory.size) "
                                      "(i32.const 16)) (i32.const %d)))" % (
                                          rel[0], rel[2] + r.choice([0, -1])),
                                      rel[1]),
                         "(drop %s)" % end if r.random() < 0.3 else ""])

    def s_grow_callee(self):
        # The memory grows in a callee: the caller must not keep a stale
        # size (explicit checks) across the call, in a loop or not.
        r = self.r
        old_end = self.size - r.choice([0, 4])
        e, ty = self.load(ea=old_end)
        if r.random() < 0.5:
            return " ".join([self.log("(call $h_grow (i32.const %d))" %
                                      r.choice([0, 1, 2]), "i32"),
                             self.consume(e, ty), self.store(ea=old_end)])
        return ("(local.set $i (i32.const 0)) (loop $g "
                "(call $log-i32 (i32.load offset=%d (i32.mul (local.get $i) "
                "(i32.const 65536)))) "
                "(drop (call $h_grow (i32.const 1))) "
                "(local.set $i (i32.add (local.get $i) (i32.const 1))) "
                "(br_if $g (i32.lt_u (local.get $i) (i32.const %d))))" % (
                    r.choice([0, 65532, 65533]), r.randint(1, 4)))

    def s_loop(self):
        r = self.r
        k = r.choice(["store", "sum", "memset", "memcpy"])
        step = r.choice([1, 2, 4, 8, 16])
        n = r.randint(2, 40)
        trap_at = r.randint(0, n + 2)  # iteration that leaves memory
        base = self.size - step * trap_at
        if base < 0:
            base = r.randint(0, 16)
        init = r.choice(["(i32.const 0)", "(local.get $p)"])
        addr = "(i32.add (global.get $zero) (i32.add (i32.const %d) " \
               "(i32.mul (local.get $i) (i32.const %d))))" % (base, step)
        if r.random() < 0.3:
            addr = "(i32.add (i32.const %d) (i32.mul (local.get $i) " \
                   "(i32.const %d)))" % (base, step)
        if k == "store":
            op, ty, width = r.choice([s for s in STORES if s[2] <= step])
            body = "(%s %s %s)" % (op, addr, self.const(ty))
        elif k == "memset":
            body = "(i32.store8 %s (i32.const %d))" % (addr, self.i32())
            step = 1
        elif k == "memcpy":
            body = "(i32.store8 %s (i32.load8_u (i32.add (i32.const %d) " \
                   "(local.get $i))))" % (addr, r.randrange(0, 200))
        else:
            op, ty, width = r.choice([l for l in LOADS
                                      if l[1] == "i32" and l[2] <= step] or
                                     [LOADS[1]])
            body = "(local.set $li32 (i32.add (local.get $li32) (%s %s)))" % (
                op, addr)
        tail = self.log("(local.get $li32)", "i32") if k == "sum" else ""
        return ("(local.set $i %s) (local.set $li32 (i32.const 0)) "
                "(block $done (loop $l %s (global.set $gi32 (local.get $i)) "
                "(local.set $i (i32.add (local.get $i) (i32.const 1))) "
                "(br_if $l (i32.lt_u (local.get $i) (i32.const %d))))) %s" %
                (init, body, n, tail))

    def s_helper(self):
        r = self.r
        ea = self.effective(4)
        a, o = self.split(ea)
        name = r.choice(["$h_load", "$h_load_drop", "$h_store"])
        call = "(call %s %s (i32.const %d))" % (name, a, o)
        if name == "$h_load":
            call = r.choice(["(drop %s)" % call, self.log(call, "i32")])
        return " ".join([self.effect(), call, self.effect()])

    def valued_effect(self, ty):
        """An expression of type ty with a visible effect first."""
        return "(block (result %s) %s %s)" % (ty, self.effect(),
                                              self.const(ty))

    def s_order(self):
        # Operands run left to right: the effects of operands before a
        # trapping access happen, those after it do not.
        r = self.r
        k = r.choice(["store-value", "load-then", "binary", "call-args"])
        if k == "store-value":
            op, ty, width = r.choice(STORES)
            addr, off = self.split(self.effective(width))
            return "(%s%s %s %s)" % (op, self.memarg(off, width), addr,
                                     self.valued_effect(ty))
        if k == "load-then":
            e, ty = self.plain_load(r.choice(["i32", "i64"]))
            return self.log("(%s.add %s %s)" % (ty, e, self.valued_effect(
                ty)), ty)
        if k == "binary":
            e, ty = self.plain_load(r.choice(["i32", "i64"]))
            return self.log("(%s.sub %s %s)" % (ty, self.valued_effect(ty),
                                                e), ty)
        e1, _ = self.plain_load("i32")
        return self.log("(call $h_load %s %s)" % (
            self.valued_effect("i32"), e1), "i32")

    def s_untaken(self):
        # An access that would trap, on a path not taken: it must not trap
        # (nothing may speculate it), and the taken path's effects happen.
        r = self.r
        cond = r.choice(["(global.get $zero)", "(local.get $p)",
                         "(i32.eqz (i32.const 1))"])
        e, ty = self.load(ea=r.choice([self.size, self.size + 1,
                                       0xFFFFFFFF * 2]))
        bad = r.choice([self.consume(e, ty), self.store(ea=self.size + 4)])
        if r.random() < 0.5:
            return "(if %s (then %s) (else %s))" % (cond, bad, self.effect())
        # In a loop whose trip count makes the access unreachable.
        return ("(local.set $i (i32.const 0)) (loop $u (if (i32.eq "
                "(local.get $i) (i32.const 100)) (then %s)) %s "
                "(local.set $i (i32.add (local.get $i) (i32.const 1))) "
                "(br_if $u (i32.lt_u (local.get $i) (i32.const %d))))" % (
                    bad, self.effect(), r.randint(1, 5)))

    def s_invariant(self):
        # A loop-invariant load or store that traps in the first iteration;
        # the loop's earlier effects in that iteration must be there.
        r = self.r
        e, ty = self.plain_load(r.choice(["i32", "i64", "f64", "v128"]))
        body = r.choice([self.consume(e, ty), self.store()])
        return ("(local.set $i (i32.const 0)) (loop $v %s %s "
                "(local.set $i (i32.add (local.get $i) (i32.const 1))) "
                "(br_if $v (i32.lt_u (local.get $i) (i32.const %d))))" % (
                    self.effect(), body, r.randint(1, 6)))

    def tindex(self):
        r = self.r
        n = self.table_size
        v = r.choice([0, n - 1, n, n + 1, 0xFFFFFFFF, r.randint(0, n + 2)])
        return "(i32.add (global.get $zero) (i32.const %d))" % (v & 0xFFFFFFFF)

    def s_table(self):
        # Tables: out-of-bounds and null accesses, growth and indirect calls
        # (the state logs which slots are null).
        r = self.r
        # binaryen 108 cannot read table.fill/copy/init or elem.drop.
        k = r.choice(["get", "set", "grow", "call", "call-type"])
        if k == "get":
            op = self.log("(ref.is_null (table.get $t %s))" % self.tindex(),
                          "i32")
        elif k == "set":
            op = "(table.set $t %s %s)" % (self.tindex(), r.choice(
                ["(ref.null func)", "(ref.func $h_t0)", "(ref.func $h_t1)"]))
        elif k == "grow":
            op = self.log("(table.grow $t %s (i32.const %d))" % (
                r.choice(["(ref.null func)", "(ref.func $h_t1)"]),
                r.choice([0, 1, 2, 0xFFFFFFFF])), "i32") + " " + self.log(
                    "(table.size $t)", "i32")
        elif k == "fill":
            op = "(table.fill $t %s (ref.func $h_t0) %s)" % (
                self.tindex(), "(i32.const %d)" % r.choice(
                    [0, 1, 2, self.table_size, 0xFFFFFFFF]))
        elif k == "copy":
            op = "(table.copy $t $t %s %s (i32.const %d))" % (
                self.tindex(), self.tindex(), r.choice([0, 1, 2, 3]))
        elif k == "init":
            op = "(table.init $t $e %s (i32.const %d) (i32.const %d))" % (
                self.tindex(), r.choice([0, 1, 2, 3]), r.choice([0, 1, 2, 3]))
            if r.random() < 0.3:
                op = "(elem.drop $e) " + op
        elif k == "call":
            op = self.log("(call_indirect $t (type $ti) (i32.const 5) %s)" %
                          self.tindex(), "i32")
        else:
            op = "(call_indirect $t (type $tv) %s)" % self.tindex()
        return " ".join([self.effect(), op, self.effect()])

    def s_arith(self):
        # Dropped trapping arithmetic must trap all the same.
        r = self.r
        op = r.choice([
            "(drop (i32.div_s (i32.const %d) (global.get $zero)))",
            "(drop (i32.rem_u (i32.const %d) (local.get $p)))",
            "(drop (i64.div_u (i64.const %d) (i64.extend_i32_u "
            "(global.get $zero))))",
            "(drop (i32.div_s (i32.const -2147483648) (i32.add (i32.const %d)"
            " (i32.const 0))))",
            "(drop (i32.trunc_f32_s (f32.div (f32.const 0) (f32.convert_i32_s"
            " (i32.const %d)))))",
            "(drop (i64.trunc_f64_u (f64.convert_i32_s (i32.const %d))))",
        ])
        val = r.choice([-1, 0, 1, 7, 1 << 20])
        return " ".join([self.effect(), op % val, self.effect()])

    # -- the module ----------------------------------------------------------
    def module(self):
        r = self.r
        funcs = []
        exports = []
        for i in range(r.randint(6, 14)):
            body = " ".join(self.stmt() for _ in range(r.randint(1, 4)))
            funcs.append(
                "(func $f%d (param $p i32) (local $i i32) (local $li32 i32) "
                "(local $li64 i64) (local $lf32 f32) (local $lf64 f64) "
                "(local $lv128 v128)\n    %s)" % (i, body))
            exports.append('(export "f%d" (func $f%d))' % (i, i))
            exports.append('(export "state%d" (func $state))' % i)
        mem = "(memory %d%s)" % (self.pages, "" if self.max is None
                                 else " %d" % self.max)
        data = []
        if self.size:
            for off, n in ((0, 16), (self.size - 32, 32), (PAGE - 8, 8)):
                if off + n <= self.size and r.random() < 0.7:
                    data.append('(data (i32.const %d) "%s")' % (
                        off, wat_bytes(bytes(r.getrandbits(8)
                                             for _ in range(n)))))
        for seg in self.passive:
            data.append('(data "%s")' % wat_bytes(seg))
        return "\n".join([
            "(module",
            '  (import "fuzzing-support" "log-i32" (func $log-i32 (param i32)))',
            '  (import "fuzzing-support" "log-i64" (func $log-i64 (param i64)))',
            '  (import "fuzzing-support" "log-f32" (func $log-f32 (param f32)))',
            '  (import "fuzzing-support" "log-f64" (func $log-f64 (param f64)))',
            '  (import "fuzzing-support" "log-v128" '
            '(func $log-v128 (param v128)))',
            "  " + mem,
            "  (global $zero (mut i32) (i32.const 0))",
            "  (global $gi32 (mut i32) (i32.const 0))",
            "  (global $gi64 (mut i64) (i64.const 0))",
            "  (global $gf32 (mut f32) (f32.const 0))",
            "  (global $gf64 (mut f64) (f64.const 0))",
            "  (global $gv128 (mut v128) (v128.const i64x2 0 0))",
            "  (type $ti (func (param i32) (result i32)))",
            "  (type $tv (func))",
            "  (table $t %d funcref)" % self.table_size,
            "  (elem $e func $h_t0 $h_t1 $h_t0)",
            "  (func $h_t0 (param i32) (result i32) (i32.add (local.get 0) "
            "(i32.const 1)))",
            "  (func $h_t1 (param i32) (result i32) (i32.mul (local.get 0) "
            "(i32.const 3)))",
        ] + ["  " + d for d in data] + [
            "  (func $h_load (param $a i32) (param $o i32) (result i32)",
            "    (i32.load (i32.add (local.get $a) (local.get $o))))",
            "  (func $h_load_drop (param $a i32) (param $o i32)",
            "    (drop (i32.load offset=1 (local.get $a))))",
            "  (func $h_grow (param $n i32) (result i32)",
            "    (memory.grow (local.get $n)))",
            "  (func $h_store (param $a i32) (param $o i32)",
            "    (i32.store (local.get $a) (local.get $o)))",
            STATE_FUNC,
        ] + ["  " + f for f in funcs] + ["  " + e for e in exports] + [")"])


STATE_FUNC = """  (func $state (local $a i32) (local $w i64)
    (call $log-i32 (global.get $gi32)) (call $log-i64 (global.get $gi64))
    (call $log-f32 (global.get $gf32)) (call $log-f64 (global.get $gf64))
    (call $log-v128 (global.get $gv128))
    (call $log-i32 (table.size $t))
    (block $tdone (loop $tl
      (br_if $tdone (i32.ge_u (local.get $a) (table.size $t)))
      (call $log-i32 (ref.is_null (table.get $t (local.get $a))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $tl)))
    (local.set $a (i32.const 0))
    (call $log-i32 (memory.size))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $a)
                             (i32.shl (memory.size) (i32.const 16))))
      (local.set $w (i64.load (local.get $a)))
      (if (i64.ne (local.get $w) (i64.const 0))
        (then (call $log-i32 (local.get $a)) (call $log-i64 (local.get $w))))
      (local.set $a (i32.add (local.get $a) (i32.const 8)))
      (br $l))))"""


def wat_bytes(b):
    return "".join("\\%02x" % x for x in b)


def generate_module(rng):
    return Gen(rng).module()
