//===- Validator.cpp - Wasm 2.0 module validation -------------------------===//
//
// Module-level checks plus the spec's validation algorithm (appendix
// "Validation Algorithm") for function bodies: an operand stack whose
// entries may be Unknown, and a control stack whose frames turn the operand
// stack polymorphic after an unconditional branch. Function bodies are
// decoded here for the first time, so malformed instructions (unknown
// opcodes, truncated immediates, missing `end`) are reported here too.
//
//===----------------------------------------------------------------------===//

#include "ReaderUtil.h"
#include "wasm2native/Reader/BinaryReader.h"
#include "wasm2native/Reader/Opcodes.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/StringSet.h"

using namespace llvm;

namespace wasm2native {

namespace {

/// An operand whose type is not known because it comes from the
/// polymorphic stack of unreachable code. Matches every type.
constexpr ValType Unknown = ValType(0);

constexpr uint32_t MaxMemoryPages = 65536;

StringRef typeName(ValType T) {
  return T == Unknown ? StringRef("unknown") : valTypeName(T);
}

/// Storage for one-element result lists of `block i32` etc., so control
/// frames can refer to them by ArrayRef without owning anything.
const ValType SingleTypes[] = {
    ValType::I32,  ValType::I64,     ValType::F32,      ValType::F64,
    ValType::V128, ValType::FuncRef, ValType::ExternRef};

ArrayRef<ValType> singleType(ValType T) {
  for (const ValType &S : SingleTypes)
    if (S == T)
      return ArrayRef<ValType>(&S, 1);
  llvm_unreachable("not a value type");
}

struct ControlFrame {
  Opcode Op; // Block, Loop, If, Else; Nop stands for the function body
  ArrayRef<ValType> Params;
  ArrayRef<ValType> Results;
  size_t Height;
  bool Unreachable;

  /// Types a branch to this frame carries.
  ArrayRef<ValType> labelTypes() const {
    return Op == Opcode::Loop ? Params : Results;
  }
};

/// Validates function bodies. One instance is reused for all functions so
/// the stacks are allocated once.
class FunctionValidator {
public:
  FunctionValidator(const WasmModule &M, const BitVector &DeclaredRefs)
      : M(M), DeclaredRefs(DeclaredRefs) {}

  Error validate(const Function &F);

private:
  Error step(uint32_t Op, BinaryCursor &C);
  Error numeric(uint32_t Op);
  Error misc(uint32_t Sub, BinaryCursor &C);
  Error simd(uint32_t Sub, BinaryCursor &C);

  // Diagnostics, all at the current instruction.
  Error error(const Twine &Msg) const { return makeWasmError(InstOffset, Msg); }
  StringRef opName() const { return opcodeName(Opcode(CurOp)); }
  Error mismatch(ValType Expected, ValType Got) const {
    return error("type mismatch in " + opName() + ", expected " +
                 typeName(Expected) + " but got " + typeName(Got));
  }
  Error missing(StringRef Expected) const {
    return error("type mismatch in " + opName() + ", expected " + Expected +
                 " but got nothing");
  }

  // Operand stack (spec appendix: push_val, pop_val, ...).
  void push(ValType T) { Stack.push_back(T); }
  void pushVals(ArrayRef<ValType> Ts) { Stack.append(Ts.begin(), Ts.end()); }
  Expected<ValType> popAny() {
    const ControlFrame &F = Ctrls.back();
    if (Stack.size() == F.Height) {
      if (F.Unreachable)
        return Unknown;
      return missing("a value");
    }
    ValType T = Stack.back();
    Stack.pop_back();
    return T;
  }
  Error pop(ValType Expect) {
    const ControlFrame &F = Ctrls.back();
    if (Stack.size() == F.Height) {
      if (F.Unreachable)
        return Error::success();
      return missing(typeName(Expect));
    }
    ValType T = Stack.back();
    Stack.pop_back();
    if (T != Expect && T != Unknown)
      return mismatch(Expect, T);
    return Error::success();
  }
  Error popVals(ArrayRef<ValType> Ts) {
    for (ValType T : llvm::reverse(Ts))
      if (Error E = pop(T))
        return E;
    return Error::success();
  }
  /// pop_vals that keeps what was popped (Unknown stays Unknown), for
  /// br_table's push_vals(pop_vals(...)).
  Error popValsInto(ArrayRef<ValType> Ts, SmallVectorImpl<ValType> &Out) {
    Out.resize(Ts.size());
    for (size_t I = Ts.size(); I-- > 0;) {
      ValType Got = ValType::I32;
      if (Error E = popAny().moveInto(Got))
        return E;
      if (Got != Ts[I] && Got != Unknown)
        return mismatch(Ts[I], Got);
      Out[I] = Got;
    }
    return Error::success();
  }
  void setUnreachable() {
    Stack.resize(Ctrls.back().Height);
    Ctrls.back().Unreachable = true;
  }
  void pushCtrl(Opcode Op, ArrayRef<ValType> Params,
                ArrayRef<ValType> Results) {
    Ctrls.push_back({Op, Params, Results, Stack.size(), false});
    pushVals(Params);
  }
  Error popCtrl(ControlFrame &Out) {
    if (Error E = popVals(Ctrls.back().Results))
      return E;
    if (Stack.size() != Ctrls.back().Height)
      return error("type mismatch in " + opName() + ", " +
                   Twine(Stack.size() - Ctrls.back().Height) +
                   " extra value(s) left on the stack at end of block");
    Out = Ctrls.back();
    Ctrls.pop_back();
    return Error::success();
  }

