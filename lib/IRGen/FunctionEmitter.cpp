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
  // With -g every check gets a trap call of its own at its location, so
  // that backtraces and debuggers name the trapping instruction; nomerge
  // keeps LLVM from merging them again (into a location of line 0).
  if (!TrapBB || Subprogram) {
    TrapBB = BasicBlock::Create(context(), "trap", F);
    IRBuilder<> TB(TrapBB);
    TB.SetCurrentDebugLocation(B.getCurrentDebugLocation());
    CallInst *Call =
        TB.CreateCall(ME.runtimeFunction("w2n_trap"), {TB.getInt32(Code)});
    Call->setDoesNotReturn();
    if (Subprogram)
      Call->addFnAttr(Attribute::NoMerge);
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

bool FunctionEmitter::nextIsDrop() const {
  return !Cursor->atEnd() && Cursor->data()[Cursor->position()] ==
                                 static_cast<uint8_t>(Opcode::Drop);
}

void FunctionEmitter::markUnreachable() {
  ControlFrame &Frame = Frames.back();
  Frame.Unreachable = true;
  Stack.resize(Frame.StackHeight);
  B.ClearInsertionPoint();
}

Error FunctionEmitter::skipDeadInstruction(const WasmInstr &I) {
  switch (I.Op) {
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
    ++DeadDepth;
    return Error::success();
  case Opcode::Else:
    if (DeadDepth == 0)
      return emitControl(ControlOp::Else, I);
    return Error::success();
  case Opcode::End:
    if (DeadDepth > 0) {
      --DeadDepth;
      return Error::success();
    }
    return emitControl(ControlOp::End, I);
  default:
    return Error::success();
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

Error FunctionEmitter::emitInstruction(const WasmInstr &I) {
  Opcode Op = I.Op;
  if (IsX86 && enablesNaNFold(Op, Stack)) {
    // Hide every operand: which one enables the fold varies by opcode.
    size_t N =
        (Op == Opcode::F32DemoteF64 || Op == Opcode::F64PromoteF32) ? 1 : 2;
    for (size_t K = Stack.size() - N; K < Stack.size(); ++K)
      Stack[K] = opaqueFloat(B, Stack[K]);
  }
  switch (I.Info->Family) {
  case OpFamily::Control:
    return emitControl(ControlOp(Op), I);
  case OpFamily::Variable:
    emitVariable(VariableOp(Op), I);
    return Error::success();
  case OpFamily::Memory:
    emitMemory(MemoryOp(Op), I);
    return Error::success();
  case OpFamily::Table:
    emitTable(TableOp(Op), I);
    return Error::success();
  case OpFamily::Numeric:
    emitNumeric(NumericOp(Op), I);
    return Error::success();
  case OpFamily::Conversion:
    emitConversion(ConversionOp(Op), I);
    return Error::success();
  case OpFamily::SIMD:
    emitSIMD(SIMDOp(Op), I);
    return Error::success();
  }
  llvm_unreachable("covered switch");
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
    B.SetCurrentDebugLocation(ME.debugLocation(
        FuncIndex - W.NumImportedFuncs, Def.BodyOffset));
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
  Cursor = &C;
  // Decoded with the features it was validated with: they decide how some
  // immediates are encoded (memory indices, 64-bit offsets).
  WasmInstr I;
  while (!Frames.empty()) {
    InstrOffset = C.offset();
    if (Subprogram)
      B.SetCurrentDebugLocation(ME.debugLocation(
          FuncIndex - W.NumImportedFuncs, InstrOffset));
    if (Error E = decodeInstruction(C, ME.features(), I))
      return E;
    if (Frames.back().Unreachable) {
      if (Error E = skipDeadInstruction(I))
        return E;
      continue;
    }
    if (Error E = emitInstruction(I))
      return E;
  }
  return Error::success();
}
