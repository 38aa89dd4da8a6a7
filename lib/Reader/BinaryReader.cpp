//===- BinaryReader.cpp - Decode a Wasm binary ----------------------------===//
//
// One pass over the sections. Function bodies are not decoded here: the
// reader only splits off the local declarations and records the byte range
// of the instructions; the validator decodes them (and so reports malformed
// instructions) in its own single pass.
//
//===----------------------------------------------------------------------===//

#include "wasm2native/Reader/BinaryReader.h"
#include "wasm2native/Reader/Instruction.h"
#include "ReaderUtil.h"
#include "wasm2native/Reader/Opcodes.h"
#include <algorithm>

using namespace llvm;

namespace wasm2native {

namespace {

enum SectionId : uint8_t {
  CustomSection = 0,
  TypeSection = 1,
  ImportSection = 2,
  FunctionSection = 3,
  TableSection = 4,
  MemorySection = 5,
  GlobalSection = 6,
  ExportSection = 7,
  StartSection = 8,
  ElementSection = 9,
  CodeSection = 10,
  DataSection = 11,
  DataCountSection = 12,
};

/// Position of a section in the required order; data count sits between
/// element and code although its id is the largest.
unsigned sectionRank(uint8_t Id) {
  switch (Id) {
  case DataCountSection:
    return 10;
  case CodeSection:
    return 11;
  case DataSection:
    return 12;
  default:
    return Id;
  }
}

/// Engines cap declared locals per function (V8 and SpiderMonkey use
/// 50000); we do the same so a hostile count cannot blow up code generation.
constexpr uint64_t MaxLocalsPerFunction = 50000;
/// Parameters and results of one function type, as the JS API limits them:
/// each is a distinct LLVM argument or struct field, and code generation
/// of calls grows much faster than linearly with them.
constexpr uint32_t MaxTypeArity = 1000;
/// Functions (imported and defined) and data segments, as the JS API
/// limits them: each becomes LLVM functions or globals, whose cost is far
/// above the few input bytes a declaration takes.
constexpr uint64_t MaxFunctions = 1000000;
constexpr uint32_t MaxDataSegments = 100000;

class ModuleReader {
public:
  ModuleReader(WasmModule &M, const FeatureSet &Features)
      : M(M), Features(Features) {}
  Error read();

private:
  Error readSection(uint8_t Id, BinaryCursor &C);
  Error readCustomSection(BinaryCursor &C);
  Error readTypeSection(BinaryCursor &C);
  Error readImportSection(BinaryCursor &C);
  Error readFunctionSection(BinaryCursor &C);
  Error readTableSection(BinaryCursor &C);
  Error readMemorySection(BinaryCursor &C);
  Error readGlobalSection(BinaryCursor &C);
  Error readExportSection(BinaryCursor &C);
  Error readStartSection(BinaryCursor &C);
  Error readElementSection(BinaryCursor &C);
  Error readCodeSection(BinaryCursor &C);
  Error readDataSection(BinaryCursor &C);
  Error readDataCountSection(BinaryCursor &C);
  Error readNameSection(BinaryCursor &C);

  Error readLimits(BinaryCursor &C, Limits &L);
  Error readTableType(BinaryCursor &C, TableType &T);
  Error readGlobalType(BinaryCursor &C, GlobalType &T);
  Error readConstExpr(BinaryCursor &C, ConstExpr &E);
  /// Reads a vector length and reserves room for it, capped by the bytes
  /// left so a bogus count cannot trigger a huge allocation.
  template <typename VecT>
  Error readCount(BinaryCursor &C, uint32_t &Count, VecT &Vec) {
    if (Error E = C.readVarU32().moveInto(Count))
      return E;
    Vec.reserve(Vec.size() + std::min<size_t>(Count, C.remaining()));
    return Error::success();
  }

