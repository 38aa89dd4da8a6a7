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

namespace {
/// Scalar types as they are in memory and on the operand stack.
enum class Scalar : uint8_t { I8, I16, I32, I64, F32, F64 };

/// One scalar load or store: its opcode, the type in memory, the type on
/// the operand stack, and whether a narrow load sign-extends.
struct MemAccess {
  Opcode Op;
  Scalar Mem;
  Scalar Val;
  bool Signed;
  bool Store;
};

constexpr MemAccess MemAccesses[] = {
    {Opcode::I32Load, Scalar::I32, Scalar::I32, false, false},
    {Opcode::I64Load, Scalar::I64, Scalar::I64, false, false},
    {Opcode::F32Load, Scalar::F32, Scalar::F32, false, false},
    {Opcode::F64Load, Scalar::F64, Scalar::F64, false, false},
    {Opcode::I32Load8S, Scalar::I8, Scalar::I32, true, false},
    {Opcode::I32Load8U, Scalar::I8, Scalar::I32, false, false},
    {Opcode::I32Load16S, Scalar::I16, Scalar::I32, true, false},
    {Opcode::I32Load16U, Scalar::I16, Scalar::I32, false, false},
    {Opcode::I64Load8S, Scalar::I8, Scalar::I64, true, false},
    {Opcode::I64Load8U, Scalar::I8, Scalar::I64, false, false},
    {Opcode::I64Load16S, Scalar::I16, Scalar::I64, true, false},
    {Opcode::I64Load16U, Scalar::I16, Scalar::I64, false, false},
    {Opcode::I64Load32S, Scalar::I32, Scalar::I64, true, false},
    {Opcode::I64Load32U, Scalar::I32, Scalar::I64, false, false},
    {Opcode::I32Store, Scalar::I32, Scalar::I32, false, true},
    {Opcode::I64Store, Scalar::I64, Scalar::I64, false, true},
    {Opcode::F32Store, Scalar::F32, Scalar::F32, false, true},
    {Opcode::F64Store, Scalar::F64, Scalar::F64, false, true},
    {Opcode::I32Store8, Scalar::I8, Scalar::I32, false, true},
    {Opcode::I32Store16, Scalar::I16, Scalar::I32, false, true},
    {Opcode::I64Store8, Scalar::I8, Scalar::I64, false, true},
    {Opcode::I64Store16, Scalar::I16, Scalar::I64, false, true},
    {Opcode::I64Store32, Scalar::I32, Scalar::I64, false, true},
};
} // namespace

static Type *scalarType(IRBuilder<> &B, Scalar S) {
  switch (S) {
  case Scalar::I8:
    return B.getInt8Ty();
  case Scalar::I16:
    return B.getInt16Ty();
  case Scalar::I32:
    return B.getInt32Ty();
  case Scalar::I64:
    return B.getInt64Ty();
  case Scalar::F32:
    return B.getFloatTy();
  case Scalar::F64:
    return B.getDoubleTy();
  }
  llvm_unreachable("bad scalar");
}

Expected<bool> FunctionEmitter::emitMemory(Opcode Op, BinaryCursor &Imm) {
  const MemAccess *Access = llvm::find_if(
      MemAccesses, [&](const MemAccess &M) { return M.Op == Op; });
  if (Access != std::end(MemAccesses)) {
    Type *MemTy = scalarType(B, Access->Mem);
    Type *ValTy = scalarType(B, Access->Val);
    cantFail(Imm.readVarU32()); // alignment hint: not a guarantee
    uint64_t Offset = cantFail(Imm.readVarU32());
    unsigned Bytes = MemTy->getPrimitiveSizeInBits() / 8;
    if (Access->Store) {
      Value *V = pop();
      Value *Ptr = memoryAddress(pop(), Offset, Bytes);
      if (MemTy != ValTy)
        V = B.CreateTrunc(V, MemTy);
      memoryStore(V, Ptr);
      return true;
    }
    Value *Ptr = memoryAddress(pop(), Offset, Bytes);
    Value *V = memoryLoad(MemTy, Ptr, nextIsDrop(Imm));
    if (MemTy != ValTy)
      V = Access->Signed ? B.CreateSExt(V, ValTy) : B.CreateZExt(V, ValTy);
    push(V);
    return true;
  }

  switch (Op) {
  case Opcode::MemorySize: {
    cantFail(Imm.readU8());
    Value *Mem = loadInstanceField(offsetof(w2n_instance, memory), ptr(), true,
                                   "memory");
    Value *Size = B.CreateAlignedLoad(
        i64(),
        B.CreateConstInBoundsGEP1_64(i8(), Mem, offsetof(w2n_memory, size)),
        Align(8), "memsize");
    push(B.CreateTrunc(B.CreateLShr(Size, 16), i32(), "pages"));
    return true;
  }
  case Opcode::MemoryGrow: {
    cantFail(Imm.readU8());
    push(B.CreateCall(ME.runtimeFunction("w2n_memory_grow"),
                      {InstanceArg, pop()}));
    return true;
  }
  case Opcode::MemoryInit: {
    uint32_t Seg = cantFail(Imm.readVarU32());
    cantFail(Imm.readU8());
    auto Args = popN(3);
    B.CreateCall(ME.runtimeFunction("w2n_memory_init"),
                 {InstanceArg, B.getInt32(Seg), Args[0], Args[1], Args[2]});
    return true;
  }
  case Opcode::DataDrop: {
    uint32_t Seg = cantFail(Imm.readVarU32());
    B.CreateCall(ME.runtimeFunction("w2n_data_drop"),
                 {InstanceArg, B.getInt32(Seg)});
    return true;
  }
  case Opcode::MemoryCopy:
  case Opcode::MemoryFill: {
    cantFail(Imm.readU8());
    if (Op == Opcode::MemoryCopy)
      cantFail(Imm.readU8());
    auto Args = popN(3);
    B.CreateCall(ME.runtimeFunction(Op == Opcode::MemoryCopy
                                        ? "w2n_memory_copy"
                                        : "w2n_memory_fill"),
                 {InstanceArg, Args[0], Args[1], Args[2]});
    return true;
  }
  default:
    return false;
  }
}
