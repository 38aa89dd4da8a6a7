"""Parses wasm2native-difftest and `wasm-opt --fuzz-exec-before` output and
compares them call by call.

Our side prints typed bit patterns; binaryen prints values as text whose
type is implied (an i64 log is two i32 halves, floats are the shortest
decimal that reads back, NaNs as nan:0xPAYLOAD, v128 as i32x4 lanes). The
types from our side drive the parsing of binaryen's text.

NaN payloads and signs are not deterministic in wasm: scalars compare equal
when both are NaN; a v128 or a memory word whose only differences are NaN
lanes (as f32 or f64) is reported as a NaN difference, not a mismatch.
"""

import math
import re
import struct

# Trap categories, so that binaryen's wording and the spec's compare.
TRAP_KINDS = [
    # Tables first: binaryen says "callTable overflow" for an index past the
    # end, which is the spec's "undefined element".
    ("table", re.compile(r"table|indirect|element|signature|null", re.I)),
    ("oob", re.compile(r"out of bounds|> memory|memory access|"
                       r"segment access|memory\.(fill|copy|init)", re.I)),
    ("div0", re.compile(r"divide by zero|by 0", re.I)),
    # The spec: an out-of-range float-to-int is "integer overflow", a NaN
    # "invalid conversion to integer".
    ("overflow", re.compile(r"overflow", re.I)),
    ("conv", re.compile(r"conversion|of nan", re.I)),
    ("unreachable", re.compile(r"unreachable", re.I)),
    ("stack", re.compile(r"stack|depth|recursion", re.I)),
]


def trap_kind(msg):
    for kind, rx in TRAP_KINDS:
        if rx.search(msg):
            return kind
    return "other:" + msg


def parse_ours(text):
    """{(module, config): [events]} plus per-module status lines."""
    runs = {}
    module = None
    config = None
    events = None
    for raw in text.splitlines():
        word, _, rest = raw.partition(" ")
        if word == "module":
            module = rest
            config = None
            runs.setdefault(module, {})
        elif word == "config":
            config = rest
            events = []
            runs[module][config] = events
        elif module is None:
            continue
        elif config is None:
            # A module-level line (compile-error before any configuration).
            runs[module]["*"] = [(word, rest)]
        elif word == "call":
            events.append(("call", rest))
        elif word == "log":
            events.append(("log", [rest]))
        elif word == "result":
            events.append(("result", rest.split()))
        elif word in ("trap", "compile-error", "instantiate-error",
                      "instantiate-trap", "note"):
            events.append((word, rest))
        elif word == "timeout":
            events.append(("timeout", ""))
    return runs


RESULT_RX = re.compile(r"^\[fuzz-exec\] note result: (.*?) => (.*)$")


def parse_reference(text):
    events = []
    for line in text.splitlines():
        if line.startswith("[fuzz-exec] calling "):
            events.append(("call", line[len("[fuzz-exec] calling "):]))
        elif line.startswith("[LoggingExternalInterface logging"):
            body = line[len("[LoggingExternalInterface logging"):].rstrip("]")
            events.append(("log", body.split()))
        elif line.startswith("[fuzz-exec] note result:"):
            m = RESULT_RX.match(line)
            events.append(("result", m.group(2) if m else line))
        elif line.startswith("[trap "):
            events.append(("trap", line[6:].rstrip("]")))
        elif line.startswith("[host limit]"):
            events.append(("hostlimit", ""))
        elif line.startswith("[exception thrown"):
            events.append(("trap", line))
    return events


def split_calls(events):
    """[(name, [inner events])]; events before the first call go under None."""
    calls = [(None, [])]
    for e in events:
        if e[0] == "call":
            calls.append((e[1], []))
        else:
            calls[-1][1].append(e)
    return calls


def ref_float(tok):
    t = tok.strip()
    if "nan" in t:
        return math.nan
    if t in ("inf", "+inf", "infinity"):
        return math.inf
    if t in ("-inf", "-infinity"):
        return -math.inf
    neg = t.startswith("-")
    body = t[1:] if neg else t
    if body.startswith("0x"):
        v = float(int(body, 16))
    else:
        v = float(body)
    return -v if neg else v


