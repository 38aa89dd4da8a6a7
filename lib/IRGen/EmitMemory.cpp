//===- EmitMemory.cpp - Linear-memory loads, stores and bulk operations ---===//
//
// In guard-page mode an address is base + zext(addr) + offset with no check:
// the reservation covers every i32 address plus every static offset plus the
// widest access, and a fault becomes the trap. LLVM assumes a plain access
// cannot fault, so it may delete an unused load, narrow one to the bytes
// used, sink it into a branch or merge stores across it; every such change
// moves or loses a trap. Guard-mode accesses are therefore volatile, which
// LLVM keeps as written and in order, also with respect to calls. The
// explicit mode instead branches to a trap call before the access, which
// keeps plain accesses exact. The pointer is never marked dereferenceable
// and the GEP is not inbounds.
//
//===----------------------------------------------------------------------===//
#include "FunctionEmitter.h"

using namespace llvm;
using namespace wasm2native;

Value *FunctionEmitter::memoryAddress(Value *Addr, uint64_t Offset,
                                      unsigned AccessBytes) {
  Value *Effective = B.CreateZExt(Addr, i64(), "addr");
  if (Offset)
    Effective = B.CreateAdd(Effective, B.getInt64(Offset), "ea",
                            /*HasNUW=*/true);
  if (ME.options().Bounds == BoundsChecks::Explicit) {
    Value *Mem = loadInstanceField(offsetof(w2n_instance, memory), ptr(), true,
                                   "memory");
    LoadInst *Size = B.CreateAlignedLoad(
        i64(),
        B.CreateConstInBoundsGEP1_64(i8(), Mem, offsetof(w2n_memory, size)),
        Align(8), "memsize");
    // Its own type: memory stores cannot change it, so it stays in a
    // register between calls.
    Size->setMetadata(LLVMContext::MD_tbaa, ME.memorySizeTBAA());
    Value *End = B.CreateAdd(Effective, B.getInt64(AccessBytes), "", true);
    trapIf(B.CreateICmpUGT(End, Size), W2N_TRAP_OOB_MEMORY);
  }
  return B.CreateGEP(i8(), memoryBase(), Effective, "ptr");
}

LoadInst *FunctionEmitter::memoryLoad(Type *Ty, Value *Ptr, bool Dropped) {
  BoundsChecks Mode = ME.options().Bounds;
  bool Volatile = Mode == BoundsChecks::Guard ||
                  (Mode == BoundsChecks::Inexact && Dropped);
  LoadInst *L = B.CreateAlignedLoad(Ty, Ptr, Align(1), Volatile);
  L->setMetadata(LLVMContext::MD_tbaa, ME.memoryTBAA());
  return L;
}

StoreInst *FunctionEmitter::memoryStore(Value *V, Value *Ptr) {
  StoreInst *S = B.CreateAlignedStore(
      V, Ptr, Align(1), ME.options().Bounds == BoundsChecks::Guard);
  S->setMetadata(LLVMContext::MD_tbaa, ME.memoryTBAA());
  return S;
}

StoreInst *FunctionEmitter::stateStore(Value *V, Value *Ptr, Align A) {
  const IRGenOptions &O = ME.options();
  return B.CreateAlignedStore(
      V, Ptr, A, O.ExactStateAfterTrap && O.Bounds != BoundsChecks::Explicit);
}

/// A scalar load of \p MemTy, extended (sign or zero) to \p ValTy.
void FunctionEmitter::emitLoad(const WasmInstr &I, Type *MemTy, Type *ValTy,
                               bool Signed) {
  Value *Ptr = memoryAddress(pop(), I.Mem.Offset, I.Info->AccessBytes);
  Value *V = memoryLoad(MemTy, Ptr, nextIsDrop());
  if (MemTy != ValTy)
    V = Signed ? B.CreateSExt(V, ValTy) : B.CreateZExt(V, ValTy);
  push(V);
}

