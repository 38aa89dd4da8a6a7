"""Appends a state-dump export to a wasm binary (for binaryen -ttf modules).

The appended function `__dt_state` logs, through the module's own
`fuzzing-support` imports, every global that has a log import of its type,
then the memory size in pages and every non-zero 8-byte word of linear memory
as (log-i32 byte address, log-i64 word). Both the reference interpreter and
wasm2native call it last, so the final memory and globals are compared with
no hash to hide which bytes differ.
"""


def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def read_uleb(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, pos


def skip_sleb(buf, pos):
    while buf[pos] & 0x80:
        pos += 1
    return pos + 1


def skip_limits(buf, pos):
    flags = buf[pos]
    pos += 1
    _, pos = read_uleb(buf, pos)
    if flags & 1:
        _, pos = read_uleb(buf, pos)
    return pos


def skip_const_expr(buf, pos):
    """Skips a constant expression up to and including its `end`."""
    while True:
        op = buf[pos]
        pos += 1
        if op == 0x0B:
            return pos
        if op in (0x41, 0x42):  # i32.const, i64.const
            pos = skip_sleb(buf, pos)
        elif op == 0x43:
            pos += 4
        elif op == 0x44:
            pos += 8
        elif op in (0x23, 0xD2):  # global.get, ref.func
            _, pos = read_uleb(buf, pos)
        elif op == 0xD0:  # ref.null t
            pos += 1
        elif op == 0xFD:  # v128.const
            sub, pos = read_uleb(buf, pos)
            if sub != 12:
                raise ValueError("unexpected SIMD op %d in a constant" % sub)
            pos += 16
        else:
            raise ValueError("unexpected op 0x%x in a constant" % op)


def sections(buf):
    if buf[:8] != b"\0asm\x01\0\0\0":
        raise ValueError("not a wasm binary")
    pos = 8
    out = []
    while pos < len(buf):
        sid = buf[pos]
        size, p = read_uleb(buf, pos + 1)
        out.append([sid, bytes(buf[p:p + size])])
        pos = p + size
    return out


def vec_append(payload, item):
    """A vector section's payload with one more element."""
    count, p = read_uleb(payload, 0)
    return uleb(count + 1) + payload[p:] + item


LOG_TYPE = {0x7F: "log-i32", 0x7E: "log-i64", 0x7D: "log-f32",
            0x7C: "log-f64", 0x7B: "log-v128"}


def add_state_export(wasm, name="__dt_state"):
    secs = sections(wasm)
    by_id = {s[0]: s for s in secs}
    log_funcs = {}
    num_imported_funcs = 0
    num_imported_globals = 0
    global_types = []
    has_memory = False
    if 2 in by_id:
        buf = by_id[2][1]
        count, p = read_uleb(buf, 0)
        for _ in range(count):
            n, p = read_uleb(buf, p)
            mod = buf[p:p + n].decode()
            p += n
            n, p = read_uleb(buf, p)
            field = buf[p:p + n].decode()
            p += n
            kind = buf[p]
            p += 1
            if kind == 0:
                _, p = read_uleb(buf, p)
                if mod == "fuzzing-support":
                    log_funcs[field] = num_imported_funcs
                num_imported_funcs += 1
            elif kind == 1:
                p = skip_limits(buf, p + 1)
            elif kind == 2:
                p = skip_limits(buf, p)
                has_memory = True
            elif kind == 3:
                global_types.append(buf[p])
                p += 2
                num_imported_globals += 1
    if 5 in by_id:
        count, _ = read_uleb(by_id[5][1], 0)
        has_memory = has_memory or count > 0
    if 6 in by_id:
        buf = by_id[6][1]
        count, p = read_uleb(buf, 0)
        for _ in range(count):
            global_types.append(buf[p])
            p = skip_const_expr(buf, p + 2)
    num_defined = read_uleb(by_id[3][1], 0)[0] if 3 in by_id else 0
    num_types = read_uleb(by_id[1][1], 0)[0] if 1 in by_id else 0

    body = bytearray()
    body += b"\x02\x01\x7f\x01\x7e"  # locals: i32 $addr, i64 $word
    for index, vt in enumerate(global_types):
        log = LOG_TYPE.get(vt)
        if log in log_funcs:
            body += b"\x23" + uleb(index) + b"\x10" + uleb(log_funcs[log])
    if has_memory and "log-i32" in log_funcs and "log-i64" in log_funcs:
        li32 = uleb(log_funcs["log-i32"])
        li64 = uleb(log_funcs["log-i64"])
        body += b"\x3f\x00\x10" + li32  # log-i32(memory.size)
        body += b"\x02\x40\x03\x40"  # block loop
        body += b"\x20\x00\x3f\x00\x41\x10\x74\x4f\x0d\x01"  # exit at the end
        body += b"\x20\x00\x29\x03\x00\x22\x01"  # $word = i64.load $addr
        body += b"\x42\x00\x52\x04\x40"  # if $word != 0
        body += b"\x20\x00\x10" + li32 + b"\x20\x01\x10" + li64 + b"\x0b"
        body += b"\x20\x00\x41\x08\x6a\x21\x00\x0c\x00"  # $addr += 8; br loop
        body += b"\x0b\x0b"
    body += b"\x0b"

    for s in secs:
        if s[0] == 1:
            s[1] = vec_append(s[1], b"\x60\x00\x00")
        elif s[0] == 3:
            s[1] = vec_append(s[1], uleb(num_types))
        elif s[0] == 7:
            s[1] = vec_append(s[1], uleb(len(name)) + name.encode() + b"\x00" +
                              uleb(num_imported_funcs + num_defined))
        elif s[0] == 10:
            s[1] = vec_append(s[1], uleb(len(body)) + bytes(body))
    if not all(i in by_id for i in (1, 3, 7, 10)):
        raise ValueError("module lacks a type, function, export or code "
                         "section")
    out = bytearray(wasm[:8])
    for sid, payload in secs:
        out.append(sid)
        out += uleb(len(payload)) + payload
    return bytes(out)
