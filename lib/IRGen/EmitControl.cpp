//===- EmitControl.cpp - Structured control flow and calls ----------------===//
//
// Wasm blocks become LLVM basic blocks with phi nodes carrying the values a
// branch passes: a loop's phis sit at its header (its parameters), every
// other frame's at its end block (its results).
//
//===----------------------------------------------------------------------===//
#include "FunctionEmitter.h"

using namespace llvm;
using namespace wasm2native;

static SmallVector<PHINode *, 2> createPhis(ModuleEmitter &ME, BasicBlock *BB,
                                            ArrayRef<ValType> Types) {
  SmallVector<PHINode *, 2> Phis;
  for (ValType T : Types)
    Phis.push_back(PHINode::Create(ME.valueType(T), 2, "", BB));
  return Phis;
}

void FunctionEmitter::enterFrame(ControlFrame::Kind K, ArrayRef<ValType> Params,
                                 ArrayRef<ValType> Results,
                                 SmallVectorImpl<Value *> &ParamVals) {
  ControlFrame Frame;
  Frame.K = K;
  Frame.Params.assign(Params.begin(), Params.end());
  Frame.Results.assign(Results.begin(), Results.end());
  Frame.StackHeight = Stack.size() - Params.size();
  Frame.EndBlock = BasicBlock::Create(
      context(), K == ControlFrame::Function ? "return" : "end", F);
  Frame.EndPhis = createPhis(ME, Frame.EndBlock, Results);
  if (K == ControlFrame::Loop) {
    BasicBlock *Header = BasicBlock::Create(context(), "loop", F);
    Frame.BranchTarget = Header;
    Frame.BranchPhis = createPhis(ME, Header, Params);
    BasicBlock *Pred = B.GetInsertBlock();
    B.CreateBr(Header);
    for (size_t I = 0; I < Params.size(); ++I) {
      Value *&Slot = Stack[Frame.StackHeight + I];
      Frame.BranchPhis[I]->addIncoming(Slot, Pred);
      Slot = Frame.BranchPhis[I];
    }
    B.SetInsertPoint(Header);
  } else {
    Frame.BranchTarget = Frame.EndBlock;
    Frame.BranchPhis = Frame.EndPhis;
  }
  Frame.IfParams.assign(ParamVals.begin(), ParamVals.end());
  Frames.push_back(std::move(Frame));
}

void FunctionEmitter::branchTo(unsigned Depth) {
  ControlFrame &Target = Frames[Frames.size() - 1 - Depth];
  BasicBlock *From = B.GetInsertBlock();
  size_t Arity = Target.BranchPhis.size();
  for (size_t I = 0; I < Arity; ++I)
    Target.BranchPhis[I]->addIncoming(Stack[Stack.size() - Arity + I], From);
}

/// Falls through to the end of \p Frame with the results on the stack.
void FunctionEmitter::fallThroughToEnd(ControlFrame &Frame) {
  for (size_t I = 0; I < Frame.EndPhis.size(); ++I)
    Frame.EndPhis[I]->addIncoming(
        Stack[Stack.size() - Frame.EndPhis.size() + I], B.GetInsertBlock());
  B.CreateBr(Frame.EndBlock);
}

/// Finishes the innermost frame at its `end`.
void FunctionEmitter::endFrame() {
  ControlFrame &Frame = Frames.back();
  if (!Frame.Unreachable)
    fallThroughToEnd(Frame);
  if (Frame.K == ControlFrame::If) {
    // An `if` without `else` passes its parameters through as results.
    IRBuilder<> EB(Frame.ElseBlock);
    for (size_t I = 0; I < Frame.EndPhis.size(); ++I)
      Frame.EndPhis[I]->addIncoming(Frame.IfParams[I], Frame.ElseBlock);
    EB.CreateBr(Frame.EndBlock);
  }

  Stack.resize(Frame.StackHeight);
  BasicBlock *End = Frame.EndBlock;
  SmallVector<PHINode *, 2> Phis = Frame.EndPhis;
  ControlFrame::Kind K = Frame.K;
  Frames.pop_back();

  bool Reachable = !pred_empty(End);
  if (K == ControlFrame::Function) {
    B.SetInsertPoint(End);
    if (!Reachable) {
      for (PHINode *P : Phis)
        P->eraseFromParent();
      B.CreateUnreachable();
      return;
    }
    emitReturn();
    return;
  }
  if (!Reachable) {
    End->eraseFromParent();
    markUnreachable();
    return;
  }
  // Move the join block after everything emitted so far: keeps the
  // function's block order close to source order, which helps -O0 code.
  End->moveAfter(&F->back());
  B.SetInsertPoint(End);
  for (PHINode *P : Phis)
    push(P);
}

