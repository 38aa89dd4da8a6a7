#!/usr/bin/env node
// Converts .wast spec scripts into wast2json-style command scripts
// (NAME/NAME.json plus NAME/NAME.N.wasm and NAME/NAME.N.wat), the format
// tools/wasm2native-spec reads. Called by utils/convert-wasm3-wast.sh:
//
//   node convert-wasm3-wast.js WABT_PACKAGE_DIR OUT_DIR FILE.wast...
//   node convert-wasm3-wast.js --compare WAST2JSON_DIR OUT_DIR
//
// npm's wabt package (wabt.js 1.0.39) has no wast2json, only a per-module
// text parser (parseWat). This script splits each script into commands
// itself, hands every text module to parseWat with all features enabled and
// writes what wabt encodes; binary and quoted modules are written as they
// are. Constants of actions and results are encoded by wabt too (one module
// of globals per script), so float literals round exactly as in wast2json.
//
// A module wabt cannot parse (GC, typed function references, ...) is not
// dropped: its command stays in the JSON with its text in NAME.N.wat,
// "module_type": "text" and "unsupported_feature"/"unsupported_reason",
// the feature found from what wabt rejected (the token at the error's
// position, else the first feature-specific construct in the module text).
// Every such module is listed in OUT_DIR/conversion-report.txt and counted.
//
// The output is wast2json 1.0.32's, command for command and byte for byte
// (`convert-wasm3-wast.sh --verify` checks that on the suites of ../shared
// that wast2json converted), with wabt.js's encoding bugs worked around:
// data segments of memory N != 0 lack the memory index (added back here),
// typed reference types get pre-standard codes (such modules are marked
// unsupported, as "function-references" or "gc").
//
// Additions to wast2json 1.0.32's format, all new command types:
//   {"type": "module_definition", "line", "name"?, "filename"}
//   {"type": "module_instance", "line", "instance"?, "module"}
//   {"type": "assert_exception", "line", "action", "expected"}
// "expected" of assert_trap, assert_exhaustion, assert_exception and action
// holds the result types, as wast2json writes them; [] when the module was
// not converted.
'use strict';

const fs = require('fs');
const path = require('path');

// ---------------------------------------------------------------------------
// S-expression reader over the raw bytes, keeping offsets and lines.

class WastSyntaxError extends Error {}

function tokenize(src) {
  // Returns the top-level nodes. A node is
  //   {kind: 'list', items, start, end, line}
  //   {kind: 'atom', text, start, end, line}
  //   {kind: 'string', bytes (Buffer), start, end, line}
  // with byte offsets into src [start, end).
  let pos = 0;
  let line = 1;
  const n = src.length;
  const stack = [{kind: 'list', items: [], start: 0, line: 1}];
  const isSpace = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  const hex = (c) => {
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
    if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
    return -1;
  };
  const readString = () => {
    // At the opening quote; returns the decoded bytes.
    const out = [];
    ++pos;
    for (;;) {
      if (pos >= n) throw new WastSyntaxError(`line ${line}: unterminated string`);
      const c = src[pos];
      if (c === 0x22) { ++pos; break; }
      if (c === 0x0a) ++line;
      if (c !== 0x5c) { out.push(c); ++pos; continue; }
      const e = src[pos + 1];
      pos += 2;
      if (e === 0x6e) out.push(0x0a);
      else if (e === 0x74) out.push(0x09);
      else if (e === 0x72) out.push(0x0d);
      else if (e === 0x22 || e === 0x27 || e === 0x5c) out.push(e);
      else if (e === 0x75 && src[pos] === 0x7b) { // \u{hex}
        let cp = 0;
        ++pos;
        while (src[pos] !== 0x7d) {
          if (src[pos] !== 0x5f) cp = cp * 16 + hex(src[pos]);
          ++pos;
        }
        ++pos;
        out.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
      } else if (hex(e) >= 0 && hex(src[pos]) >= 0) {
        out.push(hex(e) * 16 + hex(src[pos]));
        ++pos;
      } else {
        throw new WastSyntaxError(`line ${line}: bad string escape`);
      }
    }
    return Buffer.from(out);
  };
  while (pos < n) {
    const c = src[pos];
    if (isSpace(c)) {
      if (c === 0x0a) ++line;
      ++pos;
    } else if (c === 0x3b && src[pos + 1] === 0x3b) { // ;; line comment
      while (pos < n && src[pos] !== 0x0a) ++pos;
    } else if (c === 0x28 && src[pos + 1] === 0x3b) { // (; block comment ;)
      let depth = 0;
      do {
        if (src[pos] === 0x28 && src[pos + 1] === 0x3b) { ++depth; pos += 2; }
        else if (src[pos] === 0x3b && src[pos + 1] === 0x29) { --depth; pos += 2; }
        else { if (src[pos] === 0x0a) ++line; ++pos; }
        if (pos >= n && depth) throw new WastSyntaxError('unterminated comment');
      } while (depth);
    } else if (c === 0x28) {
      stack.push({kind: 'list', items: [], start: pos, line});
      ++pos;
    } else if (c === 0x29) {
      if (stack.length < 2) throw new WastSyntaxError(`line ${line}: unbalanced )`);
      const l = stack.pop();
      l.end = ++pos;
      stack[stack.length - 1].items.push(l);
    } else if (c === 0x22) {
      const start = pos, l0 = line;
      const bytes = readString();
      stack[stack.length - 1].items.push({kind: 'string', bytes, start, end: pos, line: l0});
    } else {
      const start = pos;
      let quoted = null;
      while (pos < n) {
        const d = src[pos];
        if (isSpace(d) || d === 0x28 || d === 0x29 || (d === 0x3b && src[pos + 1] === 0x3b)) break;
        if (d === 0x22) { // $"quoted id" (or a string glued to an atom)
          if (pos === start + 1 && src[start] === 0x24) { quoted = readString(); continue; }
          break;
        }
        ++pos;
      }
      const atom = {kind: 'atom', text: src.toString('utf8', start, pos), start, end: pos, line};
      if (quoted) atom.quotedId = quoted;
      stack[stack.length - 1].items.push(atom);
    }
  }
  if (stack.length !== 1) throw new WastSyntaxError('unbalanced (');
  return stack[0].items;
}

