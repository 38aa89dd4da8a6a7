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
#include "wasm2native/Reader/Instruction.h"
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
/// the stacks are allocated once. Instructions whose typing the table's
/// Sig column gives are checked generically (typed()); the others have one
/// case each in their family's switch.
class FunctionValidator {
public:
  FunctionValidator(const WasmModule &M, const FeatureSet &Features,
                    const BitVector &DeclaredRefs, ModuleFacts &Facts)
      : M(M), Features(Features), DeclaredRefs(DeclaredRefs), Facts(Facts) {}

  Error validate(const Function &F);

private:
  Error step(const WasmInstr &I);
  Error typed(const WasmInstr &I);
  Error control(ControlOp Op, const WasmInstr &I);
  Error variable(VariableOp Op, const WasmInstr &I);
  Error memory(MemoryOp Op, const WasmInstr &I);
  Error table(TableOp Op, const WasmInstr &I);

  // Diagnostics, all at the current instruction.
  Error error(const Twine &Msg) const { return makeWasmError(InstOffset, Msg); }
  StringRef opName() const { return opcodeName(CurOp); }
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
  Error label(uint32_t Depth, const ControlFrame *&Target) {
    if (Depth >= Ctrls.size())
      return error("unknown label " + Twine(Depth));
    Target = &Ctrls[Ctrls.size() - 1 - Depth];
    return Error::success();
  }
  Error checkMemory(uint32_t Index) {
    if (Index >= M.numMemories())
      return error("unknown memory " + Twine(Index));
    return Error::success();
  }
  /// The address type of memory \p Index (i64 for a 64-bit memory).
  ValType addressType(uint32_t Index) const {
    return Index < M.numMemories() && M.memoryType(Index).Is64 ? ValType::I64
                                                                : ValType::I32;
  }
  Error checkMemArg(const WasmInstr &I);
  Error table(uint32_t Index, ValType &ElemType) {
    if (Index >= M.numTables())
      return error("unknown table " + Twine(Index));
    ElemType = M.tableType(Index).ElemType;
    return Error::success();
  }
  Error elemSegment(uint32_t Index, ValType &ElemType) {
    if (Index >= M.Elems.size())
      return error("unknown elem segment " + Twine(Index));
    ElemType = M.Elems[Index].ElemType;
    return Error::success();
  }
  Error checkDataIndex(uint32_t Index);
  Error checkLane(unsigned Lane, unsigned NumLanes) {
    if (Lane >= NumLanes)
      return error("invalid lane index " + Twine(Lane));
    return Error::success();
  }
  /// The value type named by one letter of a Sig column.
  ValType sigType(char C, const WasmInstr &I) const {
    switch (C) {
    case 'i':
      return ValType::I32;
    case 'l':
      return ValType::I64;
    case 'f':
      return ValType::F32;
    case 'd':
      return ValType::F64;
    case 'v':
      return ValType::V128;
    case 'a':
      return addressType(I.Mem.Memory);
    }
    llvm_unreachable("bad letter in an Opcodes.def signature");
  }

  const WasmModule &M;
  const FeatureSet &Features;
  const BitVector &DeclaredRefs;
  ModuleFacts &Facts;
  std::vector<ValType> Locals;
  SmallVector<ValType, 64> Stack;
  SmallVector<ControlFrame, 16> Ctrls;
  SmallVector<ValType, 8> Scratch;
  WasmInstr Inst;
  uint64_t InstOffset = 0;
  Opcode CurOp = Opcode::Nop;
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
    if (Error E = decodeInstruction(C, Features, Inst))
      return E;
    InstOffset = Inst.Offset;
    CurOp = Inst.Op;
    if (Error E = step(Inst))
      return E;
  }
  if (!C.atEnd())
    return C.error("section size mismatch: operators remaining after end of "
                   "function");
  return Error::success();
}

Error FunctionValidator::step(const WasmInstr &I) {
  switch (I.Info->Family) {
  case OpFamily::Numeric:
  case OpFamily::Conversion:
  case OpFamily::SIMD:
    return typed(I);
  case OpFamily::Control:
    return control(ControlOp(I.Op), I);
  case OpFamily::Variable:
    return variable(VariableOp(I.Op), I);
  case OpFamily::Memory:
    return memory(MemoryOp(I.Op), I);
  case OpFamily::Table:
    return table(TableOp(I.Op), I);
  }
  llvm_unreachable("covered switch");
}