def ref_int(tok, bits):
    t = tok.strip()
    neg = t.startswith("-")
    body = t[1:] if neg else t
    v = int(body, 16) if body.startswith("0x") else int(body)
    return (-v if neg else v) & ((1 << bits) - 1)


def our_value(typed):
    ty, _, bits = typed.partition(":")
    if ty == "v128":
        return ty, bytes.fromhex(bits)
    if ty.startswith("ref"):
        return "ref", bits
    return ty, int(bits, 16)


def f32_of(bits):
    return struct.unpack("<f", struct.pack("<I", bits))[0]


def f64_of(bits):
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def floats_equal(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1, a) == math.copysign(1, b)


def nan_equivalent(x, y):
    """Whether two byte strings differ only in NaN lanes (as f32 or f64)."""
    if len(x) != len(y):
        return False
    for width, fmt in ((4, "<f"), (8, "<d")):
        ok = True
        for i in range(0, len(x), width):
            a, b = x[i:i + width], y[i:i + width]
            if a == b:
                continue
            fa = struct.unpack(fmt, a)[0]
            fb = struct.unpack(fmt, b)[0]
            if not (math.isnan(fa) and math.isnan(fb)):
                ok = False
                break
        if ok:
            return True
    return False


def v128_of_tokens(toks):
    if toks[0] != "i32x4" or len(toks) != 5:
        raise ValueError("bad v128 %r" % toks)
    return b"".join(struct.pack("<I", int(t, 16) & 0xFFFFFFFF)
                    for t in toks[1:])


def compare_values(typed_list, ref_tokens_for):
    """Compares our typed values with binaryen's tokens.

    Returns (status, detail): status "ok", "nan" or "mismatch".
    ref_tokens_for(kind) yields tokens in order.
    """
    status = "ok"
    for typed in typed_list:
        ty, val = our_value(typed)
        if ty == "i32":
            got = ref_int(ref_tokens_for(1)[0], 32)
            if got != val:
                return "mismatch", "%s vs reference %#x" % (typed, got)
        elif ty == "i64":
            toks = ref_tokens_for(0)
            got = ref_int(toks[0], 64) if len(toks) == 1 else (
                ref_int(toks[0], 32) | ref_int(toks[1], 32) << 32)
            if got != val:
                return "mismatch", "%s vs reference %#x" % (typed, got)
        elif ty in ("f32", "f64"):
            tok = ref_tokens_for(1)[0]
            mine = f32_of(val) if ty == "f32" else f64_of(val)
            if not floats_equal(mine, ref_float(tok)):
                return "mismatch", "%s (%r) vs reference %s" % (typed, mine,
                                                                 tok)
        elif ty == "v128":
            ref = v128_of_tokens(ref_tokens_for(5))
            if ref != val:
                if nan_equivalent(ref, val):
                    status = "nan"
                else:
                    return "mismatch", "%s vs reference %s" % (typed,
                                                               ref.hex())
        # References are not compared (binaryen prints only the type).
    return status, ""


class Tokens:
    """Feeds tokens of one log line or one result to compare_values."""

    def __init__(self, tokens, kind):
        self.toks = tokens
        self.kind = kind
        self.pos = 0

    def __call__(self, n):
        if self.kind == "log" and n == 0:
            n = 2  # an i64 log is two i32 halves
        elif n == 0:
            n = 1
        if self.pos + n > len(self.toks):
            raise ValueError("reference has too few values: %r" % self.toks)
        out = self.toks[self.pos:self.pos + n]
        self.pos += n
        return out

    def done(self):
        return self.pos == len(self.toks)


def result_tokens(text, count):
    t = text.strip()
    if count > 1:
        if not (t.startswith("(") and t.endswith(")")):
            raise ValueError("expected a tuple: %r" % t)
        parts = [p.strip() for p in t[1:-1].split(",")]
    else:
        parts = [t]
    toks = []
    for p in parts:
        toks += p.split()
    return toks