const isAtom = (node, text) => node && node.kind === 'atom' && (text === undefined || node.text === text);
const isList = (node, head) => node && node.kind === 'list' && (head === undefined || isAtom(node.items[0], head));
const isName = (node) => isAtom(node) && node.text.startsWith('$');
const isAnnotation = (node) => node && node.kind === 'list' && isAtom(node.items[0]) && node.items[0].text.startsWith('@');
// A list without its annotations, e.g. ((@a) module (@a) $m ...).
const withoutAnnotations = (node) => ({...node, items: node.items.filter((c) => !isAnnotation(c))});
// wast2json's line of a command, action or module: its keyword's.
const keywordLine = (node) => {
  const head = withoutAnnotations(node).items[0];
  return head ? head.line : node.line;
};

// ---------------------------------------------------------------------------
// Which feature a module wabt rejects needs, from its text.

// Tokens that only the named proposal has (the first listed feature wins
// when a module has several).
const FEATURE_TOKENS = [
  ['gc', /^(struct|array|rec|sub|final|i31|i31ref|anyref|eqref|structref|arrayref|nullref|any|eq|none|noextern|nofunc|noexn|nullfuncref|nullexternref|nullexnref|field|struct\.[a-z_.]+|array\.[a-z_.]+|ref\.i31|i31\.get_[su]|ref\.test|ref\.cast|ref\.eq|br_on_cast|br_on_cast_fail|any\.convert_extern|extern\.convert_any)$/],
  ['function-references', /^(call_ref|return_call_ref|ref\.as_non_null|br_on_null|br_on_non_null)$/],
  ['exception-handling', /^(try_table|throw|throw_ref|tag|exnref|exn|catch|catch_ref|catch_all|catch_all_ref|try|delegate|rethrow)$/],
  ['threads', /^(shared|memory\.atomic\.[a-z0-9]+|atomic\.fence|[if](32|64)\.atomic\.[a-z0-9_.]+)$/],
  ['tail-call', /^(return_call|return_call_indirect)$/],
];

function featureOfToken(tok, parent) {
  for (const [feature, re] of FEATURE_TOKENS) {
    if (re.test(tok)) return feature;
  }
  // (ref $t) / (ref null $t) / (ref func): typed references.
  if (parent && isList(parent, 'ref')) return 'function-references';
  return null;
}

// A module wabt rejected for something that is no feature (a limit of its
// text parser: `$"..."` identifiers, odd annotations, alignments or
// limits out of its range in assert_invalid modules).
const WABT_LIMIT = 'wabt-text-parser';

function featureOfModule(node, errorOffset) {
  // First what wabt stopped at: the innermost atom or list at the error's
  // offset.
  let hit = null, hitParent = null;
  const find = (n, parent) => {
    if (errorOffset === undefined || n.start > errorOffset || errorOffset >= n.end) return;
    if (n.kind === 'atom' || (n.kind === 'list' && n.start === errorOffset)) {
      hit = n;
      hitParent = parent;
    }
    if (n.kind === 'list') for (const c of n.items) find(c, n);
  };
  find(node, null);
  if (hit && hit.kind === 'atom') {
    const f = featureOfToken(hit.text, hitParent);
    if (f) return f;
  }
  if (hit && hit.kind === 'list') {
    // (table N funcref (ref.null func)): a table with an initialiser,
    // which came with typed function references.
    if (isList(hitParent, 'table') && !isList(hit, 'import') && !isList(hit, 'export'))
      return 'function-references';
    const f = isAtom(hit.items[0]) && featureOfToken(hit.items[0].text, hit);
    if (f) return f;
  }
  // Else the first feature-specific construct anywhere in the module.
  const found = new Set();
  const scan = (n, parent) => {
    if (n.kind === 'atom') {
      const f = featureOfToken(n.text, parent);
      if (f) found.add(f);
    } else if (n.kind === 'list') {
      for (const c of n.items) scan(c, n);
    }
  };
  scan(node, null);
  for (const [feature] of FEATURE_TOKENS)
    if (found.has(feature)) return feature;
  return WABT_LIMIT;
}

// ---------------------------------------------------------------------------
// Constants: encoded by wabt as globals, read back from the global section.

function readLeb(buf, state, signed, bits) {
  let result = 0n, shift = 0n, byte;
  do {
    byte = buf[state.pos++];
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte & 0x80);
  if (signed && shift < 64n && (byte & 0x40)) result -= 1n << shift;
  return BigInt.asUintN(bits, result);
}