/// Emits `ret` of the phis at the top of the return block.
void FunctionEmitter::emitReturn() {
  BasicBlock *BB = B.GetInsertBlock();
  SmallVector<Value *, 2> Results;
  for (Instruction &I : *BB)
    if (auto *P = dyn_cast<PHINode>(&I))
      Results.push_back(P);
  Type *RetTy = F->getReturnType();
  if (Results.empty()) {
    B.CreateRetVoid();
  } else if (Results.size() == 1) {
    B.CreateRet(Results[0]);
  } else {
    Value *Agg = PoisonValue::get(RetTy);
    for (unsigned I = 0; I < Results.size(); ++I)
      Agg = B.CreateInsertValue(Agg, Results[I], I);
    B.CreateRet(Agg);
  }
}

void FunctionEmitter::emitCallWithStackArgs(FunctionCallee Callee,
                                            const FuncType &T,
                                            Value *CalleeInstance) {
  SmallVector<Value *, 8> Args{CalleeInstance};
  for (Value *V : popN(T.Params.size()))
    Args.push_back(V);
  CallInst *Call = B.CreateCall(Callee, Args);
  if (T.Results.size() == 1) {
    push(Call);
  } else {
    for (unsigned I = 0; I < T.Results.size(); ++I)
      push(B.CreateExtractValue(Call, I));
  }
}