/// A scalar store of the operand, truncated to \p MemTy.
void FunctionEmitter::emitStore(const WasmInstr &I, Type *MemTy) {
  Value *V = pop();
  Value *Ptr = memoryAddress(pop(), I.Mem.Offset, I.Info->AccessBytes);
  if (V->getType() != MemTy)
    V = B.CreateTrunc(V, MemTy);
  memoryStore(V, Ptr);
}

void FunctionEmitter::emitMemory(MemoryOp Op, const WasmInstr &I) {
  Type *I8 = i8(), *I16 = B.getInt16Ty(), *I32 = i32(), *I64 = i64();
  switch (Op) {
  case MemoryOp::I32Load:
    return emitLoad(I, I32, I32, false);
  case MemoryOp::I64Load:
    return emitLoad(I, I64, I64, false);
  case MemoryOp::F32Load:
    return emitLoad(I, f32(), f32(), false);
  case MemoryOp::F64Load:
    return emitLoad(I, f64(), f64(), false);
  case MemoryOp::I32Load8S:
    return emitLoad(I, I8, I32, true);
  case MemoryOp::I32Load8U:
    return emitLoad(I, I8, I32, false);
  case MemoryOp::I32Load16S:
    return emitLoad(I, I16, I32, true);
  case MemoryOp::I32Load16U:
    return emitLoad(I, I16, I32, false);
  case MemoryOp::I64Load8S:
    return emitLoad(I, I8, I64, true);
  case MemoryOp::I64Load8U:
    return emitLoad(I, I8, I64, false);
  case MemoryOp::I64Load16S:
    return emitLoad(I, I16, I64, true);
  case MemoryOp::I64Load16U:
    return emitLoad(I, I16, I64, false);
  case MemoryOp::I64Load32S:
    return emitLoad(I, I32, I64, true);
  case MemoryOp::I64Load32U:
    return emitLoad(I, I32, I64, false);
  case MemoryOp::I32Store:
  case MemoryOp::I64Store:
  case MemoryOp::F32Store:
  case MemoryOp::F64Store:
    return emitStore(I, peek()->getType());
  case MemoryOp::I32Store8:
  case MemoryOp::I64Store8:
    return emitStore(I, I8);
  case MemoryOp::I32Store16:
  case MemoryOp::I64Store16:
    return emitStore(I, I16);
  case MemoryOp::I64Store32:
    return emitStore(I, I32);
  case MemoryOp::MemorySize: {
    Value *Mem = loadInstanceField(offsetof(w2n_instance, memory), ptr(), true,
                                   "memory");
    Value *Size = B.CreateAlignedLoad(
        i64(),
        B.CreateConstInBoundsGEP1_64(i8(), Mem, offsetof(w2n_memory, size)),
        Align(8), "memsize");
    push(B.CreateTrunc(B.CreateLShr(Size, 16), i32(), "pages"));
    return;
  }
  case MemoryOp::MemoryGrow:
    push(B.CreateCall(ME.runtimeFunction("w2n_memory_grow"),
                      {InstanceArg, pop()}));
    return;
  case MemoryOp::MemoryInit: {
    auto Args = popN(3);
    B.CreateCall(ME.runtimeFunction("w2n_memory_init"),
                 {InstanceArg, B.getInt32(I.Index), Args[0], Args[1], Args[2]});
    return;
  }
  case MemoryOp::DataDrop:
    B.CreateCall(ME.runtimeFunction("w2n_data_drop"),
                 {InstanceArg, B.getInt32(I.Index)});
    return;
  case MemoryOp::MemoryCopy:
  case MemoryOp::MemoryFill: {
    auto Args = popN(3);
    B.CreateCall(ME.runtimeFunction(Op == MemoryOp::MemoryCopy
                                        ? "w2n_memory_copy"
                                        : "w2n_memory_fill"),
                 {InstanceArg, Args[0], Args[1], Args[2]});
    return;
  }
  }
  llvm_unreachable("covered switch");
}
