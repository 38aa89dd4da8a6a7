#!/usr/bin/env python3
"""Writes a module with an absurd declared size, for fuzz-limits.test.

    gen-absurd.py KIND N OUT.wasm

KIND: params / results (one function type with N of them and a function
using it), funcs (a function section declaring N functions, nothing else),
datas (a data section declaring N segments, nothing else), locals (N
functions, each declaring 50000 unused i32 locals).
"""
import sys


def leb(n):
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def section(sid, payload):
    return bytes([sid]) + leb(len(payload)) + payload


def vec(items):
    return leb(len(items)) + b"".join(items)


kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
m = b"\0asm\1\0\0\0"
void_type = section(1, vec([b"\x60\x00\x00"]))
if kind in ("params", "results"):
    if kind == "params":
        ft, body = b"\x60" + leb(n) + b"\x7f" * n + b"\x00", b"\x00\x0b"
    else:
        ft = b"\x60\x00" + leb(n) + b"\x7f" * n
        body = b"\x00" + b"\x41\x00" * n + b"\x0b"
    m += section(1, vec([ft])) + section(3, vec([b"\x00"]))
    m += section(10, vec([leb(len(body)) + body]))
elif kind == "funcs":
    m += void_type + section(3, leb(n))
elif kind == "datas":
    m += section(5, vec([b"\x00\x01"])) + section(11, leb(n))
elif kind == "locals":
    body = vec([leb(50000) + b"\x7f"]) + b"\x0b"
    m += void_type + section(3, vec([b"\x00"] * n))
    m += section(10, vec([leb(len(body)) + body] * n))
else:
    sys.exit("unknown kind " + kind)
with open(out, "wb") as f:
    f.write(m)