Error FunctionValidator::checkMemArg(const WasmInstr &I) {
  if (Error E = checkMemory(I.Mem.Memory))
    return E;
  if ((1ull << std::min(I.Mem.AlignLog2, 63u)) > I.Info->AccessBytes)
    return error("alignment must not be larger than natural");
  if (addressType(I.Mem.Memory) == ValType::I32 && I.Mem.Offset > UINT32_MAX)
    return error("offset out of range");
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

Error FunctionValidator::typed(const WasmInstr &I) {
  // Immediates first, as the spec's rules check them before the operands.
  switch (I.Info->Imm) {
  case ImmKind::MemArg:
    if (Error E = checkMemArg(I))
      return E;
    break;
  case ImmKind::MemArgLane:
    if (Error E = checkMemArg(I))
      return E;
    if (Error E = checkLane(I.Lane, 16 / I.Info->AccessBytes))
      return E;
    break;
  case ImmKind::Lane:
    if (Error E = checkLane(I.Lane, laneCount(I.Info->Shape)))
      return E;
    break;
  case ImmKind::Shuffle:
    for (uint8_t Lane : I.Bytes16)
      if (Error E = checkLane(Lane, 32))
        return E;
    break;
  default:
    break;
  }
  StringRef Sig = I.Info->Sig;
  size_t Colon = Sig.find(':');
  assert(Colon != StringRef::npos && "typed() needs a signature");
  StringRef Params = Sig.take_front(Colon), Results = Sig.drop_front(Colon + 1);
  for (char C : llvm::reverse(Params))
    if (Error E = pop(sigType(C, I)))
      return E;
  for (char C : Results)
    push(sigType(C, I));
  return Error::success();
}

Error FunctionValidator::control(ControlOp Op, const WasmInstr &I) {
  using VT = ValType;
  switch (Op) {
  case ControlOp::Unreachable:
    setUnreachable();
    return Error::success();
  case ControlOp::Nop:
    return Error::success();
  case ControlOp::Block:
  case ControlOp::Loop:
  case ControlOp::If: {
    ArrayRef<ValType> Params, Results;
    if (!blockTypeSignature(M, I.BlockType, Params, Results)) {
      if (I.BlockType >= 0)
        return error("unknown type " + Twine(I.BlockType));
      return error("malformed value type in block type");
    }
    if (Op == ControlOp::If)
      if (Error E = pop(VT::I32))
        return E;
    if (Error E = popVals(Params))
      return E;
    pushCtrl(I.Op, Params, Results);
    return Error::success();
  }
  case ControlOp::Else: {
    if (Ctrls.back().Op != Opcode::If)
      return error("else without matching if");
    ControlFrame F;
    if (Error E = popCtrl(F))
      return E;
    pushCtrl(Opcode::Else, F.Params, F.Results);
    return Error::success();
  }
  case ControlOp::End: {
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
  case ControlOp::Br: {
    const ControlFrame *Target;
    if (Error E = label(I.Index, Target))
      return E;
    if (Error E = popVals(Target->labelTypes()))
      return E;
    setUnreachable();
    return Error::success();
  }
  case ControlOp::BrIf: {
    const ControlFrame *Target;
    if (Error E = label(I.Index, Target))
      return E;
    if (Error E = pop(VT::I32))
      return E;
    ArrayRef<ValType> Types = Target->labelTypes();
    if (Error E = popVals(Types))
      return E;
    pushVals(Types);
    return Error::success();
  }
  case ControlOp::BrTable: {
    // The default label comes last but fixes the arity.
    const ControlFrame *Default;
    if (Error E = label(I.Targets.back(), Default))
      return E;
    size_t Arity = Default->labelTypes().size();
    if (Error E = pop(VT::I32))
      return E;
    for (uint32_t Depth : ArrayRef<uint32_t>(I.Targets).drop_back()) {
      const ControlFrame *Target;
      if (Error E = label(Depth, Target))
        return E;
      ArrayRef<ValType> Types = Target->labelTypes();
      if (Types.size() != Arity)
        return error("type mismatch in br_table: label arities differ");
      if (Error E = popValsInto(Types, Scratch))
        return E;
      pushVals(Scratch);
    }
    if (Error E = popVals(Default->labelTypes()))
      return E;
    setUnreachable();
    return Error::success();
  }
  case ControlOp::Return:
    if (Error E = popVals(Ctrls.front().Results))
      return E;
    setUnreachable();
    return Error::success();
  case ControlOp::Call: {
    if (I.Index >= M.numFuncs())
      return error("unknown function " + Twine(I.Index));
    const FuncType &FT = M.funcType(I.Index);
    if (Error E = popVals(FT.Params))
      return E;
    pushVals(FT.Results);
    return Error::success();
  }
  }
  llvm_unreachable("covered switch");
}

Error FunctionValidator::variable(VariableOp Op, const WasmInstr &I) {
  using VT = ValType;
  switch (Op) {
  case VariableOp::Drop:
    return popAny().takeError();
  case VariableOp::Select: {
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
  case VariableOp::SelectT: {
    if (I.Index != 1)
      return error("invalid result arity for select");
    if (Error E = pop(VT::I32))
      return E;
    if (Error E = pop(I.Type))
      return E;
    if (Error E = pop(I.Type))
      return E;
    push(I.Type);
    return Error::success();
  }
  case VariableOp::LocalGet:
  case VariableOp::LocalSet:
  case VariableOp::LocalTee: {
    if (I.Index >= Locals.size())
      return error("unknown local " + Twine(I.Index));
    ValType T = Locals[I.Index];
    if (Op == VariableOp::LocalGet) {
      push(T);
      return Error::success();
    }
    if (Error E = pop(T))
      return E;
    if (Op == VariableOp::LocalTee)
      push(T);
    return Error::success();
  }
  case VariableOp::GlobalGet:
  case VariableOp::GlobalSet: {
    if (I.Index >= M.numGlobals())
      return error("unknown global " + Twine(I.Index));
    GlobalType GT = M.globalType(I.Index);
    if (Op == VariableOp::GlobalGet) {
      push(GT.Type);
      return Error::success();
    }
    if (!GT.Mutable)
      return error("global is immutable: global.set of global " +
                   Twine(I.Index));
    return pop(GT.Type);
  }
  }
  llvm_unreachable("covered switch");
}

Error FunctionValidator::memory(MemoryOp Op, const WasmInstr &I) {
  switch (Op) {
  case MemoryOp::I32Load:
  case MemoryOp::I64Load:
  case MemoryOp::F32Load:
  case MemoryOp::F64Load:
  case MemoryOp::I32Load8S:
  case MemoryOp::I32Load8U:
  case MemoryOp::I32Load16S:
  case MemoryOp::I32Load16U:
  case MemoryOp::I64Load8S:
  case MemoryOp::I64Load8U:
  case MemoryOp::I64Load16S:
  case MemoryOp::I64Load16U:
  case MemoryOp::I64Load32S:
  case MemoryOp::I64Load32U:
  case MemoryOp::I32Store:
  case MemoryOp::I64Store:
  case MemoryOp::F32Store:
  case MemoryOp::F64Store:
  case MemoryOp::I32Store8:
  case MemoryOp::I32Store16:
  case MemoryOp::I64Store8:
  case MemoryOp::I64Store16:
  case MemoryOp::I64Store32:
    return typed(I);
  case MemoryOp::MemorySize:
  case MemoryOp::MemoryGrow: {
    if (Error E = checkMemory(I.Index))
      return E;
    ValType A = addressType(I.Index);
    if (Op == MemoryOp::MemoryGrow)
      if (Error E = pop(A))
        return E;
    push(A);
    return Error::success();
  }
  case MemoryOp::MemoryInit: {
    if (Error E = checkMemory(I.Index2))
      return E;
    if (Error E = checkDataIndex(I.Index))
      return E;
    return popVals({addressType(I.Index2), ValType::I32, ValType::I32});
  }
  case MemoryOp::DataDrop:
    return checkDataIndex(I.Index);
  case MemoryOp::MemoryCopy: {
    if (Error E = checkMemory(I.Index))
      return E;
    if (Error E = checkMemory(I.Index2))
      return E;
    // The length has the smaller of the two address types.
    ValType Dst = addressType(I.Index), Src = addressType(I.Index2);
    ValType Len = Dst == ValType::I64 && Src == ValType::I64 ? ValType::I64
                                                             : ValType::I32;
    return popVals({Dst, Src, Len});
  }
  case MemoryOp::MemoryFill: {
    if (Error E = checkMemory(I.Index))
      return E;
    ValType A = addressType(I.Index);
    return popVals({A, ValType::I32, A});
  }
  }
  llvm_unreachable("covered switch");
}

Error FunctionValidator::table(TableOp Op, const WasmInstr &I) {
  using VT = ValType;
  switch (Op) {
  case TableOp::CallIndirect: {
    ValType ElemType = ValType::I32;
    if (Error E = table(I.Index2, ElemType))
      return E;
    if (I.Index >= M.Types.size())
      return error("unknown type " + Twine(I.Index));
    if (ElemType != VT::FuncRef)
      return error("type mismatch in call_indirect: table is not funcref");
    const FuncType &FT = M.Types[I.Index];
    if (Error E = pop(VT::I32))
      return E;
    if (Error E = popVals(FT.Params))
      return E;
    pushVals(FT.Results);
    return Error::success();
  }
  case TableOp::RefNull:
    push(I.Type);
    return Error::success();
  case TableOp::RefIsNull: {
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
  case TableOp::RefFunc:
    if (I.Index >= M.numFuncs())
      return error("unknown function " + Twine(I.Index));
    if (!DeclaredRefs.test(I.Index))
      return error("undeclared function reference " + Twine(I.Index));
    push(VT::FuncRef);
    return Error::success();
  case TableOp::TableGet: {
    ValType T = ValType::I32;
    if (Error E = table(I.Index, T))
      return E;
    return unop(VT::I32, T);
  }
  case TableOp::TableSet: {
    ValType T = ValType::I32;
    if (Error E = table(I.Index, T))
      return E;
    Facts.WrittenTables.set(I.Index);
    if (Error E = pop(T))
      return E;
    return pop(VT::I32);
  }
  case TableOp::TableInit: {
    // The table is checked first, as the spec's validator does.
    ValType SegType = ValType::I32, TableType = ValType::I32;
    if (Error E = table(I.Index2, TableType))
      return E;
    if (Error E = elemSegment(I.Index, SegType))
      return E;
    if (SegType != TableType)
      return mismatch(TableType, SegType);
    Facts.WrittenTables.set(I.Index2);
    return popVals({VT::I32, VT::I32, VT::I32});
  }
  case TableOp::ElemDrop: {
    ValType SegType = ValType::I32;
    return elemSegment(I.Index, SegType);
  }
  case TableOp::TableCopy: {
    ValType Dst = ValType::I32, Src = ValType::I32;
    if (Error E = table(I.Index, Dst))
      return E;
    if (Error E = table(I.Index2, Src))
      return E;
    if (Dst != Src)
      return mismatch(Dst, Src);
    Facts.WrittenTables.set(I.Index);
    return popVals({VT::I32, VT::I32, VT::I32});
  }
  case TableOp::TableGrow: {
    ValType T = ValType::I32;
    if (Error E = table(I.Index, T))
      return E;
    Facts.WrittenTables.set(I.Index);
    return binop(T, VT::I32, VT::I32);
  }
  case TableOp::TableSize: {
    ValType T = ValType::I32;
    if (Error E = table(I.Index, T))
      return E;
    push(VT::I32);
    return Error::success();
  }
  case TableOp::TableFill: {
    ValType T = ValType::I32;
    if (Error E = table(I.Index, T))
      return E;
    Facts.WrittenTables.set(I.Index);
    return popVals({VT::I32, T, VT::I32});
  }
  }
  llvm_unreachable("covered switch");
}

namespace {

class ModuleValidator {
public:
  ModuleValidator(WasmModule &M, const FeatureSet &Features)
      : M(M), Features(Features), DeclaredRefs(M.numFuncs()) {}
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
  /// The type of the one-instruction expression \p E.
  Expected<ValType> constExprType(const ConstExpr &E,
                                  uint32_t NumGlobals) const;
  Error checkConstExpr(const ConstExpr &E, ValType Expected,
                       uint32_t NumGlobals) const;

  WasmModule &M;
  const FeatureSet &Features;
  BitVector DeclaredRefs;
};

} // namespace

Error ModuleValidator::checkConstExpr(const ConstExpr &E, ValType Expected,
                                      uint32_t NumGlobals) const {
  if (E.K == ConstExpr::Program) {
    // Each instruction pushes one value; arithmetic pops two of its type.
    SmallVector<ValType, 8> Stack;
    for (const ConstExpr &Item : E.Insts) {
      if (Item.K != ConstExpr::Arith) {
        ValType T = ValType::I32;
        if (Error Err = constExprType(Item, NumGlobals).moveInto(T))
          return Err;
        Stack.push_back(T);
        continue;
      }
      Opcode Op = Opcode(Item.Bits);
      ValType T = Op == Opcode::I32Add || Op == Opcode::I32Sub ||
                          Op == Opcode::I32Mul
                      ? ValType::I32
                      : ValType::I64;
      for (int K = 0; K < 2; ++K) {
        if (Stack.empty())
          return makeWasmError(Item.Offset,
                               "type mismatch in " + opcodeName(Op) +
                                   ", expected " + valTypeName(T) +
                                   " but got nothing");
        if (Stack.back() != T)
          return makeWasmError(Item.Offset,
                               "type mismatch in " + opcodeName(Op) +
                                   ", expected " + valTypeName(T) +
                                   " but got " + valTypeName(Stack.back()));
        Stack.pop_back();
      }
      Stack.push_back(T);
    }
    if (Stack.size() != 1)
      return makeWasmError(E.Offset, "type mismatch in constant expression, "
                                     "expected 1 value but got " +
                                         Twine(Stack.size()));
    if (Stack.front() != Expected)
      return makeWasmError(E.Offset,
                           "type mismatch in constant expression, expected " +
                               valTypeName(Expected) + " but got " +
                               valTypeName(Stack.front()));
    return Error::success();
  }
  ValType T = ValType::I32;
  if (Error Err = constExprType(E, NumGlobals).moveInto(T))
    return Err;
  if (T != Expected)
    return makeWasmError(E.Offset, "type mismatch in constant expression, "
                                   "expected " +
                                       valTypeName(Expected) + " but got " +
                                       valTypeName(T));
  return Error::success();
}

Expected<ValType> ModuleValidator::constExprType(const ConstExpr &E,
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
    // Wasm 3.0 (from the GC proposal) lets constant expressions read
    // globals the module defines; before it only imported ones.
    if (E.Index >= NumGlobals && E.Index < M.numGlobals() &&
        !Features.has(Feature::GC))
      return makeUnsupportedFeatureError(
          E.Offset, featureName(Feature::GC),
          "unknown global " + Twine(E.Index) +
              ": reading a defined global in a constant expression needs "
              "the gc proposal, which is not implemented");
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
  case ConstExpr::Arith:
  case ConstExpr::Program:
    llvm_unreachable("not a single instruction");
  }
  return T;
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
  if (M.numMemories() > 1 && !Features.has(Feature::MultiMemory)) {
    // Point at the second memory.
    uint64_t Offset = M.NumImportedMemories > 1
                          ? M.importFor(ExternKind::Memory, 1)->Offset
                          : M.Memories[1 - M.NumImportedMemories].Lim.Offset;
    return makeUnsupportedFeatureError(
        Offset, featureName(Feature::MultiMemory),
        "multiple memories are not supported: the multi-memory proposal is "
        "not implemented");
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

  ModuleFacts Facts;
  Facts.WrittenTables.resize(M.numTables());
  FunctionValidator FV(M, Features, DeclaredRefs, Facts);
  for (const Function &F : M.Functions)
    if (Error E = FV.validate(F))
      return E;
  M.Facts = std::move(Facts);
  return Error::success();
}

Error validateWasmModule(WasmModule &M, const FeatureSet &Features) {
  return ModuleValidator(M, Features).validate();
}

} // namespace wasm2native