// Returns one entry per global of the binary: {type, bytes} (little-endian
// Buffer of the value) or throws.
function readGlobals(bin) {
  const st = {pos: 8};
  const out = [];
  while (st.pos < bin.length) {
    const id = bin[st.pos++];
    const size = Number(readLeb(bin, st, false, 32));
    const end = st.pos + size;
    if (id === 6) {
      const count = Number(readLeb(bin, st, false, 32));
      for (let i = 0; i < count; ++i) {
        const vt = bin[st.pos++];
        ++st.pos; // mutability
        const op = bin[st.pos++];
        let bytes;
        if (op === 0x41 || op === 0x42) {
          const bits = op === 0x41 ? 32 : 64;
          const v = readLeb(bin, st, true, bits);
          bytes = Buffer.alloc(bits / 8);
          if (bits === 32) bytes.writeUInt32LE(Number(v)); else bytes.writeBigUInt64LE(v);
        } else if (op === 0x43 || op === 0x44) {
          const len = op === 0x43 ? 4 : 8;
          bytes = bin.subarray(st.pos, st.pos + len);
          st.pos += len;
        } else if (op === 0xfd) {
          readLeb(bin, st, false, 32); // v128.const
          bytes = bin.subarray(st.pos, st.pos + 16);
          st.pos += 16;
        } else {
          throw new Error(`unexpected constant opcode 0x${op.toString(16)}`);
        }
        if (bin[st.pos++] !== 0x0b) throw new Error('constant expression too long');
        out.push({vt, bytes});
      }
    }
    st.pos = end;
  }
  return out;
}

const NAN_PATTERNS = new Set(['nan:canonical', 'nan:arithmetic']);
const LANES = {
  i8x16: ['i8', 16, 1], i16x8: ['i16', 8, 2], i32x4: ['i32', 4, 4],
  i64x2: ['i64', 2, 8], f32x4: ['f32', 4, 4], f64x2: ['f64', 2, 8],
};

function laneString(bytes, size) {
  if (size === 8) return bytes.readBigUInt64LE(0).toString();
  if (size === 4) return String(bytes.readUInt32LE(0));
  if (size === 2) return String(bytes.readUInt16LE(0));
  return String(bytes[0]);
}

class ConstantPool {
  // Collects numeric constants of one script, then encodes them all at once.
  constructor(wabt, src) {
    this.wabt = wabt;
    this.src = src;
    this.items = []; // {text, type, fill(bytes)}
  }

  // Returns the JSON value object now; numbers are filled in by resolve().
  add(node) {
    const head = node.items[0].text;
    const type = head.split('.')[0];
    const args = node.items.slice(1);
    if (type === 'v128') {
      const shape = args[0] && args[0].text;
      if (!LANES[shape]) throw new Error(`bad v128 shape ${shape}`);
      const [laneType, count, size] = LANES[shape];
      const lanes = args.slice(1).map((a) => a.text);
      if (lanes.length !== count) throw new Error(`v128.const ${shape} needs ${count} lanes`);
      const value = {type: 'v128', lane_type: laneType, value: lanes.slice()};
      const text = `(v128.const ${shape} ${lanes.map((l) => (NAN_PATTERNS.has(l) ? '0' : l)).join(' ')})`;
      this.items.push({text, type, fill: (bytes) => {
        for (let i = 0; i < count; ++i)
          if (!NAN_PATTERNS.has(lanes[i]))
            value.value[i] = laneString(bytes.subarray(i * size, (i + 1) * size), size);
      }});
      return value;
    }
    if (args.length !== 1 || !isAtom(args[0])) throw new Error(`bad constant ${head}`);
    const lit = args[0].text;
    const value = {type, value: lit};
    if (NAN_PATTERNS.has(lit)) return value;
    this.items.push({text: this.src.toString('utf8', node.start, node.end), type,
      fill: (bytes) => { value.value = laneString(bytes, bytes.length); }});
    return value;
  }

  encode(items) {
    const text = '(module\n' + items.map((it) => `(global ${it.type} ${it.text})`).join('\n') + ')';
    const mod = this.wabt.parseWat('constants.wat', textBytes(text), ALL_FEATURES);
    try {
      mod.resolveNames();
      const globals = readGlobals(Buffer.from(mod.toBinary({}).buffer));
      if (globals.length !== items.length) throw new Error('global count mismatch');
      items.forEach((it, i) => it.fill(globals[i].bytes));
    } finally {
      mod.destroy();
    }
  }

  // Encodes every constant; a constant wabt cannot encode is returned with
  // the error so that its command can be reported.
  resolve() {
    const failed = [];
    try {
      this.encode(this.items);
    } catch (e) {
      for (const it of this.items) {
        try {
          this.encode([it]);
        } catch (e2) {
          failed.push({text: it.text, error: firstLine(e2.message)});
        }
      }
    }
    this.items = [];
    return failed;
  }
}

const ALL_FEATURES = {
  exceptions: true, mutable_globals: true, sat_float_to_int: true,
  sign_extension: true, simd: true, threads: true, function_references: true,
  multi_value: true, tail_call: true, bulk_memory: true, reference_types: true,
  annotations: true, code_metadata: true, gc: true, memory64: true,
  multi_memory: true, extended_const: true, relaxed_simd: true,
};

