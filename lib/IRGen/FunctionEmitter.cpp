//===- FunctionEmitter.cpp - Per-function dispatch and shared helpers -----===//
#include "FunctionEmitter.h"
#include "wasm2native/Reader/WasmError.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;
using namespace wasm2native;

FunctionEmitter::FunctionEmitter(ModuleEmitter &ME, uint32_t FuncIndex,
                                 llvm::Function *F)
    : ME(ME), FuncIndex(FuncIndex), F(F), B(ME.context()) {}

SmallVector<Value *, 4> FunctionEmitter::popN(size_t N) {
  SmallVector<Value *, 4> Vals(Stack.end() - N, Stack.end());
  Stack.resize(Stack.size() - N);
  return Vals;
}

void FunctionEmitter::trapIf(Value *Cond, w2n_trap_code Code) {
  BasicBlock *&TrapBB = TrapBlocks[Code];
  if (!TrapBB) {
    TrapBB = BasicBlock::Create(context(), "trap", F);
    IRBuilder<> TB(TrapBB);
    CallInst *Call =
        TB.CreateCall(ME.runtimeFunction("w2n_trap"), {TB.getInt32(Code)});
    Call->setDoesNotReturn();
    TB.CreateUnreachable();
  }
  BasicBlock *Cont = BasicBlock::Create(context(), "cont", F);
  MDBuilder MDB(context());
  B.CreateCondBr(Cond, TrapBB, Cont, MDB.createUnlikelyBranchWeights());
  B.SetInsertPoint(Cont);
}

void FunctionEmitter::trapNowInBlock(w2n_trap_code Code) {
  CallInst *Call =
      B.CreateCall(ME.runtimeFunction("w2n_trap"), {B.getInt32(Code)});
  Call->setDoesNotReturn();
  B.CreateUnreachable();
}

void FunctionEmitter::trapNow(w2n_trap_code Code) {
  CallInst *Call =
      B.CreateCall(ME.runtimeFunction("w2n_trap"), {B.getInt32(Code)});
  Call->setDoesNotReturn();
  B.CreateUnreachable();
  markUnreachable();
}

Value *FunctionEmitter::loadInstanceField(size_t Offset, Type *Ty,
                                          bool Invariant, const Twine &Name) {
  Value *Addr =
      B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), InstanceArg, Offset);
  LoadInst *L = B.CreateAlignedLoad(Ty, Addr, Align(8), Name);
  if (Invariant)
    L->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(context(), {}));
  return L;
}

Value *FunctionEmitter::memoryBase() { return MemBase; }

bool FunctionEmitter::nextIsDrop(const BinaryCursor &Imm) const {
  return !Imm.atEnd() &&
         Imm.data()[Imm.position()] == static_cast<uint8_t>(Opcode::Drop);
}

void FunctionEmitter::markUnreachable() {
  ControlFrame &Frame = Frames.back();
  Frame.Unreachable = true;
  Stack.resize(Frame.StackHeight);
  B.ClearInsertionPoint();
}

Expected<std::pair<SmallVector<ValType, 2>, SmallVector<ValType, 2>>>
FunctionEmitter::readBlockType(BinaryCursor &Imm) {
  Expected<int64_t> BT = Imm.readVarS33();
  if (!BT)
    return BT.takeError();
  SmallVector<ValType, 2> Params, Results;
  if (*BT >= 0) {
    const FuncType &T = wasm().Types[*BT];
    Params.assign(T.Params.begin(), T.Params.end());
    Results.assign(T.Results.begin(), T.Results.end());
  } else if (*BT != -64) { // -64 is 0x40, the empty block type
    Results.push_back(static_cast<ValType>(*BT & 0x7f));
  }
  return std::make_pair(Params, Results);
}

