//===- EmitTable.cpp - Tables, references and call_indirect ---------------===//
#include "FunctionEmitter.h"
#include "llvm/IR/MDBuilder.h"

using namespace llvm;
using namespace wasm2native;

static Value *tableObject(FunctionEmitter &FE, uint32_t Index) {
  IRBuilder<> &B = FE.builder();
  Value *Tables = FE.loadInstanceField(offsetof(w2n_instance, tables),
                                       B.getPtrTy(), true, "tables");
  auto *T = B.CreateAlignedLoad(
      B.getPtrTy(), B.CreateConstInBoundsGEP1_64(B.getPtrTy(), Tables, Index),
      Align(8), "table");
  T->setMetadata(LLVMContext::MD_invariant_load,
                 MDNode::get(B.getContext(), {}));
  return T;
}

static Value *tableSize(IRBuilder<> &B, Value *Table) {
  return B.CreateAlignedLoad(
      B.getInt32Ty(),
      B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Table,
                                   offsetof(w2n_table, size)),
      Align(4), "table.size");
}

/// &table->elems[Index] after checking Index < size.
static Value *elementAddress(FunctionEmitter &FE, Value *Table, Value *Index,
                             w2n_trap_code OutOfBounds) {
  IRBuilder<> &B = FE.builder();
  FE.trapIf(B.CreateICmpUGE(Index, tableSize(B, Table)), OutOfBounds);
  Value *Elems =
      B.CreateAlignedLoad(B.getPtrTy(),
                          B.CreateConstInBoundsGEP1_64(
                              B.getInt8Ty(), Table, offsetof(w2n_table, elems)),
                          Align(8), "elems");
  return B.CreateInBoundsGEP(B.getPtrTy(), Elems,
                             B.CreateZExt(Index, B.getInt64Ty()));
}