  Error unop(ValType In, ValType Out) {
    if (Error E = pop(In))
      return E;
    push(Out);
    return Error::success();
  }
  Error binop(ValType In1, ValType In2, ValType Out) {
    if (Error E = pop(In2))
      return E;
    if (Error E = pop(In1))
      return E;
    push(Out);
    return Error::success();
  }

  // Immediates.
  Error readIndex(BinaryCursor &C, uint32_t &Index) {
    return C.readVarU32().moveInto(Index);
  }
  Error readBlockType(BinaryCursor &C, ArrayRef<ValType> &Params,
                      ArrayRef<ValType> &Results);
  Error readLabel(BinaryCursor &C, const ControlFrame *&Target);
  Error readZeroByte(BinaryCursor &C);
  Error readMemArg(BinaryCursor &C, unsigned NaturalAlignLog2);
  Error checkMemory(uint32_t Index) {
    if (Index >= M.numMemories())
      return error("unknown memory " + Twine(Index));
    return Error::success();
  }
  Error readTable(BinaryCursor &C, ValType &ElemType);
  Error readElemIndex(BinaryCursor &C, ValType &ElemType);
  Error checkDataIndex(uint32_t Index);
  Error readLane(BinaryCursor &C, unsigned NumLanes);
  Error load(BinaryCursor &C, unsigned AlignLog2, ValType T) {
    if (Error E = readMemArg(C, AlignLog2))
      return E;
    return unop(ValType::I32, T);
  }
  Error store(BinaryCursor &C, unsigned AlignLog2, ValType T) {
    if (Error E = readMemArg(C, AlignLog2))
      return E;
    if (Error E = pop(T))
      return E;
    return pop(ValType::I32);
  }