/// Skips the immediates of \p Op. Used for dead code, which is validated
/// but never translated.
Error wasm2native::skipImmediates(Opcode Op, BinaryCursor &C) {
  auto U32 = [&]() -> Error { return C.readVarU32().takeError(); };
  auto U8 = [&]() -> Error { return C.readU8().takeError(); };
  uint32_t Code = static_cast<uint32_t>(Op);
  switch (Op) {
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
    return C.readVarS33().takeError();
  case Opcode::Br:
  case Opcode::BrIf:
  case Opcode::Call:
  case Opcode::RefFunc:
  case Opcode::LocalGet:
  case Opcode::LocalSet:
  case Opcode::LocalTee:
  case Opcode::GlobalGet:
  case Opcode::GlobalSet:
  case Opcode::TableGet:
  case Opcode::TableSet:
  case Opcode::DataDrop:
  case Opcode::ElemDrop:
  case Opcode::TableGrow:
  case Opcode::TableSize:
  case Opcode::TableFill:
    return U32();
  case Opcode::BrTable: {
    Expected<uint32_t> N = C.readVarU32();
    if (!N)
      return N.takeError();
    for (uint64_t I = 0; I <= *N; ++I)
      if (Error E = U32())
        return E;
    return Error::success();
  }
  case Opcode::CallIndirect:
  case Opcode::TableInit:
  case Opcode::TableCopy:
    if (Error E = U32())
      return E;
    return U32();
  case Opcode::RefNull:
  case Opcode::MemorySize:
  case Opcode::MemoryGrow:
  case Opcode::MemoryFill:
    return U8();
  case Opcode::MemoryCopy:
    if (Error E = U8())
      return E;
    return U8();
  case Opcode::MemoryInit:
    if (Error E = U32())
      return E;
    return U8();
  case Opcode::SelectT: {
    Expected<uint32_t> N = C.readVarU32();
    if (!N)
      return N.takeError();
    return C.readBytes(*N).takeError();
  }
  case Opcode::I32Const:
    return C.readVarS32().takeError();
  case Opcode::I64Const:
    return C.readVarS64().takeError();
  case Opcode::F32Const:
    return C.readFixedU32().takeError();
  case Opcode::F64Const:
    return C.readFixedU64().takeError();
  default:
    break;
  }
  if (Code >= static_cast<uint32_t>(Opcode::I32Load) &&
      Code <= static_cast<uint32_t>(Opcode::I64Store32)) {
    if (Error E = U32())
      return E;
    return U32();
  }
  if ((Code >> 16) == SimdPrefix) {
    uint32_t Sub = Code & 0xffff;
    if (Sub <= 11 || Sub == 92 || Sub == 93) { // memarg
      if (Error E = U32())
        return E;
      return U32();
    }
    if (Sub >= 84 && Sub <= 91) { // memarg + lane
      if (Error E = U32())
        return E;
      if (Error E = U32())
        return E;
      return U8();
    }
    if (Sub == 12 || Sub == 13) // v128.const, i8x16.shuffle
      return C.readBytes(16).takeError();
    if (Sub >= 21 && Sub <= 34) // lane index
      return U8();
  }
  return Error::success();
}

Error FunctionEmitter::skipDeadInstruction(Opcode Op, BinaryCursor &Imm) {
  switch (Op) {
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
    ++DeadDepth;
    return skipImmediates(Op, Imm);
  case Opcode::Else:
    if (DeadDepth == 0)
      return emitControl(Op, Imm);
    return Error::success();
  case Opcode::End:
    if (DeadDepth > 0) {
      --DeadDepth;
      return Error::success();
    }
    return emitControl(Op, Imm);
  default:
    return skipImmediates(Op, Imm);
  }
}

/// LLVM folds x-0, x*1, x/1, x/-1, -0-x, -1*x and demote(promote(x)) to x
/// or -x, which passes a signalling NaN through where Wasm demands a quiet
/// one. When the operand that enables such a fold is already visible here,
/// that operand is passed through an empty inline asm first, which hides
/// its value from the optimiser, so the instruction really executes (and the
/// hardware quiets the NaN). Such code is rare: clang folds it away before
/// Wasm is produced. (x86's backend cannot select llvm.canonicalize.)
static bool enablesNaNFold(Opcode Op, ArrayRef<Value *> Stack) {
  auto IsZeroOrOne = [](Value *V) {
    auto *C = dyn_cast<ConstantFP>(V);
    if (!C)
      return false;
    const APFloat &F = C->getValueAPF();
    return F.isZero() || F.isExactlyValue(1.0) || F.isExactlyValue(-1.0);
  };
  switch (Op) {
  case Opcode::F32Add:
  case Opcode::F32Sub:
  case Opcode::F32Mul:
  case Opcode::F32Div:
  case Opcode::F64Add:
  case Opcode::F64Sub:
  case Opcode::F64Mul:
  case Opcode::F64Div:
    return IsZeroOrOne(Stack[Stack.size() - 1]) ||
           IsZeroOrOne(Stack[Stack.size() - 2]);
  case Opcode::F32DemoteF64:
    return isa<FPExtInst>(Stack.back());
  case Opcode::F64PromoteF32:
    return isa<FPTruncInst>(Stack.back());
  default:
    return false;
  }
}

/// Returns \p V through an empty x86 inline asm the optimiser cannot see
/// through.
static Value *opaqueFloat(IRBuilder<> &B, Value *V) {
  auto *FT = FunctionType::get(V->getType(), {V->getType()}, false);
  return B.CreateCall(InlineAsm::get(FT, "", "=x,0", /*hasSideEffects=*/false),
                      {V});
}

