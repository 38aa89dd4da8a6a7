//===- Instruction.cpp - Decode one instruction from the table ------------===//

#include "wasm2native/Reader/Instruction.h"
#include "ReaderUtil.h"
#include "wasm2native/Reader/WasmError.h"

using namespace llvm;

namespace wasm2native {

/// The proposal of an opcode that is not in the table but that a proposal
/// wasm2native does not implement defines, or None.
static std::optional<Feature> unimplementedProposal(uint32_t Code) {
  switch (Code >> 16) {
  case 0xfb:
    return Feature::GC;
  case 0xfe:
    return Feature::Threads;
  case 0:
    break;
  default:
    return std::nullopt;
  }
  switch (Code) {
  case 0x06: // try
  case 0x07: // catch
  case 0x08: // throw
  case 0x09: // rethrow
  case 0x0a: // throw_ref
  case 0x18: // delegate
  case 0x19: // catch_all
  case 0x1f: // try_table
    return Feature::ExceptionHandling;
  case 0x12: // return_call
  case 0x13: // return_call_indirect
    return Feature::TailCall;
  case 0x14: // call_ref
  case 0x15: // return_call_ref
  case 0xd4: // ref.as_non_null
  case 0xd5: // br_on_null
  case 0xd6: // br_on_non_null
    return Feature::FunctionReferences;
  case 0xd3: // ref.eq
    return Feature::GC;
  default:
    return std::nullopt;
  }
}

static Error illegalOpcode(uint64_t Offset, uint32_t Code) {
  return makeWasmError(Offset, "illegal opcode 0x" + Twine::utohexstr(Code));
}

/// A memory index: a LEB128 u32 with multi-memory, else a zero byte.
static Error readMemoryIndex(BinaryCursor &C, const FeatureSet &Features,
                             uint64_t InstOffset, uint32_t &Index) {
  if (Features.has(Feature::MultiMemory))
    return C.readVarU32().moveInto(Index);
  uint8_t B = 0;
  if (Error E = C.readU8().moveInto(B))
    return E;
  if (B != 0)
    return makeWasmError(InstOffset, "zero byte expected");
  Index = 0;
  return Error::success();
}

static Error readMemArg(BinaryCursor &C, const FeatureSet &Features,
                        MemArg &M) {
  if (Error E = C.readVarU32().moveInto(M.AlignLog2))
    return E;
  M.Memory = 0;
  // Bit 6 of the alignment flags says a memory index follows.
  if (Features.has(Feature::MultiMemory) && (M.AlignLog2 & 0x40)) {
    M.AlignLog2 &= ~0x40u;
    if (Error E = C.readVarU32().moveInto(M.Memory))
      return E;
  }
  if (Features.has(Feature::Memory64))
    return C.readVarU64().moveInto(M.Offset);
  uint32_t Offset = 0;
  if (Error E = C.readVarU32().moveInto(Offset))
    return E;
  M.Offset = Offset;
  return Error::success();
}

Error decodeInstruction(BinaryCursor &C, const FeatureSet &Features,
                        WasmInstr &I) {
  I.Offset = C.offset();
  uint32_t Code = 0;
  if (Error E = C.readOpcode().moveInto(Code))
    return E;
  const OpcodeInfo *Info = lookupOpcode(Code);
  if (!Info || !Features.has(Info->Feat)) {
    std::optional<Feature> F =
        Info ? std::optional<Feature>(Info->Feat) : unimplementedProposal(Code);
    if (F && !isFeatureImplemented(*F))
      return makeUnsupportedFeatureError(
          I.Offset, featureName(*F),
          "unsupported instruction 0x" + Twine::utohexstr(Code) +
              ": the " + featureName(*F) +
              " proposal is not implemented");
    return illegalOpcode(I.Offset, Code);
  }
  I.Op = Opcode(Code);
  I.Info = Info;

  auto U32 = [&](uint32_t &Out) { return C.readVarU32().moveInto(Out); };
  switch (Info->Imm) {
  case ImmKind::None:
    return Error::success();
  case ImmKind::BlockType:
    return C.readVarS33().moveInto(I.BlockType);
  case ImmKind::Label:
  case ImmKind::Func:
  case ImmKind::Local:
  case ImmKind::Global:
  case ImmKind::Table:
  case ImmKind::Data:
  case ImmKind::Elem:
    return U32(I.Index);
  case ImmKind::LabelTable: {
    uint32_t Count = 0;
    if (Error E = U32(Count))
      return E;
    // Each label takes at least a byte: a count beyond the bytes left is
    // truncated input, not a reason to allocate.
    if (Count > C.remaining())
      return C.endError();
    I.Targets.resize(size_t(Count) + 1);
    for (uint32_t &T : I.Targets)
      if (Error E = U32(T))
        return E;
    return Error::success();
  }
  case ImmKind::CallIndirect:
  case ImmKind::TableInit:
  case ImmKind::TableCopy:
    if (Error E = U32(I.Index))
      return E;
    return U32(I.Index2);
  case ImmKind::Memory:
    return readMemoryIndex(C, Features, I.Offset, I.Index);
  case ImmKind::MemoryInit:
    if (Error E = U32(I.Index))
      return E;
    return readMemoryIndex(C, Features, I.Offset, I.Index2);
  case ImmKind::MemoryCopy:
    if (Error E = readMemoryIndex(C, Features, I.Offset, I.Index))
      return E;
    return readMemoryIndex(C, Features, I.Offset, I.Index2);
  case ImmKind::MemArg:
    return readMemArg(C, Features, I.Mem);
  case ImmKind::MemArgLane:
    if (Error E = readMemArg(C, Features, I.Mem))
      return E;
    return C.readU8().moveInto(I.Lane);
  case ImmKind::Lane:
    return C.readU8().moveInto(I.Lane);
  case ImmKind::I32: {
    int32_t V = 0;
    if (Error E = C.readVarS32().moveInto(V))
      return E;
    I.Bits = uint32_t(V);
    return Error::success();
  }
  case ImmKind::I64: {
    int64_t V = 0;
    if (Error E = C.readVarS64().moveInto(V))
      return E;
    I.Bits = uint64_t(V);
    return Error::success();
  }
  case ImmKind::F32: {
    uint32_t V = 0;
    if (Error E = C.readFixedU32().moveInto(V))
      return E;
    I.Bits = V;
    return Error::success();
  }
  case ImmKind::F64:
    return C.readFixedU64().moveInto(I.Bits);
  case ImmKind::V128:
  case ImmKind::Shuffle: {
    ArrayRef<uint8_t> Bytes;
    if (Error E = C.readBytes(16).moveInto(Bytes))
      return E;
    std::copy(Bytes.begin(), Bytes.end(), I.Bytes16);
    return Error::success();
  }
  case ImmKind::SelectT: {
    // The validator reports a count other than one; the types are still
    // decoded so that the error is about the arity, not truncation.
    uint32_t Count = 0;
    if (Error E = U32(Count))
      return E;
    I.Index = Count;
    if (Count > C.remaining())
      return C.endError();
    for (uint32_t K = 0; K < Count; ++K)
      if (Error E = readValType(C).moveInto(I.Type))
        return E;
    return Error::success();
  }
  case ImmKind::HeapType:
    return readRefType(C).moveInto(I.Type);
  }
  llvm_unreachable("covered switch");
}

bool blockTypeSignature(const WasmModule &M, int64_t BlockType,
                        ArrayRef<ValType> &Params,
                        ArrayRef<ValType> &Results) {
  // One-element result lists live here so that callers can hold ArrayRefs.
  static const ValType Single[] = {ValType::I32,     ValType::I64,
                                   ValType::F32,     ValType::F64,
                                   ValType::V128,    ValType::FuncRef,
                                   ValType::ExternRef};
  if (BlockType >= 0) {
    if (uint64_t(BlockType) >= M.Types.size())
      return false;
    Params = M.Types[BlockType].Params;
    Results = M.Types[BlockType].Results;
    return true;
  }
  Params = {};
  if (BlockType == -0x40) {
    Results = {};
    return true;
  }
  if (BlockType < -0x40)
    return false;
  uint8_t Byte = uint8_t(BlockType & 0x7f);
  for (const ValType &T : Single)
    if (uint8_t(T) == Byte) {
      Results = ArrayRef<ValType>(&T, 1);
      return true;
    }
  return false;
}

} // namespace wasm2native
