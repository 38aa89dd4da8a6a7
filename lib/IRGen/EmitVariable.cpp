//===- EmitVariable.cpp - Locals, globals, drop and select ----------------===//
#include "FunctionEmitter.h"

using namespace llvm;
using namespace wasm2native;

void FunctionEmitter::emitVariable(VariableOp Op, const WasmInstr &I) {
  switch (Op) {
  case VariableOp::LocalGet: {
    uint32_t L = I.Index;
    push(B.CreateLoad(ME.valueType(LocalTypes[L]), local(L)));
    return;
  }
  case VariableOp::LocalSet: {
    B.CreateStore(pop(), local(I.Index));
    return;
  }
  case VariableOp::LocalTee: {
    B.CreateStore(peek(), local(I.Index));
    return;
  }
  case VariableOp::GlobalGet:
  case VariableOp::GlobalSet: {
    uint32_t G = I.Index;
    Type *Ty = ME.valueType(wasm().globalType(G).Type);
    // An executable's own global is an LLVM global of its own; otherwise
    // ctx->globals[I] points at the slot, shared with an exporting or
    // importing instance (the pointers never change).
    Value *Slot = ME.globalStorage(G);
    if (!Slot) {
      Value *Globals = loadInstanceField(offsetof(w2n_instance, globals), ptr(),
                                         true, "globals");
      auto *L = B.CreateAlignedLoad(
          ptr(), B.CreateConstInBoundsGEP1_64(ptr(), Globals, G), Align(8),
          "global.slot");
      L->setMetadata(LLVMContext::MD_invariant_load,
                     MDNode::get(context(), {}));
      Slot = L;
    }
    Instruction *Access;
    if (Op == VariableOp::GlobalGet) {
      Access = B.CreateAlignedLoad(Ty, Slot, Align(8), "global");
      push(Access);
    } else {
      Access = stateStore(pop(), Slot, Align(8));
    }
    Access->setMetadata(LLVMContext::MD_tbaa, ME.globalTBAA());
    return;
  }
  case VariableOp::Drop:
    pop();
    return;
  case VariableOp::Select:
  case VariableOp::SelectT: {
    Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0));
    Value *IfFalse = pop();
    Value *IfTrue = pop();
    push(B.CreateSelect(Cond, IfTrue, IfFalse));
    return;
  }
  }
}
