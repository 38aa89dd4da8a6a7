//===- Instruction.h - One decoded instruction -------------------*- C++ -*-===//
//
// The validator and the IR generator both decode function bodies with
// decodeInstruction(), which reads an opcode and its immediates as the
// instruction table (Opcodes.def) describes them. Nothing else reads
// instruction bytes.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_READER_INSTRUCTION_H
#define WASM2NATIVE_READER_INSTRUCTION_H

#include "wasm2native/Reader/BinaryCursor.h"
#include "wasm2native/Reader/Features.h"
#include "wasm2native/Reader/Opcodes.h"
#include "wasm2native/Reader/WasmModule.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

namespace wasm2native {

struct MemArg {
  uint64_t Offset = 0;
  uint32_t Memory = 0;
  /// log2 of the alignment hint (not a guarantee).
  uint32_t AlignLog2 = 0;
};

/// An instruction and its immediates. Which fields hold immediates depends
/// on the instruction's ImmKind (opcodeInfo(Op).Imm); the others are left
/// as they were.
struct WasmInstr {
  Opcode Op = Opcode::Nop;
  const OpcodeInfo *Info = nullptr;
  /// Byte offset of the opcode in the input.
  uint64_t Offset = 0;

  /// The first index immediate: label depth (Label), function (Func),
  /// type (CallIndirect), local, global, table, memory (Memory, and the
  /// destination of MemoryCopy/TableCopy), data (Data, MemoryInit) or
  /// element segment (Elem, TableInit).
  uint32_t Index = 0;
  /// The second index immediate: the table of CallIndirect and TableInit,
  /// the memory of MemoryInit, the source of MemoryCopy/TableCopy.
  uint32_t Index2 = 0;
  /// BlockType: the s33 (negative: a value type or 0x40, else a type index).
  int64_t BlockType = 0;
  /// MemArg, MemArgLane.
  MemArg Mem;
  /// Lane, MemArgLane.
  uint8_t Lane = 0;
  /// I32 (zero-extended), I64, and the bit patterns of F32/F64.
  uint64_t Bits = 0;
  /// V128 bytes, or Shuffle lane indices.
  uint8_t Bytes16[16] = {};
  /// SelectT's operand type, HeapType's reference type.
  ValType Type = ValType::I32;
  /// LabelTable: the targets, then the default as the last element.
  llvm::SmallVector<uint32_t, 8> Targets;
};

/// Decodes the instruction at \p C into \p I. Errors (WasmErrors) for
/// truncated or malformed encodings and for opcodes that are unknown or
/// belong to a feature \p Features lacks ("illegal opcode"); an opcode of a
/// known proposal that wasm2native does not implement gives an
/// UnsupportedFeatureError.
llvm::Error decodeInstruction(BinaryCursor &C, const FeatureSet &Features,
                              WasmInstr &I);

/// The parameter and result types of a block type immediate; false when
/// \p BlockType names neither a value type, 0x40 nor a type of \p M.
bool blockTypeSignature(const WasmModule &M, int64_t BlockType,
                        llvm::ArrayRef<ValType> &Params,
                        llvm::ArrayRef<ValType> &Results);

} // namespace wasm2native

#endif