void FunctionEmitter::emitTable(TableOp Op, const WasmInstr &I) {
  switch (Op) {
  case TableOp::RefNull:
    push(ConstantPointerNull::get(B.getPtrTy()));
    return;
  case TableOp::RefIsNull:
    push(B.CreateZExt(B.CreateIsNull(pop()), i32()));
    return;
  case TableOp::RefFunc: {
    uint32_t Index = I.Index;
    Value *Funcs =
        loadInstanceField(offsetof(w2n_instance, funcs), ptr(), true, "funcs");
    auto *Ref = B.CreateAlignedLoad(
        ptr(), B.CreateConstInBoundsGEP1_64(ptr(), Funcs, Index), Align(8),
        "funcref");
    Ref->setMetadata(LLVMContext::MD_invariant_load,
                     MDNode::get(context(), {}));
    push(Ref);
    return;
  }
  case TableOp::TableGet: {
    Value *Table = tableObject(*this, I.Index);
    Value *Addr = elementAddress(*this, Table, pop(), W2N_TRAP_OOB_TABLE);
    push(B.CreateAlignedLoad(ptr(), Addr, Align(8), "elem"));
    return;
  }
  case TableOp::TableSet: {
    Value *Table = tableObject(*this, I.Index);
    Value *V = pop();
    Value *Addr = elementAddress(*this, Table, pop(), W2N_TRAP_OOB_TABLE);
    stateStore(V, Addr, Align(8));
    return;
  }
  case TableOp::TableSize: {
    Value *Table = tableObject(*this, I.Index);
    push(tableSize(B, Table));
    return;
  }
  case TableOp::TableGrow: {
    uint32_t Index = I.Index;
    Value *Delta = pop();
    Value *Init = pop();
    push(B.CreateCall(ME.runtimeFunction("w2n_table_grow"),
                      {InstanceArg, B.getInt32(Index), Init, Delta}));
    return;
  }
  case TableOp::TableFill: {
    uint32_t Index = I.Index;
    auto Args = popN(3);
    B.CreateCall(ME.runtimeFunction("w2n_table_fill"),
                 {InstanceArg, B.getInt32(Index), Args[0], Args[1], Args[2]});
    return;
  }
  case TableOp::TableCopy: {
    uint32_t Dst = I.Index, Src = I.Index2;
    auto Args = popN(3);
    B.CreateCall(ME.runtimeFunction("w2n_table_copy"),
                 {InstanceArg, B.getInt32(Dst), B.getInt32(Src), Args[0],
                  Args[1], Args[2]});
    return;
  }
  case TableOp::TableInit: {
    uint32_t Seg = I.Index, Index = I.Index2;
    auto Args = popN(3);
    B.CreateCall(ME.runtimeFunction("w2n_table_init"),
                 {InstanceArg, B.getInt32(Index), B.getInt32(Seg), Args[0],
                  Args[1], Args[2]});
    return;
  }
  case TableOp::ElemDrop: {
    uint32_t Seg = I.Index;
    B.CreateCall(ME.runtimeFunction("w2n_elem_drop"),
                 {InstanceArg, B.getInt32(Seg)});
    return;
  }
  case TableOp::CallIndirect: {
    uint32_t TypeIndex = I.Index, TableIndex = I.Index2;
    const FuncType &Sig = wasm().Types[TypeIndex];
    if (GlobalVariable *Frozen = ME.frozenTable(TableIndex)) {
      // A constant table, and no branch: an index past the end is clamped
      // to a sentinel entry, and an entry that must trap (the sentinel, a
      // null, a wrong signature) yields a runtime stand-in that traps when
      // called. Everything before the call is a pure function of the
      // index, so LLVM hoists it out of loops.
      Value *Index = pop();
      uint32_t Size = ME.frozenTableSize(TableIndex);
      Value *Clamped = B.CreateBinaryIntrinsic(Intrinsic::umin, Index,
                                               B.getInt32(Size), nullptr, "index");
      Type *TableTy = Frozen->getValueType();
      Value *Idx64 = B.CreateZExt(Clamped, i64());
      Value *TypeAddr = B.CreateInBoundsGEP(
          TableTy, Frozen, {B.getInt64(0), Idx64, B.getInt32(1)});
      Value *Actual =
          B.CreateAlignedLoad(i32(), TypeAddr, Align(4), "callee.type");
      Value *CodeAddr = B.CreateInBoundsGEP(
          TableTy, Frozen, {B.getInt64(0), Idx64, B.getInt32(0)});
      Value *Entry = B.CreateAlignedLoad(ptr(), CodeAddr, Align(8), "entry.fn");
      uint32_t Want = ME.canonicalTypeIndex(TypeIndex) + 1;
      // Type 0 (null) and ~0 (sentinel) entries already hold their stub.
      Value *Usable = B.CreateOr(
          B.CreateICmpEQ(Actual, B.getInt32(Want)),
          B.CreateICmpULT(B.CreateAdd(Actual, B.getInt32(1)), B.getInt32(2)));
      Value *Mismatch = cast<Constant>(
          ME.runtimeFunction("w2n_trap_indirect_call_type_mismatch")
              .getCallee());
      Value *Code = B.CreateSelect(Usable, Entry, Mismatch, "callee.fn");
      emitCallWithStackArgs(FunctionCallee(ME.functionType(Sig), Code), Sig,
                            InstanceArg);
      return;
    }
    Value *Table = tableObject(*this, TableIndex);
    Value *Addr =
        elementAddress(*this, Table, pop(), W2N_TRAP_UNDEFINED_ELEMENT);
    Value *Ref = B.CreateAlignedLoad(ptr(), Addr, Align(8), "callee.ref");
    trapIf(B.CreateIsNull(Ref), W2N_TRAP_UNINITIALIZED_ELEMENT);
    // Signatures are compared by canonical id: equal types from any module
    // share one id (the runtime interns them at instantiation).
    Value *TypeIds = loadInstanceField(offsetof(w2n_instance, type_ids), ptr(),
                                       true, "type_ids");
    auto *Expected = B.CreateAlignedLoad(
        i32(), B.CreateConstInBoundsGEP1_64(i32(), TypeIds, TypeIndex),
        Align(4), "expected.type");
    Expected->setMetadata(LLVMContext::MD_invariant_load,
                          MDNode::get(context(), {}));
    Value *Actual = B.CreateAlignedLoad(
        i32(),
        B.CreateConstInBoundsGEP1_64(i8(), Ref, offsetof(w2n_funcref, type_id)),
        Align(4), "callee.type");
    trapIf(B.CreateICmpNE(Actual, Expected),
           W2N_TRAP_INDIRECT_CALL_TYPE_MISMATCH);
    Value *Code = B.CreateAlignedLoad(
        ptr(),
        B.CreateConstInBoundsGEP1_64(i8(), Ref, offsetof(w2n_funcref, fn)),
        Align(8), "callee.fn");
    Value *Inst =
        B.CreateAlignedLoad(ptr(),
                            B.CreateConstInBoundsGEP1_64(
                                i8(), Ref, offsetof(w2n_funcref, instance)),
                            Align(8), "callee.ctx");
    emitCallWithStackArgs(FunctionCallee(ME.functionType(Sig), Code), Sig,
                          Inst);
    return;
  }
  }
}
