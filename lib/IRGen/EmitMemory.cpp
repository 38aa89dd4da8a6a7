//===- EmitMemory.cpp - Linear-memory loads, stores and bulk operations ---===//
//
// In guard-page mode an address is base + zext(addr) + offset with no check:
// the 8 GiB reservation covers every i32 address plus every static offset,
// and a fault becomes the trap. The pointer is never marked dereferenceable
// and the GEP is not inbounds, so LLVM neither speculates such a load nor
// assumes it cannot fault.
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
  if (ME.options().ExplicitBoundsChecks) {
    Value *Mem = loadInstanceField(offsetof(w2n_instance, memory), ptr(), true,
                                   "memory");
    Value *Size = B.CreateAlignedLoad(
        i64(),
        B.CreateConstInBoundsGEP1_64(i8(), Mem, offsetof(w2n_memory, size)),
        Align(8), "memsize");
    Value *End = B.CreateAdd(Effective, B.getInt64(AccessBytes), "", true);
    trapIf(B.CreateICmpUGT(End, Size), W2N_TRAP_OOB_MEMORY);
  }
  return B.CreateGEP(i8(), memoryBase(), Effective, "ptr");
}

namespace {
struct MemAccess {
  Type *MemTy; // type in memory
  Type *ValTy; // type on the operand stack
  bool Signed; // sign-extend narrow loads
};
} // namespace

Expected<bool> FunctionEmitter::emitMemory(Opcode Op, BinaryCursor &Imm) {
  Type *I8 = i8(), *I16 = B.getInt16Ty(), *I32 = i32(), *I64 = i64(),
       *F32 = f32(), *F64 = f64();
  MemAccess A{nullptr, nullptr, false};
  bool IsStore = false;
  switch (Op) {
  case Opcode::I32Load:
    A = {I32, I32, false};
    break;
  case Opcode::I64Load:
    A = {I64, I64, false};
    break;
  case Opcode::F32Load:
    A = {F32, F32, false};
    break;
  case Opcode::F64Load:
    A = {F64, F64, false};
    break;
  case Opcode::I32Load8S:
    A = {I8, I32, true};
    break;
  case Opcode::I32Load8U:
    A = {I8, I32, false};
    break;
  case Opcode::I32Load16S:
    A = {I16, I32, true};
    break;
  case Opcode::I32Load16U:
    A = {I16, I32, false};
    break;
  case Opcode::I64Load8S:
    A = {I8, I64, true};
    break;
  case Opcode::I64Load8U:
    A = {I8, I64, false};
    break;
  case Opcode::I64Load16S:
    A = {I16, I64, true};
    break;
  case Opcode::I64Load16U:
    A = {I16, I64, false};
    break;
  case Opcode::I64Load32S:
    A = {I32, I64, true};
    break;
  case Opcode::I64Load32U:
    A = {I32, I64, false};
    break;
  case Opcode::I32Store:
    A = {I32, I32, false};
    IsStore = true;
    break;
  case Opcode::I64Store:
    A = {I64, I64, false};
    IsStore = true;
    break;
  case Opcode::F32Store:
    A = {F32, F32, false};
    IsStore = true;
    break;
  case Opcode::F64Store:
    A = {F64, F64, false};
    IsStore = true;
    break;
  case Opcode::I32Store8:
    A = {I8, I32, false};
    IsStore = true;
    break;
  case Opcode::I32Store16:
    A = {I16, I32, false};
    IsStore = true;
    break;
  case Opcode::I64Store8:
    A = {I8, I64, false};
    IsStore = true;
    break;
  case Opcode::I64Store16:
    A = {I16, I64, false};
    IsStore = true;
    break;
  case Opcode::I64Store32:
    A = {I32, I64, false};
    IsStore = true;
    break;
  default:
    break;
  }

  if (A.MemTy) {
    cantFail(Imm.readVarU32()); // alignment hint: not a guarantee
    uint64_t Offset = cantFail(Imm.readVarU32());
    unsigned Bytes = A.MemTy->getPrimitiveSizeInBits() / 8;
    if (IsStore) {
      Value *V = pop();
      Value *Ptr = memoryAddress(pop(), Offset, Bytes);
      if (A.MemTy != A.ValTy)
        V = B.CreateTrunc(V, A.MemTy);
      StoreInst *S = B.CreateAlignedStore(V, Ptr, Align(1));
      S->setMetadata(LLVMContext::MD_tbaa, ME.memoryTBAA());
      return true;
    }
    Value *Ptr = memoryAddress(pop(), Offset, Bytes);
    // A load whose value is dropped must still trap when out of bounds;
    // volatile keeps LLVM from deleting it.
    LoadInst *L = B.CreateAlignedLoad(A.MemTy, Ptr, Align(1), nextIsDrop(Imm));
    L->setMetadata(LLVMContext::MD_tbaa, ME.memoryTBAA());
    Value *V = L;
    if (A.MemTy != A.ValTy)
      V = A.Signed ? B.CreateSExt(V, A.ValTy) : B.CreateZExt(V, A.ValTy);
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