Error FunctionEmitter::emitControl(ControlOp Op, const WasmInstr &I) {
  switch (Op) {
  case ControlOp::Nop:
    return Error::success();
  case ControlOp::Unreachable:
    trapNow(W2N_TRAP_UNREACHABLE);
    return Error::success();

  case ControlOp::Block:
  case ControlOp::Loop: {
    ArrayRef<ValType> Params, Results;
    bool Valid = blockTypeSignature(wasm(), I.BlockType, Params, Results);
    assert(Valid && "validated block type");
    (void)Valid;
    SmallVector<Value *, 2> None;
    enterFrame(Op == ControlOp::Block ? ControlFrame::Block : ControlFrame::Loop,
               Params, Results, None);
    return Error::success();
  }
  case ControlOp::If: {
    ArrayRef<ValType> Params, Results;
    bool Valid = blockTypeSignature(wasm(), I.BlockType, Params, Results);
    assert(Valid && "validated block type");
    (void)Valid;
    Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0), "if.cond");
    SmallVector<Value *, 2> ParamVals(Stack.end() - Params.size(),
                                      Stack.end());
    BasicBlock *Then = BasicBlock::Create(context(), "then", F);
    BasicBlock *Else = BasicBlock::Create(context(), "else", F);
    B.CreateCondBr(Cond, Then, Else);
    enterFrame(ControlFrame::If, Params, Results, ParamVals);
    Frames.back().ElseBlock = Else;
    B.SetInsertPoint(Then);
    return Error::success();
  }
  case ControlOp::Else: {
    ControlFrame &Frame = Frames.back();
    if (!Frame.Unreachable)
      fallThroughToEnd(Frame);
    Stack.resize(Frame.StackHeight);
    for (Value *V : Frame.IfParams)
      push(V);
    Frame.ElseBlock->moveAfter(&F->back());
    B.SetInsertPoint(Frame.ElseBlock);
    Frame.K = ControlFrame::Else;
    Frame.Unreachable = false;
    Frame.SawElse = true;
    return Error::success();
  }
  case ControlOp::End:
    endFrame();
    return Error::success();

  case ControlOp::Br: {
    uint32_t Depth = I.Index;
    branchTo(Depth);
    B.CreateBr(Frames[Frames.size() - 1 - Depth].BranchTarget);
    markUnreachable();
    return Error::success();
  }
  case ControlOp::BrIf: {
    uint32_t Depth = I.Index;
    Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0), "br_if.cond");
    branchTo(Depth);
    BasicBlock *Cont = BasicBlock::Create(context(), "br_if.cont", F);
    B.CreateCondBr(Cond, Frames[Frames.size() - 1 - Depth].BranchTarget, Cont);
    B.SetInsertPoint(Cont);
    return Error::success();
  }
  case ControlOp::BrTable: {
    ArrayRef<uint32_t> Depths = I.Targets;
    uint32_t Count = Depths.size() - 1;
    Value *Index = pop();
    // A phi wants one entry per predecessor block, and a switch may reach
    // one target from several cases, so branches that carry values go
    // through one edge block per distinct target.
    DenseMap<uint32_t, BasicBlock *> Edge;
    BasicBlock *From = B.GetInsertBlock();
    for (uint32_t Depth : Depths) {
      if (Edge.count(Depth))
        continue;
      ControlFrame &Target = Frames[Frames.size() - 1 - Depth];
      if (Target.BranchPhis.empty()) {
        Edge[Depth] = Target.BranchTarget;
        continue;
      }
      BasicBlock *EdgeBB = BasicBlock::Create(context(), "br_table.edge", F);
      B.SetInsertPoint(EdgeBB);
      branchTo(Depth);
      B.CreateBr(Target.BranchTarget);
      Edge[Depth] = EdgeBB;
    }
    B.SetInsertPoint(From);
    SwitchInst *SI = B.CreateSwitch(Index, Edge[Depths.back()], Count);
    for (uint32_t K = 0; K < Count; ++K)
      SI->addCase(B.getInt32(K), Edge[Depths[K]]);
    markUnreachable();
    return Error::success();
  }
  case ControlOp::Return:
    branchTo(Frames.size() - 1);
    B.CreateBr(Frames.front().BranchTarget);
    markUnreachable();
    return Error::success();

  case ControlOp::Call: {
    uint32_t Callee = I.Index;
    const FuncType &T = wasm().funcType(Callee);
    llvm::Function *Fn = ME.function(Callee);
    if (!Fn)
      Fn = ME.hostFunction(Callee);
    if (Fn) {
      emitCallWithStackArgs(Fn, T, InstanceArg);
      return Error::success();
    }
    // Imports go through the instance's funcref, whose code and instance
    // the runtime fixed at instantiation.
    Value *Funcs =
        loadInstanceField(offsetof(w2n_instance, funcs), ptr(), true, "funcs");
    auto *Ref = B.CreateAlignedLoad(
        ptr(), B.CreateConstInBoundsGEP1_64(ptr(), Funcs, Callee), Align(8),
        "import");
    Ref->setMetadata(LLVMContext::MD_invariant_load,
                     MDNode::get(context(), {}));
    auto LoadRefField = [&](size_t Off, const Twine &Name) {
      auto *L = B.CreateAlignedLoad(
          ptr(), B.CreateConstInBoundsGEP1_64(i8(), Ref, Off), Align(8), Name);
      L->setMetadata(LLVMContext::MD_invariant_load,
                     MDNode::get(context(), {}));
      return L;
    };
    Value *Code = LoadRefField(offsetof(w2n_funcref, fn), "import.fn");
    Value *Inst = LoadRefField(offsetof(w2n_funcref, instance), "import.ctx");
    emitCallWithStackArgs(FunctionCallee(ME.functionType(T), Code), T, Inst);
    return Error::success();
  }
  }
  llvm_unreachable("covered switch");
}