  const WasmModule &M;
  const BitVector &DeclaredRefs;
  std::vector<ValType> Locals;
  SmallVector<ValType, 64> Stack;
  SmallVector<ControlFrame, 16> Ctrls;
  SmallVector<ValType, 8> Scratch;
  uint64_t InstOffset = 0;
  uint32_t CurOp = 0;
};

} // namespace

Error FunctionValidator::validate(const Function &F) {
  const FuncType &FT = M.Types[F.TypeIndex];
  Locals.assign(FT.Params.begin(), FT.Params.end());
  for (const Local &L : F.Locals)
    Locals.insert(Locals.end(), L.Count, L.Type);
  Stack.clear();
  Ctrls.clear();
  Ctrls.push_back({Opcode::Nop, {}, FT.Results, 0, false});

  BinaryCursor C(F.Body, F.BodyOffset);
  while (!Ctrls.empty()) {
    if (C.atEnd())
      return C.error("unexpected end of section or function: END opcode "
                     "expected");
    InstOffset = C.offset();
    if (Error E = C.readOpcode().moveInto(CurOp))
      return E;
    if (!isKnownOpcode(CurOp))
      return error("illegal opcode 0x" + Twine::utohexstr(CurOp));
    if (Error E = step(CurOp, C))
      return E;
  }
  if (!C.atEnd())
    return C.error("section size mismatch: operators remaining after end of "
                   "function");
  return Error::success();
}

Error FunctionValidator::readBlockType(BinaryCursor &C,
                                       ArrayRef<ValType> &Params,
                                       ArrayRef<ValType> &Results) {
  int64_t BT = 0;
  if (Error E = C.readVarS33().moveInto(BT))
    return E;
  if (BT >= 0) {
    if (uint64_t(BT) >= M.Types.size())
      return error("unknown type " + Twine(BT));
    Params = M.Types[BT].Params;
    Results = M.Types[BT].Results;
    return Error::success();
  }
  Params = {};
  if (BT == -0x40) { // 0x40: no results
    Results = {};
    return Error::success();
  }
  // Value types are encoded as one-byte negative numbers.
  uint8_t Byte = uint8_t(BT & 0x7f);
  if (BT < -0x40 || !isValTypeByte(Byte))
    return error("malformed value type in block type");
  Results = singleType(ValType(Byte));
  return Error::success();
}

Error FunctionValidator::readLabel(BinaryCursor &C,
                                   const ControlFrame *&Target) {
  uint32_t Depth = 0;
  if (Error E = readIndex(C, Depth))
    return E;
  if (Depth >= Ctrls.size())
    return error("unknown label " + Twine(Depth));
  Target = &Ctrls[Ctrls.size() - 1 - Depth];
  return Error::success();
}

Error FunctionValidator::readZeroByte(BinaryCursor &C) {
  uint8_t B = 0;
  if (Error E = C.readU8().moveInto(B))
    return E;
  if (B != 0)
    return error("zero byte expected");
  return Error::success();
}

Error FunctionValidator::readMemArg(BinaryCursor &C,
                                    unsigned NaturalAlignLog2) {
  uint32_t Align = 0, Offset = 0;
  if (Error E = C.readVarU32().moveInto(Align))
    return E;
  if (Error E = C.readVarU32().moveInto(Offset))
    return E;
  if (Error E = checkMemory(0))
    return E;
  if (Align > NaturalAlignLog2)
    return error("alignment must not be larger than natural");
  return Error::success();
}

Error FunctionValidator::readTable(BinaryCursor &C, ValType &ElemType) {
  uint32_t Index = 0;
  if (Error E = readIndex(C, Index))
    return E;
  if (Index >= M.numTables())
    return error("unknown table " + Twine(Index));
  ElemType = M.tableType(Index).ElemType;
  return Error::success();
}

Error FunctionValidator::readElemIndex(BinaryCursor &C, ValType &ElemType) {
  uint32_t Index = 0;
  if (Error E = readIndex(C, Index))
    return E;
  if (Index >= M.Elems.size())
    return error("unknown elem segment " + Twine(Index));
  ElemType = M.Elems[Index].ElemType;
  return Error::success();
}

Error FunctionValidator::checkDataIndex(uint32_t Index) {
  // Data segments come after the code; without the data count section a
  // single-pass decoder could not check the index.
  if (!M.DataCount && !M.Datas.empty())
    return error("data count section required");
  if (Index >= M.DataCount.value_or(0))
    return error("unknown data segment " + Twine(Index));
  return Error::success();
}

Error FunctionValidator::readLane(BinaryCursor &C, unsigned NumLanes) {
  uint8_t Lane = 0;
  if (Error E = C.readU8().moveInto(Lane))
    return E;
  if (Lane >= NumLanes)
    return error("invalid lane index " + Twine(unsigned(Lane)));
  return Error::success();
}

Error FunctionValidator::numeric(uint32_t Op) {
  using VT = ValType;
  // Conversions 0xa7..0xbf as {operand, result}.
  static const ValType Conversions[][2] = {
      {VT::I64, VT::I32}, {VT::F32, VT::I32}, {VT::F32, VT::I32},
      {VT::F64, VT::I32}, {VT::F64, VT::I32}, {VT::I32, VT::I64},
      {VT::I32, VT::I64}, {VT::F32, VT::I64}, {VT::F32, VT::I64},
      {VT::F64, VT::I64}, {VT::F64, VT::I64}, {VT::I32, VT::F32},
      {VT::I32, VT::F32}, {VT::I64, VT::F32}, {VT::I64, VT::F32},
      {VT::F64, VT::F32}, {VT::I32, VT::F64}, {VT::I32, VT::F64},
      {VT::I64, VT::F64}, {VT::I64, VT::F64}, {VT::F32, VT::F64},
      {VT::F32, VT::I32}, {VT::F64, VT::I64}, {VT::I32, VT::F32},
      {VT::I64, VT::F64}};
  if (Op == 0x45)
    return unop(VT::I32, VT::I32); // i32.eqz
  if (Op <= 0x4f)
    return binop(VT::I32, VT::I32, VT::I32);
  if (Op == 0x50)
    return unop(VT::I64, VT::I32); // i64.eqz
  if (Op <= 0x5a)
    return binop(VT::I64, VT::I64, VT::I32);
  if (Op <= 0x60)
    return binop(VT::F32, VT::F32, VT::I32);
  if (Op <= 0x66)
    return binop(VT::F64, VT::F64, VT::I32);
  if (Op <= 0x69)
    return unop(VT::I32, VT::I32);
  if (Op <= 0x78)
    return binop(VT::I32, VT::I32, VT::I32);
  if (Op <= 0x7b)
    return unop(VT::I64, VT::I64);
  if (Op <= 0x8a)
    return binop(VT::I64, VT::I64, VT::I64);
  if (Op <= 0x91)
    return unop(VT::F32, VT::F32);
  if (Op <= 0x98)
    return binop(VT::F32, VT::F32, VT::F32);
  if (Op <= 0x9f)
    return unop(VT::F64, VT::F64);
  if (Op <= 0xa6)
    return binop(VT::F64, VT::F64, VT::F64);
  if (Op <= 0xbf)
    return unop(Conversions[Op - 0xa7][0], Conversions[Op - 0xa7][1]);
  if (Op <= 0xc1)
    return unop(VT::I32, VT::I32); // i32.extend8_s/16_s
  return unop(VT::I64, VT::I64);   // i64.extend{8,16,32}_s
}

Error FunctionValidator::step(uint32_t Op, BinaryCursor &C) {
  using VT = ValType;
  if (Op >= 0x45 && Op <= 0xc4)
    return numeric(Op);
  if ((Op >> 16) == MiscPrefix)
    return misc(Op & 0xffff, C);
  if ((Op >> 16) == SimdPrefix)
    return simd(Op & 0xffff, C);

  switch (Opcode(Op)) {
  case Opcode::Unreachable:
    setUnreachable();
    return Error::success();
  case Opcode::Nop:
    return Error::success();
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If: {
    ArrayRef<ValType> Params, Results;
    if (Error E = readBlockType(C, Params, Results))
      return E;
    if (Opcode(Op) == Opcode::If)
      if (Error E = pop(VT::I32))
        return E;
    if (Error E = popVals(Params))
      return E;
    pushCtrl(Opcode(Op), Params, Results);
    return Error::success();
  }
  case Opcode::Else: {
    if (Ctrls.back().Op != Opcode::If)
      return error("else without matching if");
    ControlFrame F;
    if (Error E = popCtrl(F))
      return E;
    pushCtrl(Opcode::Else, F.Params, F.Results);
    return Error::success();
  }
  case Opcode::End: {
    ControlFrame F;
    if (Error E = popCtrl(F))
      return E;
    // An `if` without `else` passes its parameters through the empty
    // else branch, so they must match the results.
    if (F.Op == Opcode::If && F.Params != F.Results)
      return error("type mismatch in if without else: parameters and "
                   "results differ");
    pushVals(F.Results);
    return Error::success();
  }
  case Opcode::Br: {
    const ControlFrame *Target;
    if (Error E = readLabel(C, Target))
      return E;
    if (Error E = popVals(Target->labelTypes()))
      return E;
    setUnreachable();
    return Error::success();
  }
  case Opcode::BrIf: {
    const ControlFrame *Target;
    if (Error E = readLabel(C, Target))
      return E;
    if (Error E = pop(VT::I32))
      return E;
    ArrayRef<ValType> Types = Target->labelTypes();
    if (Error E = popVals(Types))
      return E;
    pushVals(Types);
    return Error::success();
  }
  case Opcode::BrTable: {
    uint32_t Count = 0;
    if (Error E = C.readVarU32().moveInto(Count))
      return E;
    // The default label comes last but fixes the arity; find it first.
    BinaryCursor Scan = C;
    for (uint32_t I = 0; I < Count; ++I)
      if (Error E = Scan.readVarU32().takeError())
        return E;
    const ControlFrame *Default;
    if (Error E = readLabel(Scan, Default))
      return E;
    size_t Arity = Default->labelTypes().size();
    if (Error E = pop(VT::I32))
      return E;
    for (uint32_t I = 0; I < Count; ++I) {
      const ControlFrame *Target;
      if (Error E = readLabel(C, Target))
        return E;
      ArrayRef<ValType> Types = Target->labelTypes();
      if (Types.size() != Arity)
        return error("type mismatch in br_table: label arities differ");
      if (Error E = popValsInto(Types, Scratch))
        return E;
      pushVals(Scratch);
    }
    if (Error E = readLabel(C, Default))
      return E;
    if (Error E = popVals(Default->labelTypes()))
      return E;
    setUnreachable();
    return Error::success();
  }
  case Opcode::Return:
    if (Error E = popVals(Ctrls.front().Results))
      return E;
    setUnreachable();
    return Error::success();
  case Opcode::Call: {
    uint32_t Index = 0;
    if (Error E = readIndex(C, Index))
      return E;
    if (Index >= M.numFuncs())
      return error("unknown function " + Twine(Index));
    const FuncType &FT = M.funcType(Index);
    if (Error E = popVals(FT.Params))
      return E;
    pushVals(FT.Results);
    return Error::success();
  }
  case Opcode::CallIndirect: {
    uint32_t TypeIndex = 0;
    if (Error E = readIndex(C, TypeIndex))
      return E;
    ValType ElemType = ValType::I32;
    if (Error E = readTable(C, ElemType))
      return E;
    if (TypeIndex >= M.Types.size())
      return error("unknown type " + Twine(TypeIndex));
    if (ElemType != VT::FuncRef)
      return error("type mismatch in call_indirect: table is not funcref");
    const FuncType &FT = M.Types[TypeIndex];
    if (Error E = pop(VT::I32))
      return E;
    if (Error E = popVals(FT.Params))
      return E;
    pushVals(FT.Results);
    return Error::success();
  }
  case Opcode::RefNull: {
    ValType T = ValType::I32;
    if (Error E = readRefType(C).moveInto(T))
      return E;
    push(T);
    return Error::success();
  }
  case Opcode::RefIsNull: {
    ValType T = ValType::I32;
    if (Error E = popAny().moveInto(T))
      return E;
    if (T != Unknown && !isRefType(T))
      return error("type mismatch in ref.is_null, expected reference but "
                   "got " +
                   typeName(T));
    push(VT::I32);
    return Error::success();
  }
  case Opcode::RefFunc: {
    uint32_t Index = 0;
    if (Error E = readIndex(C, Index))
      return E;
    if (Index >= M.numFuncs())
      return error("unknown function " + Twine(Index));
    if (!DeclaredRefs.test(Index))
      return error("undeclared function reference " + Twine(Index));
    push(VT::FuncRef);
    return Error::success();
  }
  case Opcode::Drop:
    return popAny().takeError();
  case Opcode::Select: {
    if (Error E = pop(VT::I32))
      return E;
    ValType T1 = ValType::I32, T2 = ValType::I32;
    if (Error E = popAny().moveInto(T1))
      return E;
    if (Error E = popAny().moveInto(T2))
      return E;
    // Untyped select only works on numeric and vector types.
    if (isRefType(T1) || isRefType(T2))
      return error("type mismatch in select, reference operands need a "
                   "typed select");
    if (T1 != T2 && T1 != Unknown && T2 != Unknown)
      return mismatch(T2, T1);
    push(T1 == Unknown ? T2 : T1);
    return Error::success();
  }
  case Opcode::SelectT: {
    uint32_t N = 0;
    if (Error E = C.readVarU32().moveInto(N))
      return E;
    if (N != 1)
      return error("invalid result arity for select");
    ValType T = ValType::I32;
    if (Error E = readValType(C).moveInto(T))
      return E;
    if (Error E = pop(VT::I32))
      return E;
    if (Error E = pop(T))
      return E;
    if (Error E = pop(T))
      return E;
    push(T);
    return Error::success();
  }
  case Opcode::LocalGet:
  case Opcode::LocalSet:
  case Opcode::LocalTee: {
    uint32_t Index = 0;
    if (Error E = readIndex(C, Index))
      return E;
    if (Index >= Locals.size())
      return error("unknown local " + Twine(Index));
    ValType T = Locals[Index];
    if (Opcode(Op) == Opcode::LocalGet) {
      push(T);
      return Error::success();
    }
    if (Error E = pop(T))
      return E;
    if (Opcode(Op) == Opcode::LocalTee)
      push(T);
    return Error::success();
  }
  case Opcode::GlobalGet:
  case Opcode::GlobalSet: {
    uint32_t Index = 0;
    if (Error E = readIndex(C, Index))
      return E;
    if (Index >= M.numGlobals())
      return error("unknown global " + Twine(Index));
    GlobalType GT = M.globalType(Index);
    if (Opcode(Op) == Opcode::GlobalGet) {
      push(GT.Type);
      return Error::success();
    }
    if (!GT.Mutable)
      return error("global is immutable: global.set of global " + Twine(Index));
    return pop(GT.Type);
  }
  case Opcode::TableGet: {
    ValType T = ValType::I32;
    if (Error E = readTable(C, T))
      return E;
    return unop(VT::I32, T);
  }
  case Opcode::TableSet: {
    ValType T = ValType::I32;
    if (Error E = readTable(C, T))
      return E;
    if (Error E = pop(T))
      return E;
    return pop(VT::I32);
  }
  case Opcode::I32Load:
  case Opcode::F32Load:
    return load(C, 2, Op == 0x28 ? VT::I32 : VT::F32);
  case Opcode::I64Load:
  case Opcode::F64Load:
    return load(C, 3, Op == 0x29 ? VT::I64 : VT::F64);
  case Opcode::I32Load8S:
  case Opcode::I32Load8U:
    return load(C, 0, VT::I32);
  case Opcode::I32Load16S:
  case Opcode::I32Load16U:
    return load(C, 1, VT::I32);
  case Opcode::I64Load8S:
  case Opcode::I64Load8U:
    return load(C, 0, VT::I64);
  case Opcode::I64Load16S:
  case Opcode::I64Load16U:
    return load(C, 1, VT::I64);
  case Opcode::I64Load32S:
  case Opcode::I64Load32U:
    return load(C, 2, VT::I64);
  case Opcode::I32Store:
    return store(C, 2, VT::I32);
  case Opcode::I64Store:
    return store(C, 3, VT::I64);
  case Opcode::F32Store:
    return store(C, 2, VT::F32);
  case Opcode::F64Store:
    return store(C, 3, VT::F64);
  case Opcode::I32Store8:
    return store(C, 0, VT::I32);
  case Opcode::I32Store16:
    return store(C, 1, VT::I32);
  case Opcode::I64Store8:
    return store(C, 0, VT::I64);
  case Opcode::I64Store16:
    return store(C, 1, VT::I64);
  case Opcode::I64Store32:
    return store(C, 2, VT::I64);
  case Opcode::MemorySize:
  case Opcode::MemoryGrow: {
    if (Error E = readZeroByte(C))
      return E;
    if (Error E = checkMemory(0))
      return E;
    if (Opcode(Op) == Opcode::MemoryGrow)
      if (Error E = pop(VT::I32))
        return E;
    push(VT::I32);
    return Error::success();
  }
  case Opcode::I32Const:
    if (Error E = C.readVarS32().takeError())
      return E;
    push(VT::I32);
    return Error::success();
  case Opcode::I64Const:
    if (Error E = C.readVarS64().takeError())
      return E;
    push(VT::I64);
    return Error::success();
  case Opcode::F32Const:
    if (Error E = C.readFixedU32().takeError())
      return E;
    push(VT::F32);
    return Error::success();
  case Opcode::F64Const:
    if (Error E = C.readFixedU64().takeError())
      return E;
    push(VT::F64);
    return Error::success();
  default:
    break;
  }
  llvm_unreachable("known opcode not handled");
}

Error FunctionValidator::misc(uint32_t Sub, BinaryCursor &C) {
  using VT = ValType;
  static const ValType TruncSat[][2] = {{VT::F32, VT::I32}, {VT::F32, VT::I32},
                                        {VT::F64, VT::I32}, {VT::F64, VT::I32},
                                        {VT::F32, VT::I64}, {VT::F32, VT::I64},
                                        {VT::F64, VT::I64}, {VT::F64, VT::I64}};
  if (Sub <= 7)
    return unop(TruncSat[Sub][0], TruncSat[Sub][1]);
  switch (Opcode((MiscPrefix << 16) | Sub)) {
  case Opcode::MemoryInit: {
    uint32_t Index = 0;
    if (Error E = readIndex(C, Index))
      return E;
    if (Error E = readZeroByte(C))
      return E;
    if (Error E = checkMemory(0))
      return E;
    if (Error E = checkDataIndex(Index))
      return E;
    return popVals({VT::I32, VT::I32, VT::I32});
  }
  case Opcode::DataDrop: {
    uint32_t Index = 0;
    if (Error E = readIndex(C, Index))
      return E;
    return checkDataIndex(Index);
  }
  case Opcode::MemoryCopy:
    if (Error E = readZeroByte(C))
      return E;
    if (Error E = readZeroByte(C))
      return E;
    if (Error E = checkMemory(0))
      return E;
    return popVals({VT::I32, VT::I32, VT::I32});
  case Opcode::MemoryFill:
    if (Error E = readZeroByte(C))
      return E;
    if (Error E = checkMemory(0))
      return E;
    return popVals({VT::I32, VT::I32, VT::I32});
  case Opcode::TableInit: {
    // The table is checked first, as the spec's validator does.
    BinaryCursor SegC = C;
    if (Error E = SegC.readVarU32().takeError())
      return E;
    ValType SegType = ValType::I32, TableType = ValType::I32;
    if (Error E = readTable(SegC, TableType))
      return E;
    if (Error E = readElemIndex(C, SegType))
      return E;
    C = SegC;
    if (SegType != TableType)
      return mismatch(TableType, SegType);
    return popVals({VT::I32, VT::I32, VT::I32});
  }
  case Opcode::ElemDrop: {
    ValType SegType = ValType::I32;
    return readElemIndex(C, SegType);
  }
  case Opcode::TableCopy: {
    ValType Dst = ValType::I32, Src = ValType::I32;
    if (Error E = readTable(C, Dst))
      return E;
    if (Error E = readTable(C, Src))
      return E;
    if (Dst != Src)
      return mismatch(Dst, Src);
    return popVals({VT::I32, VT::I32, VT::I32});
  }
  case Opcode::TableGrow: {
    ValType T = ValType::I32;
    if (Error E = readTable(C, T))
      return E;
    return binop(T, VT::I32, VT::I32);
  }
  case Opcode::TableSize: {
    ValType T = ValType::I32;
    if (Error E = readTable(C, T))
      return E;
    push(VT::I32);
    return Error::success();
  }
  case Opcode::TableFill: {
    ValType T = ValType::I32;
    if (Error E = readTable(C, T))
      return E;
    return popVals({VT::I32, T, VT::I32});
  }
  default:
    break;
  }
  llvm_unreachable("known opcode not handled");
}

Error FunctionValidator::simd(uint32_t Sub, BinaryCursor &C) {
  using VT = ValType;
  const VT V = VT::V128;
  // Loads: natural alignment (log2) of sub-opcodes 0..10.
  static const uint8_t LoadAlign[] = {4, 3, 3, 3, 3, 3, 3, 0, 1, 2, 3};
  if (Sub <= 10)
    return load(C, LoadAlign[Sub], V);
  // Lane accesses 21..34: {lane count, scalar type}; the odd-one-out of
  // each group replaces instead of extracting.
  struct LaneOp {
    uint8_t Lanes = 0;
    ValType Scalar = ValType::I32;
    bool Replace;
  };
  static const LaneOp LaneOps[] = {
      {16, VT::I32, false}, {16, VT::I32, false}, {16, VT::I32, true},
      {8, VT::I32, false},  {8, VT::I32, false},  {8, VT::I32, true},
      {4, VT::I32, false},  {4, VT::I32, true},   {2, VT::I64, false},
      {2, VT::I64, true},   {4, VT::F32, false},  {4, VT::F32, true},
      {2, VT::F64, false},  {2, VT::F64, true}};
  if (Sub >= 21 && Sub <= 34) {
    const LaneOp &L = LaneOps[Sub - 21];
    if (Error E = readLane(C, L.Lanes))
      return E;
    if (L.Replace)
      return binop(V, L.Scalar, V);
    return unop(V, L.Scalar);
  }
  if (Sub >= 35 && Sub <= 76)
    return binop(V, V, V); // comparisons
  if (Sub >= 84 && Sub <= 91) {
    unsigned AlignLog2 = (Sub - 84) & 3;
    if (Error E = readMemArg(C, AlignLog2))
      return E;
    if (Error E = readLane(C, 16u >> AlignLog2))
      return E;
    if (Sub <= 87)
      return binop(VT::I32, V, V); // loadN_lane
    return popVals({VT::I32, V});  // storeN_lane
  }
  switch (Sub) {
  case 11:
    return store(C, 4, V);
  case 12: // v128.const
    if (Error E = C.readBytes(16).takeError())
      return E;
    push(V);
    return Error::success();
  case 13: // i8x16.shuffle
    for (unsigned I = 0; I < 16; ++I)
      if (Error E = readLane(C, 32))
        return E;
    return binop(V, V, V);
  case 15:
  case 16:
  case 17:
    return unop(VT::I32, V);
  case 18:
    return unop(VT::I64, V);
  case 19:
    return unop(VT::F32, V);
  case 20:
    return unop(VT::F64, V);
  case 82: // v128.bitselect
    if (Error E = popVals({V, V, V}))
      return E;
    push(V);
    return Error::success();
  case 92:
    return load(C, 2, V); // v128.load32_zero
  case 93:
    return load(C, 3, V); // v128.load64_zero
  // any_true, all_true, bitmask
  case 83:
  case 99:
  case 100:
  case 131:
  case 132:
  case 163:
  case 164:
  case 195:
  case 196:
    return unop(V, VT::I32);
  // shifts
  case 107:
  case 108:
  case 109:
  case 139:
  case 140:
  case 141:
  case 171:
  case 172:
  case 173:
  case 203:
  case 204:
  case 205:
    return binop(V, VT::I32, V);
  // unary
  case 77:
  case 94:
  case 95:
  case 96:
  case 97:
  case 98:
  case 103:
  case 104:
  case 105:
  case 106:
  case 116:
  case 117:
  case 122:
  case 124:
  case 125:
  case 126:
  case 127:
  case 128:
  case 129:
  case 135:
  case 136:
  case 137:
  case 138:
  case 148:
  case 160:
  case 161:
  case 167:
  case 168:
  case 169:
  case 170:
  case 192:
  case 193:
  case 199:
  case 200:
  case 201:
  case 202:
  case 224:
  case 225:
  case 227:
  case 236:
  case 237:
  case 239:
  case 248:
  case 249:
  case 250:
  case 251:
  case 252:
  case 253:
  case 254:
  case 255:
    return unop(V, V);
  default:
    // Every remaining known SIMD opcode is a v128 binary operation.
    return binop(V, V, V);
  }
}

namespace {

class ModuleValidator {
public:
  explicit ModuleValidator(const WasmModule &M)
      : M(M), DeclaredRefs(M.numFuncs()) {}
  Error validate();

private:
  Error checkTypeIndex(uint32_t Index, uint64_t Offset) const {
    if (Index >= M.Types.size())
      return makeWasmError(Offset, "unknown type " + Twine(Index));
    return Error::success();
  }
  Error checkLimits(const Limits &L, uint64_t Offset) const {
    if (L.Max && L.Min > *L.Max)
      return makeWasmError(Offset,
                           "size minimum must not be greater than maximum");
    return Error::success();
  }
  Error checkMemoryType(const MemoryType &T, uint64_t Offset) const {
    if (T.Lim.Min > MaxMemoryPages ||
        (T.Lim.Max && *T.Lim.Max > MaxMemoryPages))
      return makeWasmError(Offset,
                           "memory size must be at most 65536 pages (4GiB)");
    return checkLimits(T.Lim, Offset);
  }
  /// \p NumGlobals is how many globals the expression may refer to; in
  /// Wasm 2.0 only imported ones.
  Error checkConstExpr(const ConstExpr &E, ValType Expected,
                       uint32_t NumGlobals) const;