def compare_run(ours, ref):
    """Compares one configuration's events with the reference's.

    Returns (status, messages): status is "ok", "nan" (only NaN-payload
    differences), "skip" (the reference hit a host limit) or "mismatch".
    """
    for e in ours:
        if e[0] in ("compile-error", "instantiate-error", "crash"):
            return "mismatch", ["%s: %s" % e]
    if ours and ours[0][0] == "instantiate-trap":
        if any(e[0] == "call" for e in ref):
            return "mismatch", ["instantiation trapped (%s), reference did "
                                "not" % ours[0][1]]
        return "ok", []
    a = split_calls(ours)
    b = split_calls(ref)
    status = "ok"
    msgs = []
    state_call = False
    for i in range(max(len(a), len(b))):
        if i >= len(a) or i >= len(b):
            which = "ours" if i >= len(a) else "reference"
            name = (b[i] if i < len(b) else a[i])[0]
            if any(e[0] == "timeout" for _, es in a for e in es):
                return "mismatch", msgs + ["timeout before call %s" % name]
            return "mismatch", msgs + ["%s stops before call %s" % (which,
                                                                     name)]
        name, ea = a[i]
        nameb, eb = b[i]
        if name != nameb:
            return "mismatch", msgs + ["call order: %s vs reference %s" %
                                       (name, nameb)]
        state_call = name is not None and name.startswith("__dt_state") or \
            (name or "").startswith("state")
        if any(e[0] == "hostlimit" for e in eb):
            # binaryen's own limit (stack depth, memory): not comparable.
            return "skip", msgs + ["reference host limit in %s" % name]
        if any(e[0] == "timeout" for e in ea):
            return "mismatch", msgs + ["timeout in %s" % name]
        la = [e for e in ea if e[0] != "note"]
        if len(la) != len(eb):
            return "mismatch", msgs + [
                "in %s: %d events vs reference %d: ours %s, reference %s" %
                (name, len(la), len(eb), la[:8], eb[:8])]
        words_a = []
        words_b = []
        for x, y in zip(la, eb):
            if x[0] != y[0]:
                return "mismatch", msgs + ["in %s: %s vs reference %s" %
                                           (name, x, y)]
            if x[0] == "trap":
                if trap_kind(x[1]) != trap_kind(y[1]):
                    return "mismatch", msgs + [
                        "in %s: trap '%s' vs reference '%s'" %
                        (name, x[1], y[1])]
                continue
            if x[0] == "log":
                toks = Tokens(y[1], "log")
                try:
                    st, why = compare_values(x[1], toks)
                    if not toks.done():
                        st, why = "mismatch", "reference logs more values"
                except ValueError as e:
                    st, why = "mismatch", str(e)
                if st == "mismatch" and state_call:
                    # Memory words: collected, NaN lanes forgiven below.
                    words_a.append(x[1][0])
                    words_b.append(y[1])
                    continue
            else:
                try:
                    toks = Tokens(result_tokens(y[1], len(x[1])), "result")
                    st, why = compare_values(x[1], toks)
                except ValueError as e:
                    st, why = "mismatch", str(e)
            if st == "mismatch":
                return "mismatch", msgs + ["in %s: %s" % (name, why)]
            if st == "nan":
                status = "nan"
        for wa, wb in zip(words_a, words_b):
            ty, val = our_value(wa)
            try:
                ref = ref_int(wb[0], 32) | ref_int(wb[1], 32) << 32 \
                    if len(wb) == 2 else None
            except ValueError:
                ref = None
            if ty == "i64" and ref is not None and nan_equivalent(
                    struct.pack("<Q", val), struct.pack("<Q", ref)):
                status = "nan"
                continue
            return "mismatch", msgs + ["in %s (state): %s vs reference %s" %
                                       (name, wa, wb)]
    return status, msgs
