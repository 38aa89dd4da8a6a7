//===- Opcodes.h - The WebAssembly instruction table -------------*- C++ -*-===//
//
// Everything known about an instruction comes from Opcodes.def: the Opcode
// enumeration, its OpcodeInfo (text, immediates, typing, family, feature)
// and one enumeration per family (NumericOp, SIMDOp, ...) whose values are
// the Opcode values. Each IR-generation family handler switches over its own
// enumeration without a default, so a table entry without a handler is a
// compile error.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_READER_OPCODES_H
#define WASM2NATIVE_READER_OPCODES_H

#include "wasm2native/Reader/Features.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>

namespace wasm2native {

/// Prefixed opcodes are encoded as (Prefix << 16) | SubOpcode.
constexpr uint32_t MiscPrefix = 0xfc;
constexpr uint32_t SimdPrefix = 0xfd;

constexpr uint32_t opcodeValue(uint32_t Prefix, uint32_t Code) {
  return (Prefix << 16) | Code;
}

enum class Opcode : uint32_t {
#define WASM_OPCODE(Name, Prefix, Code, Text, Imm, Sig, Family, Feature,       \
                    Bytes, Shape)                                              \
  Name = opcodeValue(Prefix, Code),
#include "wasm2native/Reader/Opcodes.def"
};

/// How an instruction's immediates are encoded.
enum class ImmKind : uint8_t {
  None,
  BlockType,    // s33 block type
  Label,        // label depth
  LabelTable,   // vec(label) label
  Func,         // function index
  CallIndirect, // type index, table index
  Local,        // local index
  Global,       // global index
  Table,        // table index
  Memory,       // memory index (a zero byte before multi-memory)
  MemArg,       // alignment (+ memory index), offset
  MemArgLane,   // memarg, lane index
  Lane,         // lane index
  I32,          // s32
  I64,          // s64
  F32,          // 4 bytes
  F64,          // 8 bytes
  V128,         // 16 bytes
  Shuffle,      // 16 lane indices
  SelectT,      // vec(valtype)
  HeapType,     // reference type of ref.null
  Data,         // data segment index
  Elem,         // element segment index
  MemoryInit,   // data index, memory index
  MemoryCopy,   // destination memory, source memory
  TableInit,    // element index, table index
  TableCopy,    // destination table, source table
};

/// Which IR-generation handler translates an instruction.
enum class OpFamily : uint8_t {
  Control,
  Variable,
  Memory,
  Table,
  Numeric,
  Conversion,
  SIMD,
};

/// SIMD lane shapes.
enum class LaneShape : uint8_t { None, I8x16, I16x8, I32x4, I64x2, F32x4, F64x2 };

/// Number of lanes of \p S (0 for None).
inline unsigned laneCount(LaneShape S) {
  static const unsigned Counts[] = {0, 16, 8, 4, 2, 4, 2};
  return Counts[unsigned(S)];
}

struct OpcodeInfo {
  llvm::StringRef Text;
  ImmKind Imm;
  /// "params:results" (see Opcodes.def), or "*".
  const char *Sig;
  OpFamily Family;
  Feature Feat;
  uint8_t AccessBytes;
  LaneShape Shape;
};

/// The table entry of \p Code (as returned by BinaryCursor::readOpcode),
/// or null when no instruction has that encoding.
const OpcodeInfo *lookupOpcode(uint32_t Code);
/// The table entry of \p Op.
const OpcodeInfo &opcodeInfo(Opcode Op);
/// The text-format name of \p Op.
inline llvm::StringRef opcodeName(Opcode Op) { return opcodeInfo(Op).Text; }
/// True if \p Code is an instruction of the table.
inline bool isKnownOpcode(uint32_t Code) { return lookupOpcode(Code); }

// One enumeration per family, each holding that family's instructions with
// their Opcode values.
#define W2N_FAMILY_ENTRY(Name, Prefix, Code) Name = opcodeValue(Prefix, Code),

#define W2N_IN_Control(Name, Prefix, Code) W2N_FAMILY_ENTRY(Name, Prefix, Code)
enum class ControlOp : uint32_t {
#include "wasm2native/Reader/OpcodeFamily.inc"
};
#define W2N_IN_Variable(Name, Prefix, Code) W2N_FAMILY_ENTRY(Name, Prefix, Code)
enum class VariableOp : uint32_t {
#include "wasm2native/Reader/OpcodeFamily.inc"
};
#define W2N_IN_Memory(Name, Prefix, Code) W2N_FAMILY_ENTRY(Name, Prefix, Code)
enum class MemoryOp : uint32_t {
#include "wasm2native/Reader/OpcodeFamily.inc"
};
#define W2N_IN_Table(Name, Prefix, Code) W2N_FAMILY_ENTRY(Name, Prefix, Code)
enum class TableOp : uint32_t {
#include "wasm2native/Reader/OpcodeFamily.inc"
};
#define W2N_IN_Numeric(Name, Prefix, Code) W2N_FAMILY_ENTRY(Name, Prefix, Code)
enum class NumericOp : uint32_t {
#include "wasm2native/Reader/OpcodeFamily.inc"
};
#define W2N_IN_Conversion(Name, Prefix, Code)                                  \
  W2N_FAMILY_ENTRY(Name, Prefix, Code)
enum class ConversionOp : uint32_t {
#include "wasm2native/Reader/OpcodeFamily.inc"
};
#define W2N_IN_SIMD(Name, Prefix, Code) W2N_FAMILY_ENTRY(Name, Prefix, Code)
enum class SIMDOp : uint32_t {
#include "wasm2native/Reader/OpcodeFamily.inc"
};
#undef W2N_FAMILY_ENTRY

} // namespace wasm2native

#endif