  const WasmModule &M;
  BitVector DeclaredRefs;
};

} // namespace

Error ModuleValidator::checkConstExpr(const ConstExpr &E, ValType Expected,
                                      uint32_t NumGlobals) const {
  ValType T = ValType::I32;
  switch (E.K) {
  case ConstExpr::I32Const:
    T = ValType::I32;
    break;
  case ConstExpr::I64Const:
    T = ValType::I64;
    break;
  case ConstExpr::F32Const:
    T = ValType::F32;
    break;
  case ConstExpr::F64Const:
    T = ValType::F64;
    break;
  case ConstExpr::V128Const:
    T = ValType::V128;
    break;
  case ConstExpr::RefNull:
    T = E.RefType;
    break;
  case ConstExpr::RefFunc:
    if (E.Index >= M.numFuncs())
      return makeWasmError(E.Offset, "unknown function " + Twine(E.Index));
    T = ValType::FuncRef;
    break;
  case ConstExpr::GlobalGet: {
    if (E.Index >= NumGlobals)
      return makeWasmError(E.Offset, "unknown global " + Twine(E.Index));
    GlobalType GT = M.globalType(E.Index);
    if (GT.Mutable)
      return makeWasmError(E.Offset,
                           "constant expression required: global.get of "
                           "mutable global " +
                               Twine(E.Index));
    T = GT.Type;
    break;
  }
  }
  if (T != Expected)
    return makeWasmError(E.Offset, "type mismatch in constant expression, "
                                   "expected " +
                                       valTypeName(Expected) + " but got " +
                                       valTypeName(T));
  return Error::success();
}

Error ModuleValidator::validate() {
  for (const Import &I : M.Imports) {
    switch (I.Kind) {
    case ExternKind::Func:
      if (Error E = checkTypeIndex(I.FuncTypeIndex, I.Offset))
        return E;
      break;
    case ExternKind::Table:
      if (Error E = checkLimits(I.Table.Lim, I.Offset))
        return E;
      break;
    case ExternKind::Memory:
      if (Error E = checkMemoryType(I.Memory, I.Offset))
        return E;
      break;
    case ExternKind::Global:
      break;
    }
  }
  for (const Function &F : M.Functions)
    if (Error E = checkTypeIndex(F.TypeIndex, F.DeclOffset))
      return E;
  for (const TableType &T : M.Tables)
    if (Error E = checkLimits(T.Lim, T.Lim.Offset))
      return E;
  for (const MemoryType &T : M.Memories)
    if (Error E = checkMemoryType(T, T.Lim.Offset))
      return E;
  if (M.numMemories() > 1) {
    // Point at the second memory.
    uint64_t Offset = M.NumImportedMemories > 1
                          ? M.importFor(ExternKind::Memory, 1)->Offset
                          : M.Memories[1 - M.NumImportedMemories].Lim.Offset;
    return makeWasmError(Offset, "multiple memories are not supported");
  }

  // C.refs: functions referenced outside function bodies may be used by
  // ref.func inside them.
  for (const Global &G : M.Globals)
    if (G.Init.K == ConstExpr::RefFunc && G.Init.Index < M.numFuncs())
      DeclaredRefs.set(G.Init.Index);
  for (const ElemSegment &S : M.Elems)
    for (const ConstExpr &Item : S.Items)
      if (Item.K == ConstExpr::RefFunc && Item.Index < M.numFuncs())
        DeclaredRefs.set(Item.Index);
  for (const Export &Ex : M.Exports)
    if (Ex.Kind == ExternKind::Func && Ex.Index < M.numFuncs())
      DeclaredRefs.set(Ex.Index);

  for (const Global &G : M.Globals)
    if (Error E = checkConstExpr(G.Init, G.Type.Type, M.NumImportedGlobals))
      return E;

  StringSet<> ExportNames;
  for (const Export &Ex : M.Exports) {
    if (!ExportNames.insert(Ex.Name).second)
      return makeWasmError(Ex.Offset,
                           "duplicate export name \"" + Ex.Name + "\"");
    uint32_t Limit = 0;
    StringRef What;
    switch (Ex.Kind) {
    case ExternKind::Func:
      Limit = M.numFuncs();
      What = "function";
      break;
    case ExternKind::Table:
      Limit = M.numTables();
      What = "table";
      break;
    case ExternKind::Memory:
      Limit = M.numMemories();
      What = "memory";
      break;
    case ExternKind::Global:
      Limit = M.numGlobals();
      What = "global";
      break;
    }
    if (Ex.Index >= Limit)
      return makeWasmError(Ex.Offset,
                           "unknown " + What + " " + Twine(Ex.Index));
  }

  if (M.Start) {
    if (*M.Start >= M.numFuncs())
      return makeWasmError(M.StartOffset, "unknown function " +
                                              Twine(*M.Start) +
                                              " (start function)");
    const FuncType &FT = M.funcType(*M.Start);
    if (!FT.Params.empty() || !FT.Results.empty())
      return makeWasmError(M.StartOffset,
                           "start function must have type [] -> []");
  }

  for (const ElemSegment &S : M.Elems) {
    if (S.SegMode == ElemSegment::Active) {
      if (S.TableIndex >= M.numTables())
        return makeWasmError(S.FileOffset,
                             "unknown table " + Twine(S.TableIndex));
      if (Error E =
              checkConstExpr(S.Offset, ValType::I32, M.NumImportedGlobals))
        return E;
      ValType TableElem = M.tableType(S.TableIndex).ElemType;
      if (TableElem != S.ElemType)
        return makeWasmError(S.FileOffset,
                             "type mismatch in element segment, expected " +
                                 valTypeName(TableElem) + " but got " +
                                 valTypeName(S.ElemType));
    }
    for (const ConstExpr &Item : S.Items)
      if (Error E = checkConstExpr(Item, S.ElemType, M.NumImportedGlobals))
        return E;
  }

  for (const DataSegment &S : M.Datas) {
    if (!S.IsActive)
      continue;
    if (S.MemoryIndex >= M.numMemories())
      return makeWasmError(S.FileOffset,
                           "unknown memory " + Twine(S.MemoryIndex));
    if (Error E = checkConstExpr(S.Offset, ValType::I32, M.NumImportedGlobals))
      return E;
  }

  FunctionValidator FV(M, DeclaredRefs);
  for (const Function &F : M.Functions)
    if (Error E = FV.validate(F))
      return E;
  return Error::success();
}

Error validateWasmModule(const WasmModule &M) {
  return ModuleValidator(M).validate();
}

} // namespace wasm2native