  WasmModule &M;
  const FeatureSet &Features;
  std::optional<uint32_t> DeclaredFuncCount; // from the function section
  bool SawCodeSection = false;
  bool SawDataSection = false;
};

} // namespace

Error ModuleReader::read() {
  BinaryCursor C(M.Storage);
  static const uint8_t Magic[] = {0x00, 0x61, 0x73, 0x6d};
  ArrayRef<uint8_t> Head;
  if (Error E = C.readBytes(4).moveInto(Head))
    return E;
  if (Head != ArrayRef<uint8_t>(Magic))
    return makeWasmError(0, "magic header not detected");
  uint32_t Version = 0;
  if (Error E = C.readFixedU32().moveInto(Version))
    return E;
  if (Version != 1)
    return makeWasmError(4, "unknown binary version");

  unsigned LastRank = 0;
  while (!C.atEnd()) {
    uint64_t SectionStart = C.offset();
    uint8_t Id = 0;
    if (Error E = C.readU8().moveInto(Id))
      return E;
    if (Id == 13) // the tag section
      return makeUnsupportedFeatureError(
          SectionStart, featureName(Feature::ExceptionHandling),
          "unsupported tag section: the exception-handling proposal is not "
          "implemented");
    if (Id > DataCountSection)
      return makeWasmError(SectionStart, "malformed section id");
    uint32_t Size = 0;
    if (Error E = C.readVarU32().moveInto(Size))
      return E;
    if (Size > C.remaining())
      return makeWasmError(SectionStart,
                           "unexpected end: section length out of bounds");
    uint64_t ContentOffset = C.offset();
    ArrayRef<uint8_t> Content;
    if (Error E = C.readBytes(Size).moveInto(Content))
      return E;

    if (Id != CustomSection) {
      unsigned Rank = sectionRank(Id);
      if (Rank <= LastRank)
        return makeWasmError(SectionStart,
                             "unexpected content after last section");
      LastRank = Rank;
    }

    BinaryCursor SC(Content, ContentOffset);
    SC.setBounded();
    if (Error E = readSection(Id, SC))
      return E;
    if (!SC.atEnd())
      return SC.error("section size mismatch");
  }

  if (DeclaredFuncCount.value_or(0) != 0 && !SawCodeSection)
    return makeWasmError(C.offset(),
                         "function and code section have inconsistent lengths");
  if (M.DataCount && *M.DataCount != 0 && !SawDataSection)
    return makeWasmError(
        C.offset(), "data count and data section have inconsistent lengths");
  return Error::success();
}

Error ModuleReader::readSection(uint8_t Id, BinaryCursor &C) {
  switch (Id) {
  case CustomSection:
    return readCustomSection(C);
  case TypeSection:
    return readTypeSection(C);
  case ImportSection:
    return readImportSection(C);
  case FunctionSection:
    return readFunctionSection(C);
  case TableSection:
    return readTableSection(C);
  case MemorySection:
    return readMemorySection(C);
  case GlobalSection:
    return readGlobalSection(C);
  case ExportSection:
    return readExportSection(C);
  case StartSection:
    return readStartSection(C);
  case ElementSection:
    return readElementSection(C);
  case CodeSection:
    return readCodeSection(C);
  case DataSection:
    return readDataSection(C);
  case DataCountSection:
    return readDataCountSection(C);
  }
  llvm_unreachable("section id checked by the caller");
}

Error ModuleReader::readCustomSection(BinaryCursor &C) {
  StringRef Name;
  if (Error E = C.readName().moveInto(Name))
    return E;
  ArrayRef<uint8_t> Rest;
  if (Error E = C.readBytes(C.remaining()).moveInto(Rest))
    return E;
  if (Name != "name")
    return Error::success();
  // Engines ignore a malformed name section rather than reject the module;
  // names are debug information only.
  BinaryCursor NC(Rest, C.offset() - Rest.size());
  std::string SavedModuleName = M.ModuleName;
  std::vector<std::string> SavedNames = M.FunctionNames;
  if (Error E = readNameSection(NC)) {
    consumeError(std::move(E));
    M.ModuleName = std::move(SavedModuleName);
    M.FunctionNames = std::move(SavedNames);
  }
  return Error::success();
}

Error ModuleReader::readNameSection(BinaryCursor &C) {
  while (!C.atEnd()) {
    uint8_t Id = 0;
    uint32_t Size = 0;
    ArrayRef<uint8_t> Sub;
    if (Error E = C.readU8().moveInto(Id))
      return E;
    if (Error E = C.readVarU32().moveInto(Size))
      return E;
    uint64_t SubOffset = C.offset();
    if (Error E = C.readBytes(Size).moveInto(Sub))
      return E;
    BinaryCursor SC(Sub, SubOffset);
    if (Id == 0) {
      StringRef Name;
      if (Error E = SC.readName().moveInto(Name))
        return E;
      M.ModuleName = Name.str();
    } else if (Id == 1) {
      uint32_t Count = 0;
      if (Error E = SC.readVarU32().moveInto(Count))
        return E;
      for (uint32_t I = 0; I < Count; ++I) {
        uint32_t Index = 0;
        StringRef Name;
        if (Error E = SC.readVarU32().moveInto(Index))
          return E;
        if (Error E = SC.readName().moveInto(Name))
          return E;
        if (Index >= M.numFuncs())
          return SC.error("function index out of range in name section");
        if (Index >= M.FunctionNames.size())
          M.FunctionNames.resize(Index + 1);
        M.FunctionNames[Index] = Name.str();
      }
    } else {
      continue; // local names etc. are not used
    }
    if (!SC.atEnd())
      return SC.error("name subsection size mismatch");
  }
  return Error::success();
}

static Error readValTypes(BinaryCursor &C, SmallVectorImpl<ValType> &Out,
                          const char *What) {
  uint64_t Start = C.offset();
  uint32_t N = 0;
  if (Error E = C.readVarU32().moveInto(N))
    return E;
  if (N > MaxTypeArity)
    return makeWasmError(
        Start, "too many " + Twine(What) + " in a function type: " + Twine(N) +
                   " (the limit is " + Twine(MaxTypeArity) + ")");
  for (uint32_t J = 0; J < N; ++J) {
    ValType T = ValType::I32;
    if (Error E = readValType(C).moveInto(T))
      return E;
    Out.push_back(T);
  }
  return Error::success();
}

Error ModuleReader::readTypeSection(BinaryCursor &C) {
  uint32_t Count = 0;
  if (Error E = readCount(C, Count, M.Types))
    return E;
  for (uint32_t I = 0; I < Count; ++I) {
    uint64_t Start = C.offset();
    uint8_t Form = 0;
    if (Error E = C.readU8().moveInto(Form))
      return E;
    // The spec decodes the form as a signed LEB128 (s7).
    if (Form & 0x80)
      return makeWasmError(Start, "integer representation too long");
    if (Form == 0x4e || Form == 0x4f || Form == 0x50 || Form == 0x5e ||
        Form == 0x5f) // rec, sub final, sub, array, struct
      return makeUnsupportedFeatureError(
          Start, featureName(Feature::GC),
          "unsupported type form 0x" + Twine::utohexstr(Form) +
              ": the gc proposal is not implemented");
    if (Form != 0x60)
      return makeWasmError(Start, "malformed function type");
    FuncType FT;
    if (Error E = readValTypes(C, FT.Params, "parameters"))
      return E;
    if (Error E = readValTypes(C, FT.Results, "results"))
      return E;
    M.Types.push_back(std::move(FT));
  }
  return Error::success();
}

Error ModuleReader::readLimits(BinaryCursor &C, Limits &L) {
  uint64_t Start = C.offset();
  L.Offset = Start;
  uint8_t Flags = 0;
  uint32_t V = 0;
  if (Error E = C.readU8().moveInto(Flags))
    return E;
  // The spec decodes the flags as an unsigned LEB128 of one bit.
  if (Flags & 0x80)
    return makeWasmError(Start, "integer representation too long");
  // Bit 1 marks shared memories (threads), bit 2 64-bit indices (memory64,
  // table64): proposals not implemented yet, so unsupported rather than
  // malformed.
  if (Flags > 1 && Flags <= 7) {
    Feature F = Flags & 4 ? Feature::Memory64 : Feature::Threads;
    return makeUnsupportedFeatureError(
        Start, featureName(F),
        "unsupported limits flags 0x" + Twine::utohexstr(Flags) + ": the " +
            featureName(F) + " proposal is not implemented");
  }
  if (Flags > 1)
    return makeWasmError(Start, "integer too large: malformed limits flags");
  if (Error E = C.readVarU32().moveInto(V))
    return E;
  L.Min = V;
  if (Flags == 1) {
    if (Error E = C.readVarU32().moveInto(V))
      return E;
    L.Max = V;
  }
  return Error::success();
}

Error ModuleReader::readTableType(BinaryCursor &C, TableType &T) {
  if (Error E = readRefType(C).moveInto(T.ElemType))
    return E;
  return readLimits(C, T.Lim);
}

Error ModuleReader::readGlobalType(BinaryCursor &C, GlobalType &T) {
  if (Error E = readValType(C).moveInto(T.Type))
    return E;
  uint64_t Start = C.offset();
  uint8_t Mut = 0;
  if (Error E = C.readU8().moveInto(Mut))
    return E;
  if (Mut > 1)
    return makeWasmError(Start, "malformed mutability");
  T.Mutable = Mut == 1;
  return Error::success();
}

Error ModuleReader::readImportSection(BinaryCursor &C) {
  uint32_t Count = 0;
  if (Error E = readCount(C, Count, M.Imports))
    return E;
  for (uint32_t I = 0; I < Count; ++I) {
    Import Imp;
    Imp.Offset = C.offset();
    StringRef Module, Field;
    if (Error E = C.readName().moveInto(Module))
      return E;
    if (Error E = C.readName().moveInto(Field))
      return E;
    Imp.Module = Module.str();
    Imp.Field = Field.str();
    uint64_t KindOffset = C.offset();
    uint8_t Kind = 0;
    if (Error E = C.readU8().moveInto(Kind))
      return E;
    uint32_t *Counter;
    switch (Kind) {
    case uint8_t(ExternKind::Func):
      if (Error E = C.readVarU32().moveInto(Imp.FuncTypeIndex))
        return E;
      Counter = &M.NumImportedFuncs;
      break;
    case uint8_t(ExternKind::Table):
      if (Error E = readTableType(C, Imp.Table))
        return E;
      Counter = &M.NumImportedTables;
      break;
    case uint8_t(ExternKind::Memory):
      if (Error E = readLimits(C, Imp.Memory.Lim))
        return E;
      Counter = &M.NumImportedMemories;
      break;
    case uint8_t(ExternKind::Global):
      if (Error E = readGlobalType(C, Imp.Global))
        return E;
      Counter = &M.NumImportedGlobals;
      break;
    case 4: // a tag
      return makeUnsupportedFeatureError(
          KindOffset, featureName(Feature::ExceptionHandling),
          "unsupported tag import: the exception-handling proposal is not "
          "implemented");
    default:
      return makeWasmError(KindOffset, "malformed import kind");
    }
    Imp.Kind = ExternKind(Kind);
    ++*Counter;
    M.ImportPositions[Kind].push_back(M.Imports.size());
    M.Imports.push_back(std::move(Imp));
  }
  return Error::success();
}

Error ModuleReader::readFunctionSection(BinaryCursor &C) {
  uint64_t Start = C.offset();
  uint32_t Count = 0;
  if (Error E = C.readVarU32().moveInto(Count))
    return E;
  if (M.numFuncs() + uint64_t(Count) > MaxFunctions)
    return makeWasmError(
        Start, "too many functions: " + Twine(M.numFuncs() + uint64_t(Count)) +
                   " (the limit is " + Twine(MaxFunctions) + ")");
  M.Functions.reserve(std::min<size_t>(Count, C.remaining()));
  for (uint32_t I = 0; I < Count; ++I) {
    Function F;
    F.DeclOffset = C.offset();
    if (Error E = C.readVarU32().moveInto(F.TypeIndex))
      return E;
    M.Functions.push_back(std::move(F));
  }
  DeclaredFuncCount = Count;
  return Error::success();
}

Error ModuleReader::readTableSection(BinaryCursor &C) {
  uint32_t Count = 0;
  if (Error E = readCount(C, Count, M.Tables))
    return E;
  for (uint32_t I = 0; I < Count; ++I) {
    TableType T;
    if (Error E = readTableType(C, T))
      return E;
    M.Tables.push_back(T);
  }
  return Error::success();
}

Error ModuleReader::readMemorySection(BinaryCursor &C) {
  uint32_t Count = 0;
  if (Error E = readCount(C, Count, M.Memories))
    return E;
  for (uint32_t I = 0; I < Count; ++I) {
    MemoryType T;
    if (Error E = readLimits(C, T.Lim))
      return E;
    M.Memories.push_back(T);
  }
  return Error::success();
}

Error ModuleReader::readConstExpr(BinaryCursor &C, ConstExpr &Expr) {
  Expr.Offset = C.offset();
  // Wasm 2.0 constant expressions are exactly one constant instruction;
  // extended-const adds i32/i64 add, sub and mul. Anything else is reported
  // here, with the validator's wording, because ConstExpr cannot represent
  // it; the validator types Programs.
  std::vector<ConstExpr> Insts;
  bool HasArith = false;
  WasmInstr I;
  for (;;) {
    if (Error E = decodeInstruction(C, Features, I))
      return E;
    ConstExpr Item;
    Item.Offset = I.Offset;
    switch (I.Op) {
    case Opcode::End:
      if (HasArith) {
        Expr.K = ConstExpr::Program;
        Expr.Insts = std::move(Insts);
        return Error::success();
      }
      if (Insts.size() != 1)
        return makeWasmError(I.Offset,
                             "type mismatch in constant expression, expected "
                             "1 value but got " +
                                 Twine(Insts.size()));
      {
        uint64_t Offset = Expr.Offset;
        Expr = std::move(Insts.front());
        Expr.Offset = Offset;
      }
      return Error::success();
    case Opcode::I32Const:
      Item.K = ConstExpr::I32Const;
      Item.Bits = I.Bits;
      break;
    case Opcode::I64Const:
      Item.K = ConstExpr::I64Const;
      Item.Bits = I.Bits;
      break;
    case Opcode::F32Const:
      Item.K = ConstExpr::F32Const;
      Item.Bits = I.Bits;
      break;
    case Opcode::F64Const:
      Item.K = ConstExpr::F64Const;
      Item.Bits = I.Bits;
      break;
    case Opcode::V128Const:
      Item.K = ConstExpr::V128Const;
      std::copy(std::begin(I.Bytes16), std::end(I.Bytes16), Item.V128);
      break;
    case Opcode::RefNull:
      Item.K = ConstExpr::RefNull;
      Item.RefType = I.Type;
      break;
    case Opcode::RefFunc:
      Item.K = ConstExpr::RefFunc;
      Item.Index = I.Index;
      break;
    case Opcode::GlobalGet:
      Item.K = ConstExpr::GlobalGet;
      Item.Index = I.Index;
      break;
    case Opcode::I32Add:
    case Opcode::I32Sub:
    case Opcode::I32Mul:
    case Opcode::I64Add:
    case Opcode::I64Sub:
    case Opcode::I64Mul:
      if (Features.has(Feature::ExtendedConst)) {
        Item.K = ConstExpr::Arith;
        Item.Bits = uint32_t(I.Op);
        HasArith = true;
        break;
      }
      [[fallthrough]];
    default:
      return makeWasmError(I.Offset, "constant expression required");
    }
    Insts.push_back(std::move(Item));
  }
}

Error ModuleReader::readGlobalSection(BinaryCursor &C) {
  uint32_t Count = 0;
  if (Error E = readCount(C, Count, M.Globals))
    return E;
  for (uint32_t I = 0; I < Count; ++I) {
    Global G;
    if (Error E = readGlobalType(C, G.Type))
      return E;
    if (Error E = readConstExpr(C, G.Init))
      return E;
    M.Globals.push_back(G);
  }
  return Error::success();
}

Error ModuleReader::readExportSection(BinaryCursor &C) {
  uint32_t Count = 0;
  if (Error E = readCount(C, Count, M.Exports))
    return E;
  for (uint32_t I = 0; I < Count; ++I) {
    Export Ex;
    Ex.Offset = C.offset();
    StringRef Name;
    if (Error E = C.readName().moveInto(Name))
      return E;
    Ex.Name = Name.str();
    uint64_t KindOffset = C.offset();
    uint8_t Kind = 0;
    if (Error E = C.readU8().moveInto(Kind))
      return E;
    if (Kind == 4) // a tag
      return makeUnsupportedFeatureError(
          KindOffset, featureName(Feature::ExceptionHandling),
          "unsupported tag export: the exception-handling proposal is not "
          "implemented");
    if (Kind > uint8_t(ExternKind::Global))
      return makeWasmError(KindOffset, "malformed export kind");
    Ex.Kind = ExternKind(Kind);
    if (Error E = C.readVarU32().moveInto(Ex.Index))
      return E;
    M.Exports.push_back(std::move(Ex));
  }
  return Error::success();
}

Error ModuleReader::readStartSection(BinaryCursor &C) {
  uint32_t Index = 0;
  M.StartOffset = C.offset();
  if (Error E = C.readVarU32().moveInto(Index))
    return E;
  M.Start = Index;
  return Error::success();
}

Error ModuleReader::readElementSection(BinaryCursor &C) {
  uint32_t Count = 0;
  if (Error E = readCount(C, Count, M.Elems))
    return E;
  for (uint32_t I = 0; I < Count; ++I) {
    ElemSegment Seg;
    Seg.FileOffset = C.offset();
    uint32_t Flags = 0;
    if (Error E = C.readVarU32().moveInto(Flags))
      return E;
    if (Flags > 7)
      return makeWasmError(Seg.FileOffset, "malformed elements segment kind");
    // Bit 0: passive or declarative; bit 1: explicit table index (active)
    // or declarative (otherwise); bit 2: element expressions, not indices.
    bool IsActive = !(Flags & 1);
    bool UsesExprs = Flags & 4;
    if (!IsActive)
      Seg.SegMode =
          (Flags & 2) ? ElemSegment::Declarative : ElemSegment::Passive;
    if (IsActive && (Flags & 2))
      if (Error E = C.readVarU32().moveInto(Seg.TableIndex))
        return E;
    if (IsActive)
      if (Error E = readConstExpr(C, Seg.Offset))
        return E;
    if (Flags & 3) {
      if (UsesExprs) {
        if (Error E = readRefType(C).moveInto(Seg.ElemType))
          return E;
      } else {
        uint64_t KindOffset = C.offset();
        uint8_t Kind = 0;
        if (Error E = C.readU8().moveInto(Kind))
          return E;
        if (Kind != 0)
          return makeWasmError(KindOffset, "malformed elements segment kind");
      }
    }
    uint32_t N = 0;
    if (Error E = readCount(C, N, Seg.Items))
      return E;
    for (uint32_t J = 0; J < N; ++J) {
      ConstExpr Item;
      if (UsesExprs) {
        if (Error E = readConstExpr(C, Item))
          return E;
      } else {
        Item.Offset = C.offset();
        Item.K = ConstExpr::RefFunc;
        if (Error E = C.readVarU32().moveInto(Item.Index))
          return E;
      }
      Seg.Items.push_back(Item);
    }
    M.Elems.push_back(std::move(Seg));
  }
  return Error::success();
}

Error ModuleReader::readCodeSection(BinaryCursor &C) {
  SawCodeSection = true;
  uint64_t Start = C.offset();
  uint32_t Count = 0;
  if (Error E = C.readVarU32().moveInto(Count))
    return E;
  if (Count != DeclaredFuncCount.value_or(0))
    return makeWasmError(Start,
                         "function and code section have inconsistent lengths");
  for (Function &F : M.Functions) {
    uint32_t Size = 0;
    if (Error E = C.readVarU32().moveInto(Size))
      return E;
    uint64_t BodyStart = C.offset();
    ArrayRef<uint8_t> Bytes;
    if (Error E = C.readBytes(Size).moveInto(Bytes))
      return E;
    BinaryCursor FC(Bytes, BodyStart);
    FC.setBounded();
    uint32_t NumGroups = 0;
    if (Error E = readCount(FC, NumGroups, F.Locals))
      return E;
    uint64_t Total = 0;
    for (uint32_t I = 0; I < NumGroups; ++I) {
      uint64_t GroupOffset = FC.offset();
      Local L;
      if (Error E = FC.readVarU32().moveInto(L.Count))
        return E;
      Total += L.Count;
      if (Total > MaxLocalsPerFunction)
        return makeWasmError(GroupOffset, "too many locals");
      if (Error E = readValType(FC).moveInto(L.Type))
        return E;
      if (L.Count)
        F.Locals.push_back(L);
    }
    F.Body = Bytes.drop_front(FC.position());
    F.BodyOffset = FC.offset();
  }
  return Error::success();
}

Error ModuleReader::readDataCountSection(BinaryCursor &C) {
  uint32_t Count = 0;
  if (Error E = C.readVarU32().moveInto(Count))
    return E;
  M.DataCount = Count;
  return Error::success();
}

Error ModuleReader::readDataSection(BinaryCursor &C) {
  SawDataSection = true;
  uint64_t Start = C.offset();
  uint32_t Count = 0;
  if (Error E = readCount(C, Count, M.Datas))
    return E;
  if (Count > MaxDataSegments)
    return makeWasmError(Start, "too many data segments: " + Twine(Count) +
                                    " (the limit is " + Twine(MaxDataSegments) +
                                    ")");
  if (M.DataCount && *M.DataCount != Count)
    return makeWasmError(
        Start, "data count and data section have inconsistent lengths");
  for (uint32_t I = 0; I < Count; ++I) {
    DataSegment Seg;
    Seg.FileOffset = C.offset();
    uint32_t Flags = 0;
    if (Error E = C.readVarU32().moveInto(Flags))
      return E;
    if (Flags > 2)
      return makeWasmError(Seg.FileOffset, "malformed data segment kind");
    Seg.IsActive = Flags != 1;
    if (Flags == 2)
      if (Error E = C.readVarU32().moveInto(Seg.MemoryIndex))
        return E;
    if (Seg.IsActive)
      if (Error E = readConstExpr(C, Seg.Offset))
        return E;
    uint32_t Size = 0;
    if (Error E = C.readVarU32().moveInto(Size))
      return E;
    if (Size > C.remaining())
      return C.error("unexpected end of section or function: data segment "
                     "length out of bounds");
    if (Error E = C.readBytes(Size).moveInto(Seg.Bytes))
      return E;
    M.Datas.push_back(Seg);
  }
  return Error::success();
}

Expected<std::unique_ptr<WasmModule>>
readWasmModule(std::vector<uint8_t> Bytes, const FeatureSet &Features) {
  auto M = std::make_unique<WasmModule>();
  // The ArrayRefs in the module point into Storage, so it must not move or
  // reallocate after this point.
  M->Storage = std::move(Bytes);
  ModuleReader R(*M, Features);
  if (Error E = R.read())
    return std::move(E);
  return std::move(M);
}

} // namespace wasm2native