// wabt.js reads a Uint8Array's whole underlying buffer, ignoring its offset
// (Node's small Buffers share one pool): give it a buffer of its own.
function textBytes(text) {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

function firstLine(msg) {
  // wabt's messages start with "parseWat failed:" then file:line:col: error.
  const lines = String(msg).split('\n').map((l) => l.trim()).filter((l) => l && !/^parseWat failed:?$/.test(l));
  return lines.length ? lines[0] : String(msg);
}

// ---------------------------------------------------------------------------
// wabt.js 1.0.39 encoding bugs.

// Typed references: wabt.js writes (ref $t) with the pre-standard code 0x6b
// (structref in Wasm 3.0) and cannot parse the standard forms, so a module
// with a typed reference type, or an instruction of typed function
// references, is not converted (its opcodes are pre-standard too).
function typedReferenceUse(node) {
  let found = null;
  const walk = (n) => {
    if (found || n.kind !== 'list') return;
    if (isList(n, 'ref') && n.items.length >= 2) { found = n; return; }
    const h = n.items[0];
    if (isAtom(h) && /^(call_ref|return_call_ref|ref\.as_non_null|br_on_null|br_on_non_null)$/.test(h.text)) { found = n; return; }
    n.items.forEach(walk);
  };
  walk(node);
  return found;
}

// A data segment of memory N != 0 gets flags 2 but no memory index. The
// memory of each segment, in binary order, from the module's text.
function dataSegmentMemories(moduleNode) {
  const fields = withoutAnnotations(moduleNode).items.filter((f) => isList(f)).map(withoutAnnotations);
  const isMemoryImport = (f) =>
    (isList(f, 'import') && f.items.some((c) => isList(c, 'memory'))) ||
    (isList(f, 'memory') && f.items.some((c) => isList(c, 'import')));
  const names = new Map();
  let imported = 0;
  for (const f of fields) {
    if (!isMemoryImport(f)) continue;
    const mem = isList(f, 'import') ? withoutAnnotations(f.items.find((c) => isList(c, 'memory'))) : f;
    if (isName(mem.items[1])) names.set(mem.items[1].text, imported);
    ++imported;
  }
  let defined = imported;
  const segments = [];
  const memoryOf = (f) => {
    for (const c of f.items) {
      if (isList(c, 'memory')) {
        const v = c.items[1];
        return isName(v) ? names.get(v.text) : Number(v.text.replace(/_/g, ''));
      }
    }
    return 0;
  };
  // Memories are numbered first (a segment may name a later one).
  for (const f of fields) {
    if (isList(f, 'memory') && !isMemoryImport(f)) {
      if (isName(f.items[1])) names.set(f.items[1].text, defined);
      f.memoryIndex = defined++;
    }
  }
  for (const f of fields) {
    if (isList(f, 'data')) segments.push(memoryOf(f));
    else if (isList(f, 'memory') && f.items.some((c) => isList(c, 'data'))) segments.push(f.memoryIndex);
  }
  return segments;
}

function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}