Error FunctionEmitter::emitInstruction(Opcode Op, BinaryCursor &Imm) {
  if (IsX86 && enablesNaNFold(Op, Stack)) {
    // Hide every operand: which one enables the fold varies by opcode.
    size_t N =
        (Op == Opcode::F32DemoteF64 || Op == Opcode::F64PromoteF32) ? 1 : 2;
    for (size_t I = Stack.size() - N; I < Stack.size(); ++I)
      Stack[I] = opaqueFloat(B, Stack[I]);
  }
  if (emitNumeric(Op, Imm) || emitConversion(Op))
    return Error::success();
  Expected<bool> Done = emitVariable(Op, Imm);
  if (!Done || *Done)
    return Done.takeError();
  Done = emitMemory(Op, Imm);
  if (!Done || *Done)
    return Done.takeError();
  Done = emitTable(Op, Imm);
  if (!Done || *Done)
    return Done.takeError();
  if ((static_cast<uint32_t>(Op) >> 16) == SimdPrefix) {
    Done = emitSIMD(Op, Imm);
    if (!Done || *Done)
      return Done.takeError();
  }
  return emitControl(Op, Imm);
}

Error FunctionEmitter::emit() {
  const WasmModule &W = wasm();
  const wasm2native::Function &Def =
      W.Functions[FuncIndex - W.NumImportedFuncs];
  const FuncType &Sig = W.Types[Def.TypeIndex];

  IsX86 = Triple(F->getParent()->getTargetTriple()).isX86();
  EntryBlock = BasicBlock::Create(context(), "entry", F);
  B.SetInsertPoint(EntryBlock);
  Subprogram = ME.subprogram(FuncIndex - W.NumImportedFuncs);
  if (Subprogram)
    B.SetCurrentDebugLocation(
        DILocation::get(context(), unsigned(Def.BodyOffset), 0, Subprogram));
  InstanceArg = F->getArg(0);
  // LLVM has no inline stack probes for RISC-V: check the stack pointer
  // against the wasm stack's limit instead, before anything uses the frame
  // (the prologue only saves registers next to the caller's frame).
  if (Triple(F->getParent()->getTargetTriple()).isRISCV64()) {
    Value *SP = B.CreateIntrinsic(
        Intrinsic::read_register, {i64()},
        {MetadataAsValue::get(context(),
                              MDNode::get(context(),
                                          {MDString::get(context(), "sp")}))},
        nullptr, "sp");
    Value *Limit = B.CreateLoad(i64(), ME.stackLimit(), "stack.limit");
    trapIf(B.CreateICmpULT(SP, Limit), W2N_TRAP_CALL_STACK_EXHAUSTED);
  }
  if (W.numMemories() > 0)
    MemBase = loadInstanceField(offsetof(w2n_instance, mem_base), ptr(),
                                /*Invariant=*/true, "membase");

  // Locals live in allocas; SROA/mem2reg turn them into SSA values.
  for (size_t I = 0; I < Sig.Params.size(); ++I) {
    Type *Ty = ME.valueType(Sig.Params[I]);
    AllocaInst *A = B.CreateAlloca(Ty, nullptr, "local");
    B.CreateStore(F->getArg(I + 1), A);
    Locals.push_back(A);
    LocalTypes.push_back(Sig.Params[I]);
  }
  // Declared locals get their alloca on first use (local()): a function
  // may declare 50000 locals in a few bytes and use none of them.
  for (const Local &L : Def.Locals) {
    Locals.append(L.Count, nullptr);
    LocalTypes.append(L.Count, L.Type);
  }

  // The function body is the outermost frame; its end is the return.
  SmallVector<Value *, 2> NoParams;
  enterFrame(ControlFrame::Function, {}, Sig.Results, NoParams);
  return emitBody();
}

Value *FunctionEmitter::local(uint32_t I) {
  if (Locals[I])
    return Locals[I];
  // At the top of the entry block, zeroed there: before any use on every
  // path, and where mem2reg looks for allocas.
  Type *Ty = ME.valueType(LocalTypes[I]);
  IRBuilder<> EB(EntryBlock, EntryBlock->begin());
  AllocaInst *A = EB.CreateAlloca(Ty, nullptr, "local");
  EB.CreateStore(Constant::getNullValue(Ty), A);
  Locals[I] = A;
  return A;
}

Error FunctionEmitter::emitBody() {
  const WasmModule &W = wasm();
  const wasm2native::Function &Def =
      W.Functions[FuncIndex - W.NumImportedFuncs];
  BinaryCursor C(Def.Body, Def.BodyOffset);
  while (!Frames.empty()) {
    InstrOffset = C.offset();
    if (Subprogram)
      B.SetCurrentDebugLocation(
          DILocation::get(context(), unsigned(InstrOffset), 0, Subprogram));
    Expected<uint32_t> Code = C.readOpcode();
    if (!Code)
      return Code.takeError();
    Opcode Op = static_cast<Opcode>(*Code);
    if (Frames.back().Unreachable) {
      if (Error E = skipDeadInstruction(Op, C))
        return E;
      continue;
    }
    if (Error E = emitInstruction(Op, C))
      return E;
  }
  return Error::success();
}
