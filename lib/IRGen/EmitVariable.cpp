//===- EmitVariable.cpp - Locals, globals, drop and select ----------------===//
#include "FunctionEmitter.h"

using namespace llvm;
using namespace wasm2native;

Expected<bool> FunctionEmitter::emitVariable(Opcode Op, BinaryCursor &Imm) {
  switch (Op) {
  case Opcode::LocalGet: {
    uint32_t I = cantFail(Imm.readVarU32());
    push(B.CreateLoad(ME.valueType(LocalTypes[I]), local(I)));
    return true;
  }
  case Opcode::LocalSet: {
    uint32_t I = cantFail(Imm.readVarU32());
    B.CreateStore(pop(), local(I));
    return true;
  }
  case Opcode::LocalTee: {
    uint32_t I = cantFail(Imm.readVarU32());
    B.CreateStore(peek(), local(I));
    return true;
  }
  case Opcode::GlobalGet:
  case Opcode::GlobalSet: {
    uint32_t I = cantFail(Imm.readVarU32());
    Type *Ty = ME.valueType(wasm().globalType(I).Type);
    // An executable's own global is an LLVM global of its own; otherwise
    // ctx->globals[I] points at the slot, shared with an exporting or
    // importing instance (the pointers never change).
    Value *Slot = ME.globalStorage(I);
    if (!Slot) {
      Value *Globals = loadInstanceField(offsetof(w2n_instance, globals), ptr(),
                                         true, "globals");
      auto *L = B.CreateAlignedLoad(
          ptr(), B.CreateConstInBoundsGEP1_64(ptr(), Globals, I), Align(8),
          "global.slot");
      L->setMetadata(LLVMContext::MD_invariant_load,
                     MDNode::get(context(), {}));
      Slot = L;
    }
    Instruction *Access;
    if (Op == Opcode::GlobalGet) {
      Access = B.CreateAlignedLoad(Ty, Slot, Align(8), "global");
      push(Access);
    } else {
      Access = stateStore(pop(), Slot, Align(8));
    }
    Access->setMetadata(LLVMContext::MD_tbaa, ME.globalTBAA());
    return true;
  }
  case Opcode::Drop:
    pop();
    return true;
  case Opcode::Select:
  case Opcode::SelectT: {
    if (Op == Opcode::SelectT) {
      uint32_t N = cantFail(Imm.readVarU32());
      cantFail(Imm.readBytes(N).takeError());
    }
    Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0));
    Value *IfFalse = pop();
    Value *IfTrue = pop();
    push(B.CreateSelect(Cond, IfTrue, IfFalse));
    return true;
  }
  default:
    return false;
  }
}