// Inserts the missing memory indices into the data section of bin.
function fixDataSegments(bin, memories) {
  const st = {pos: 8};
  const parts = [bin.subarray(0, 8)];
  while (st.pos < bin.length) {
    const sectionStart = st.pos;
    const id = bin[st.pos++];
    const size = Number(readLeb(bin, st, false, 32));
    const end = st.pos + size;
    if (id !== 11) {
      parts.push(bin.subarray(sectionStart, end));
      st.pos = end;
      continue;
    }
    const count = Number(readLeb(bin, st, false, 32));
    const body = [uleb(count)];
    for (let i = 0; i < count; ++i) {
      const segStart = st.pos;
      const flags = Number(readLeb(bin, st, false, 32));
      if (flags === 2) body.push(bin.subarray(segStart, st.pos), uleb(memories[i] || 0));
      else body.push(bin.subarray(segStart, st.pos));
      const rest = st.pos;
      if (flags !== 1) { // the offset expression
        for (;;) {
          const op = bin[st.pos++];
          if (op === 0x0b) break;
          if (op === 0x41 || op === 0x42) readLeb(bin, st, true, 64);
          else if (op === 0x23) readLeb(bin, st, false, 32);
          else if (![0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e].includes(op))
            throw new Error(`data offset opcode 0x${op.toString(16)}`);
        }
      }
      const len = Number(readLeb(bin, st, false, 32));
      st.pos += len;
      body.push(bin.subarray(rest, st.pos));
    }
    const content = Buffer.concat(body);
    parts.push(Buffer.from([11]), uleb(content.length), content);
    st.pos = end;
  }
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------
// Export types, for the result types wast2json writes in "expected" of
// assert_trap, assert_exhaustion and action.

const VALTYPES = {0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128',
  0x70: 'funcref', 0x6f: 'externref', 0x69: 'exnref'};

// Map export name -> {results: [type]} (functions) or {type} (globals),
// or null when the binary has something this small reader does not know.
function exportTypes(bin) {
  const st = {pos: 8};
  const u32 = () => Number(readLeb(bin, st, false, 32));
  const valtype = () => {
    const b = bin[st.pos++];
    if (VALTYPES[b]) return VALTYPES[b];
    if (b === 0x63 || b === 0x64) {
      const ht = bin[st.pos];
      readLeb(bin, st, true, 64);
      return ht === 0x70 ? 'funcref' : ht === 0x6f ? 'externref' : ht === 0x69 ? 'exnref' : 'ref';
    }
    throw new Error(`value type 0x${b.toString(16)}`);
  };
  const vec = (f) => { const n = u32(); const out = []; for (let i = 0; i < n; ++i) out.push(f()); return out; };
  const limits = () => { const flags = u32(); readLeb(bin, st, false, 64); if (flags & 1) readLeb(bin, st, false, 64); };
  const constExpr = () => {
    for (;;) {
      const op = bin[st.pos++];
      if (op === 0x0b) return;
      if (op === 0x41 || op === 0x42 || op === 0xd0) readLeb(bin, st, true, 64);
      else if (op === 0x43) st.pos += 4;
      else if (op === 0x44) st.pos += 8;
      else if (op === 0x23 || op === 0xd2) u32();
      else if (op === 0xfd && u32() === 12) st.pos += 16;
      else if (![0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e].includes(op)) throw new Error(`constant opcode 0x${op.toString(16)}`);
    }
  };
  const types = [], funcs = [], globals = [], exports = new Map();
  while (st.pos < bin.length) {
    const id = bin[st.pos++];
    const size = u32();
    const end = st.pos + size;
    if (id === 1) {
      vec(() => {
        if (bin[st.pos++] !== 0x60) throw new Error('not a function type');
        vec(valtype);
        types.push(vec(valtype));
      });
    } else if (id === 2) {
      vec(() => {
        const skipName = () => { const len = u32(); st.pos += len; };
        skipName(); // module
        skipName(); // name
        const kind = bin[st.pos++];
        if (kind === 0) funcs.push(u32());
        else if (kind === 1) { valtype(); limits(); }
        else if (kind === 2) limits();
        else if (kind === 3) { globals.push(valtype()); ++st.pos; }
        else if (kind === 4) { ++st.pos; u32(); }
        else throw new Error(`import kind ${kind}`);
      });
    } else if (id === 3) {
      vec(() => funcs.push(u32()));
    } else if (id === 6) {
      vec(() => { globals.push(valtype()); ++st.pos; constExpr(); });
    } else if (id === 7) {
      vec(() => {
        const len = u32();
        const name = bin.toString('utf8', st.pos, st.pos + len);
        st.pos += len;
        const kind = bin[st.pos++];
        const index = u32();
        if (kind === 0) exports.set(name, {results: types[funcs[index]] || []});
        else if (kind === 3) exports.set(name, {type: globals[index]});
      });
    }
    st.pos = end;
  }
  return exports;
}

// ---------------------------------------------------------------------------
// One script.

class Converter {
  constructor(wabt, wastPath, outDir) {
    this.wabt = wabt;
    this.name = path.basename(wastPath, '.wast');
    this.src = fs.readFileSync(wastPath);
    this.dir = path.join(outDir, this.name);
    this.commands = [];
    this.numModules = 0;
    this.unconverted = []; // {line, command, feature, reason}
    this.pool = new ConstantPool(wabt, this.src);
    // Export types of the current module, of named modules and definitions.
    this.current = null;
    this.named = new Map();
    this.definitions = new Map();
  }

  // wast2json's "expected" of assert_trap, assert_exhaustion and action:
  // the result types of the function (or the global's type).
  resultTypes(action) {
    const exports = action.module ? this.named.get(action.module) : this.current;
    const e = exports && exports.get(action.field);
    if (!e) return [];
    if (action.type === 'get') return e.type ? [{type: e.type}] : [];
    return (e.results || []).map((type) => ({type}));
  }

  text(node) {
    return this.src.toString('utf8', node.start, node.end);
  }

  nextFile(ext) {
    return `${this.name}.${this.numModules++}.${ext}`;
  }

  // Parses a (module ...) node: {name, kind: 'text'|'binary'|'quote',
  // text|bytes, definition, node}.
  moduleParts(node) {
    const items = withoutAnnotations(node).items;
    let i = 1;
    const parts = {node, definition: false};
    if (isAtom(items[i], 'definition')) { parts.definition = true; ++i; }
    if (isName(items[i])) parts.name = items[i++].text;
    if (isAtom(items[i], 'binary') || isAtom(items[i], 'quote')) {
      parts.kind = items[i].text;
      const bytes = Buffer.concat(items.slice(i + 1).map((s) => {
        if (s.kind !== 'string') throw new Error(`line ${s.line}: expected a string in module ${parts.kind}`);
        return s.bytes;
      }));
      if (parts.kind === 'binary') parts.bytes = bytes; else parts.quote = bytes.toString('utf8');
      return parts;
    }
    parts.kind = 'text';
    // The fields, without `definition` and the name, in a plain module.
    const fieldsStart = items[i - 1].end; // after `module`, `definition` or the name
    parts.fieldsOffset = fieldsStart;
    parts.fieldsLine = items[i - 1].line;
    parts.text = '(module ' + this.src.toString('utf8', fieldsStart, node.end - 1) + ')';
    return parts;
  }

  // Encodes a module with wabt: {bytes} or {error, offset (into the script)}.
  encode(parts) {
    if (parts.kind === 'binary') return {bytes: parts.bytes};
    let text = parts.text;
    let offsetBase;
    if (parts.kind === 'quote') {
      text = /^\s*\(module\b/.test(parts.quote) ? parts.quote : `(module ${parts.quote})`;
    } else {
      // Pad so that wabt's line:col refer to the script's own lines.
      text = '\n'.repeat(parts.fieldsLine - 1) + text;
      offsetBase = true;
    }
    if (parts.kind === 'text') {
      const typed = typedReferenceUse(parts.node);
      if (typed)
        // No offset: the feature comes from the whole module (GC first).
        return {error: `${this.name}.wast:${typed.line}: ${this.text(typed).slice(0, 40)}: wabt.js encodes typed references with pre-standard opcodes`};
    }
    const fix = (r) => {
      if (!r.bytes || parts.kind !== 'text') return r;
      const memories = dataSegmentMemories(parts.node);
      if (memories.some((m) => m !== 0)) {
        try {
          r.bytes = fixDataSegments(r.bytes, memories);
        } catch (e) {
          return {error: `cannot add the memory indices wabt leaves out of its data segments: ${e.message}`};
        }
      }
      return r;
    };
    const first = fix(this.wabtEncode(text));
    if (first.bytes || parts.kind !== 'text') return first;
    const m = /:(\d+):(\d+): /.exec(first.error);
    if (m && offsetBase) first.offset = this.offsetOf(Number(m[1]), Number(m[2]), parts);
    // wabt 1.0.39 parses neither annotations everywhere nor `$"..."`
    // identifiers; both mean nothing in the binary. Try again without.
    const plain = this.withoutTextExtras(parts);
    if (plain === null) return first;
    const second = fix(this.wabtEncode(plain));
    return second.bytes ? second : first;
  }

  wabtEncode(text) {
    let mod;
    try {
      // As UTF-8 bytes: wabt.js narrows a string's characters to bytes.
      mod = this.wabt.parseWat(`${this.name}.wast`, textBytes(text), ALL_FEATURES);
      mod.resolveNames();
      return {bytes: Buffer.from(mod.toBinary({}).buffer)};
    } catch (e) {
      return {error: firstLine(e.message)};
    } finally {
      if (mod) mod.destroy();
    }
  }

  // The module text with annotations blanked and `$"..."` identifiers
  // renamed to plain ones ($"a" is $a; others get an escaped name), or null
  // when it has neither.
  withoutTextExtras(parts) {
    const edits = [];
    const walk = (n) => {
      if (n.end <= parts.fieldsOffset) return;
      if (isAnnotation(n)) { edits.push([n.start, n.end, ' ']); return; }
      if (n.kind === 'atom' && n.quotedId) {
        const id = n.quotedId.toString('latin1');
        const plain = /^[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]+$/.test(id)
          ? id : '__q' + n.quotedId.toString('hex');
        edits.push([n.start, n.end, '$' + plain]);
      }
      if (n.kind === 'list') n.items.forEach(walk);
    };
    walk(parts.node);
    if (!edits.length) return null;
    let text = '(module ', at = parts.fieldsOffset;
    for (const [start, end, repl] of edits) {
      text += this.src.toString('utf8', at, start) + repl;
      at = end;
    }
    return text + this.src.toString('utf8', at, parts.node.end - 1) + ')';
  }

  // The byte offset in the script of line:col of the padded module text
  // ("(module " + fields); maps into the fields part.
  offsetOf(line, col, parts) {
    let off;
    if (line === parts.fieldsLine) {
      // On the first line the fields follow "(module " directly.
      const c = col - 1 - '(module '.length;
      if (c < 0) return undefined;
      off = parts.fieldsOffset + c;
    } else {
      // Lines after the first are verbatim from the script.
      let l = parts.fieldsLine, p = parts.fieldsOffset;
      while (l < line && p < this.src.length) { if (this.src[p++] === 0x0a) ++l; }
      off = p + col - 1;
    }
    return off;
  }

  // Writes the module file and returns the JSON fields for it, or fields
  // marking it unsupported.
  writeModule(parts, command) {
    const enc = this.encode(parts);
    if (enc.bytes) {
      const file = this.nextFile('wasm');
      fs.writeFileSync(path.join(this.dir, file), enc.bytes);
      let exports = null;
      try {
        exports = exportTypes(enc.bytes);
      } catch (e) {
        // An invalid module, or one this reader does not know: no types.
      }
      return {filename: file, module_type: 'binary', exports};
    }
    if (parts.kind === 'quote') {
      // A quoted module wabt cannot parse: the runner gets its text, as
      // wast2json writes quoted modules of assertions.
      const file = this.nextFile('wat');
      fs.writeFileSync(path.join(this.dir, file), parts.quote);
      const feature = featureOfModule({kind: 'list', items: tokenizeSafe(Buffer.from(parts.quote))});
      return this.unsupported(file, parts, command, feature, enc.error);
    }
    const file = this.nextFile('wat');
    fs.writeFileSync(path.join(this.dir, file), parts.text);
    const feature = featureOfModule(parts.node, enc.offset);
    return this.unsupported(file, parts, command, feature, enc.error);
  }

  unsupported(file, parts, command, feature, reason) {
    this.unconverted.push({line: parts.node.line, command, feature, reason});
    return {filename: file, module_type: 'text', unsupported_feature: feature,
      unsupported_reason: `wabt 1.0.39: ${reason}`};
  }

  value(node) {
    if (!isList(node)) throw new Error(`line ${node.line}: expected a value`);
    const head = node.items[0].text;
    if (/^(i32|i64|f32|f64|v128)\.const$/.test(head)) return this.pool.add(node);
    const arg = node.items[1];
    if (head === 'ref.null') {
      // (ref.null) in a result matches any null reference.
      if (!arg) return {type: 'refnull', value: 'null'};
      const ht = arg.text;
      const byHeap = {func: 'funcref', nofunc: 'funcref', extern: 'externref',
        noextern: 'externref', exn: 'exnref', noexn: 'exnref'};
      if (byHeap[ht]) return {type: byHeap[ht], value: 'null'};
      if (ht.startsWith('$') || /^\d+$/.test(ht)) return {type: 'ref', heap_type: ht, value: 'null'};
      return {type: `${ht}ref`, value: 'null'};
    }
    if (head === 'ref.extern') return arg ? {type: 'externref', value: arg.text} : {type: 'externref'};
    if (head === 'ref.host') return {type: 'hostref', value: arg.text};
    if (head === 'ref.func') return arg ? {type: 'funcref', value: arg.text} : {type: 'funcref'};
    const m = /^ref\.(\w+)$/.exec(head);
    if (m) {
      // (ref.i31), (ref.struct), (ref.array), (ref.eq), (ref.any), ...:
      // any non-null reference of that kind.
      return arg ? {type: `${m[1]}ref`, value: arg.text} : {type: `${m[1]}ref`};
    }
    throw new Error(`line ${node.line}: unknown value ${head}`);
  }

  action(node) {
    const kind = node.items[0].text;
    if (kind !== 'invoke' && kind !== 'get') throw new Error(`line ${node.line}: unknown action ${kind}`);
    let i = 1;
    const a = {type: kind};
    if (isName(node.items[i])) a.module = node.items[i++].text;
    const field = node.items[i++];
    if (!field || field.kind !== 'string') throw new Error(`line ${node.line}: expected an export name`);
    a.field = field.bytes.toString('utf8');
    if (kind === 'invoke') a.args = node.items.slice(i).map((v) => this.value(v));
    return a;
  }

  messageOf(node, i) {
    const s = node.items[i];
    return s && s.kind === 'string' ? s.bytes.toString('utf8') : '';
  }

  command(node) {
    if (isAnnotation(node)) return;
    if (!isList(node)) throw new Error(`line ${node.line}: expected a command`);
    const original = node;
    node = withoutAnnotations(node);
    if (!isAtom(node.items[0])) throw new Error(`line ${node.line}: expected a command`);
    const head = node.items[0].text;
    const line = keywordLine(node);
    if (head === 'module') {
      if (isAtom(node.items[1], 'instance')) {
        const c = {type: 'module_instance', line};
        const names = node.items.slice(2).map((n) => n.text);
        if (names.length === 2) [c.instance, c.module] = names;
        else c.module = names[0];
        this.current = this.definitions.get(c.module) || null;
        if (c.instance) this.named.set(c.instance, this.current);
        this.commands.push(c);
        return;
      }
      const parts = this.moduleParts(original);
      const c = {type: parts.definition ? 'module_definition' : 'module', line};
      if (parts.name) c.name = parts.name;
      const f = this.writeModule(parts, c.type);
      c.filename = f.filename;
      if (f.unsupported_feature) Object.assign(c, f);
      if (parts.definition) {
        this.definitions.set(parts.name || '', f.exports || null);
      } else {
        this.current = f.exports || null;
        if (parts.name) this.named.set(parts.name, this.current);
      }
      this.commands.push(c);
      return;
    }
    if (head === 'register') {
      const c = {type: 'register', line};
      const name = node.items[2];
      if (name) c.name = name.text;
      c.as = this.messageOf(node, 1);
      this.commands.push(c);
      return;
    }
    if (head === 'invoke' || head === 'get') {
      const action = this.action(node);
      this.commands.push({type: 'action', line, action, expected: this.resultTypes(action)});
      return;
    }
    if (head === 'assert_return') {
      const c = {type: 'assert_return', line: keywordLine(node.items[1]), action: this.action(node.items[1])};
      const results = node.items.slice(2);
      if (results.length === 1 && isList(results[0], 'either'))
        c.either = results[0].items.slice(1).map((v) => this.value(v));
      else
        c.expected = results.map((v) => {
          if (isList(v, 'either')) throw new Error(`line ${line}: either among several results`);
          return this.value(v);
        });
      this.commands.push(c);
      return;
    }
    if (head === 'assert_trap' && isList(node.items[1], 'module')) {
      return this.moduleAssertion(node, 'assert_uninstantiable');
    }
    if (head === 'assert_trap' || head === 'assert_exhaustion') {
      const action = this.action(node.items[1]);
      this.commands.push({type: head, line: keywordLine(node.items[1]), action,
        text: this.messageOf(node, 2), expected: this.resultTypes(action)});
      return;
    }
    if (head === 'assert_exception') {
      const action = this.action(node.items[1]);
      this.commands.push({type: head, line: keywordLine(node.items[1]), action, expected: this.resultTypes(action)});
      return;
    }
    if (['assert_invalid', 'assert_malformed', 'assert_unlinkable', 'assert_uninstantiable'].includes(head))
      return this.moduleAssertion(node, head);
    throw new Error(`line ${line}: unknown command ${head}`);
  }

  moduleAssertion(node, type) {
    const parts = this.moduleParts(node.items[1]);
    const c = {type, line: keywordLine(node.items[1])};
    const text = this.messageOf(node, 2);
    if (parts.kind === 'quote') {
      // As wast2json: the quoted text, for a runner that parses text.
      c.filename = this.nextFile('wat');
      fs.writeFileSync(path.join(this.dir, c.filename), parts.quote);
      c.text = text;
      c.module_type = 'text';
    } else {
      const f = this.writeModule(parts, type);
      c.filename = f.filename;
      c.text = text;
      c.module_type = f.module_type;
      if (f.unsupported_feature) Object.assign(c, f);
    }
    this.commands.push(c);
  }

  run() {
    fs.rmSync(this.dir, {recursive: true, force: true});
    fs.mkdirSync(this.dir, {recursive: true});
    let nodes = tokenize(this.src);
    const errors = [];
    // A script of bare module fields is one module.
    const first = nodes.find((n) => !isAnnotation(n));
    if (first && isList(first) && MODULE_FIELDS.has(first.items[0].text))
      nodes = [{kind: 'list', start: 0, end: this.src.length + 1, line: 1,
        items: [{kind: 'atom', text: 'module', start: 0, end: 0, line: 1}, ...nodes]}];
    for (const node of nodes) {
      try {
        this.command(node);
      } catch (e) {
        errors.push(`${this.name}.wast:${node.line}: ${e.message}`);
      }
    }
    const failedConstants = this.pool.resolve();
    for (const f of failedConstants)
      errors.push(`${this.name}.wast: constant ${f.text}: ${f.error}`);
    const json = {source_filename: `${this.name}.wast`, commands: this.commands};
    fs.writeFileSync(path.join(this.dir, `${this.name}.json`), formatJson(json));
    return errors;
  }
}

const MODULE_FIELDS = new Set(['type', 'rec', 'import', 'func', 'table', 'memory',
  'global', 'export', 'start', 'elem', 'data', 'tag']);

function tokenizeSafe(buf) {
  try {
    return tokenize(buf);
  } catch (e) {
    return [];
  }
}

// wast2json's layout: one command per line.
function formatJson(json) {
  const cmds = json.commands.map((c) => '  ' + JSON.stringify(c).replace(/","|",|,"|":/g, (m) => m.replace(',', ', ').replace(':', ': ')));
  return `{"source_filename": ${JSON.stringify(json.source_filename)},\n "commands": [\n${cmds.join(',\n')}]}\n`;
}

// ---------------------------------------------------------------------------

// --compare REF_DIR OUT_DIR: every NAME/NAME.json of REF_DIR (wast2json's
// output) against this script's in OUT_DIR, command by command, and the
// binary modules byte by byte. Commands on modules this script marked
// unsupported are counted apart.
function compare(refDir, outDir) {
  let commands = 0, same = 0, unsupported = 0, wasmSame = 0;
  const diffs = [];
  for (const name of fs.readdirSync(refDir).sort()) {
    const refJson = path.join(refDir, name, `${name}.json`);
    if (!fs.existsSync(refJson)) continue;
    const outJson = path.join(outDir, name, `${name}.json`);
    if (!fs.existsSync(outJson)) { diffs.push(`${name}: not converted`); continue; }
    const a = JSON.parse(fs.readFileSync(refJson, 'utf8')).commands;
    const b = JSON.parse(fs.readFileSync(outJson, 'utf8')).commands;
    if (a.length !== b.length) { diffs.push(`${name}: ${b.length} commands, wast2json has ${a.length}`); continue; }
    a.forEach((x, i) => {
      const y = b[i];
      ++commands;
      if (y.unsupported_feature) { ++unsupported; return; }
      if (JSON.stringify(x) !== JSON.stringify(y)) {
        diffs.push(`${name}.json:${x.line}: ${JSON.stringify(y)}, wast2json has ${JSON.stringify(x)}`);
        return;
      }
      ++same;
      if (!/\.wasm$/.test(x.filename || '')) return;
      if (fs.readFileSync(path.join(refDir, name, x.filename)).equals(fs.readFileSync(path.join(outDir, name, y.filename)))) ++wasmSame;
      else diffs.push(`${name}/${x.filename}: the binary differs`);
    });
  }
  for (const d of diffs.slice(0, 20)) process.stdout.write(`compare: ${d}\n`);
  process.stdout.write(`compare: ${commands} commands: ${same} as wast2json's (${wasmSame} binaries identical), ${unsupported} on modules not converted, ${diffs.length} differences\n`);
  return diffs.length ? 1 : 0;
}

async function main() {
  if (process.argv[2] === '--compare') process.exit(compare(process.argv[3], process.argv[4]));
  const [wabtDir, outDir, ...files] = process.argv.slice(2);
  if (!wabtDir || !outDir || files.length === 0) {
    process.stderr.write('usage: convert-wasm3-wast.js WABT_PACKAGE_DIR OUT_DIR FILE.wast...\n');
    process.exit(2);
  }
  const wabt = await require(path.resolve(wabtDir))();
  const report = [];
  let totalCommands = 0, totalModules = 0, totalUnconverted = 0;
  let fullyConverted = 0, partly = 0, noModule = 0;
  const byFeature = new Map();
  const allErrors = [];
  for (const file of files.sort()) {
    const conv = new Converter(wabt, file, outDir);
    let errors;
    try {
      errors = conv.run();
    } catch (e) {
      errors = [`${path.basename(file)}: ${e.message}`];
    }
    allErrors.push(...errors);
    const modules = conv.numModules;
    const bad = conv.unconverted.length;
    totalCommands += conv.commands.length;
    totalModules += modules;
    totalUnconverted += bad;
    if (errors.length) partly++;
    else if (bad === 0) fullyConverted++;
    else if (bad === modules) noModule++;
    else partly++;
    const status = errors.length ? 'ERRORS' : bad === 0 ? 'converted' : bad === modules ? 'no module converted' : 'partly converted';
    report.push(`${conv.name}: ${status}: ${conv.commands.length} commands, ${modules - bad} of ${modules} modules converted`);
    for (const u of conv.unconverted) {
      byFeature.set(u.feature, (byFeature.get(u.feature) || 0) + 1);
      report.push(`  ${conv.name}.wast:${u.line}: ${u.command}: needs ${u.feature}: ${u.reason}`);
    }
    for (const e of errors) report.push(`  error: ${e}`);
  }
  const features = [...byFeature.entries()].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`).join(', ');
  const summary = [
    `convert: ${files.length} files: ${fullyConverted} fully converted, ${partly} partly, ${noModule} with no module converted`,
    `convert: ${totalCommands} commands, ${totalModules} modules, ${totalModules - totalUnconverted} converted, ${totalUnconverted} not converted by wabt 1.0.39${features ? ` (${features})` : ''}`,
    `convert: ${allErrors.length} conversion errors`,
  ];
  fs.writeFileSync(path.join(outDir, 'conversion-report.txt'), report.concat(summary).join('\n') + '\n');
  for (const e of allErrors) process.stderr.write(`convert: error: ${e}\n`);
  process.stdout.write(summary.join('\n') + '\n');
  process.exit(allErrors.length ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`convert: ${e.stack || e}\n`);
  process.exit(1);
});
