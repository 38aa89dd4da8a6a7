//===- FunctionEmitter.h - Per-function IR emission context -----*- C++ -*-===//
//
// One FunctionEmitter translates one Wasm function body. It owns the operand
// stack, the control stack and the IRBuilder; each instruction family lives
// in its own Emit*.cpp file as member functions that pop operands and push
// results. Instructions in unreachable code are skipped by the dispatcher,
// so the family emitters only ever see reachable code.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_LIB_IRGEN_FUNCTIONEMITTER_H
#define WASM2NATIVE_LIB_IRGEN_FUNCTIONEMITTER_H

#include "ModuleEmitter.h"
#include "wasm2native/Reader/BinaryCursor.h"
#include "wasm2native/Reader/Instruction.h"
#include "wasm2native/Reader/Opcodes.h"
#include "wasm2native/Runtime/wasm2native-rt.h"
#include "llvm/IR/IRBuilder.h"

namespace wasm2native {

/// One entry of the control stack: a block, loop, if, or the function body.
struct ControlFrame {
  enum Kind : uint8_t { Function, Block, Loop, If, Else } K = Block;
  llvm::SmallVector<ValType, 2> Params;
  llvm::SmallVector<ValType, 2> Results;
  /// Where `br` to this frame goes: the loop header, or the join block.
  llvm::BasicBlock *BranchTarget = nullptr;
  /// The block after `end`.
  llvm::BasicBlock *EndBlock = nullptr;
  /// Phi nodes at BranchTarget (loop params, or results otherwise).
  llvm::SmallVector<llvm::PHINode *, 2> BranchPhis;
  /// Phi nodes at EndBlock (for loops, separate from BranchPhis).
  llvm::SmallVector<llvm::PHINode *, 2> EndPhis;
  /// `if` only: the else block and the params to feed it.
  llvm::BasicBlock *ElseBlock = nullptr;
  llvm::SmallVector<llvm::Value *, 2> IfParams;
  /// Operand-stack height when the frame was entered (params excluded).
  size_t StackHeight = 0;
  /// Code after an unconditional branch up to the frame's end is dead.
  bool Unreachable = false;
  /// `end` is reachable by at least one edge (branch or fallthrough).
  bool EndReachable = false;
  /// `if` with no `else`: ElseBlock still must be wired at `end`.
  bool SawElse = false;
};

class FunctionEmitter {
public:
  FunctionEmitter(ModuleEmitter &ME, uint32_t FuncIndex, llvm::Function *F);

  /// Translates the whole body.
  llvm::Error emit();

  // ---- Shared helpers for the instruction families ----------------------
  llvm::IRBuilder<> &builder() { return B; }
  llvm::LLVMContext &context() { return ME.context(); }
  ModuleEmitter &moduleEmitter() { return ME; }
  const WasmModule &wasm() { return ME.wasm(); }

  void push(llvm::Value *V) { Stack.push_back(V); }
  llvm::Value *pop() {
    llvm::Value *V = Stack.back();
    Stack.pop_back();
    return V;
  }
  llvm::Value *peek(unsigned Depth = 0) {
    return Stack[Stack.size() - 1 - Depth];
  }
  /// Pops N values; returns them in stack order (deepest first).
  llvm::SmallVector<llvm::Value *, 4> popN(size_t N);

  /// Branches to this function's trap block for \p Code when \p Cond holds.
  void trapIf(llvm::Value *Cond, w2n_trap_code Code);
  /// Calls w2n_trap(Code); the current position becomes unreachable.
  void trapNow(w2n_trap_code Code);
  /// Ends the current basic block with a trap; Wasm code continues
  /// elsewhere (the caller moves the insertion point).
  void trapNowInBlock(w2n_trap_code Code);

  /// Loads a pointer-sized/integer field of the w2n_instance at byte offset
  /// \p Offset (use offsetof). \p Invariant marks fields that never change
  /// for an instance's lifetime.
  llvm::Value *loadInstanceField(size_t Offset, llvm::Type *Ty, bool Invariant,
                                 const llvm::Twine &Name);
  /// ctx->funcs, ctx->globals, ... loaded once in the entry block.
  llvm::Value *instancePtr() { return InstanceArg; }
  llvm::Value *memoryBase();

  llvm::Type *i8() { return B.getInt8Ty(); }
  llvm::Type *i32() { return B.getInt32Ty(); }
  llvm::Type *i64() { return B.getInt64Ty(); }
  llvm::Type *f32() { return B.getFloatTy(); }
  llvm::Type *f64() { return B.getDoubleTy(); }
  llvm::Type *ptr() { return B.getPtrTy(); }

  /// Byte offset of the instruction being translated (for diagnostics).
  uint64_t instructionOffset() const { return InstrOffset; }

  // ---- Instruction families: each pops operands and pushes results ------
  // Each switches over its family's enumeration (generated from
  // Opcodes.def) without a default, so an instruction without a handler is
  // a compile error.

  /// EmitNumeric.cpp: constants, comparisons, integer/float arithmetic,
  /// bit ops, sign extension (i32.extend8_s, ...).
  void emitNumeric(NumericOp Op, const WasmInstr &I);
  /// EmitConversion.cpp: wrap/extend, trapping and saturating truncation,
  /// convert, demote/promote, reinterpret.
  void emitConversion(ConversionOp Op, const WasmInstr &I);
  /// EmitMemory.cpp: loads, stores, memory.size/grow, bulk memory.
  void emitMemory(MemoryOp Op, const WasmInstr &I);
  /// EmitVariable.cpp: locals, globals, drop, select.
  void emitVariable(VariableOp Op, const WasmInstr &I);
  /// EmitTable.cpp: table.*, elem.drop, ref.*, call_indirect.
  void emitTable(TableOp Op, const WasmInstr &I);
  /// EmitSIMD.cpp: 0xFD instructions.
  void emitSIMD(SIMDOp Op, const WasmInstr &I);
  /// EmitControl.cpp: block/loop/if/else/end/br*/return/call/unreachable.
  llvm::Error emitControl(ControlOp Op, const WasmInstr &I);

  /// EmitMemory.cpp: a scalar load (extended to \p ValTy) and store.
  void emitLoad(const WasmInstr &I, llvm::Type *MemTy, llvm::Type *ValTy,
                bool Signed);
  void emitStore(const WasmInstr &I, llvm::Type *MemTy);

  /// Calls \p Callee (native signature of wasm type \p T) with operands
  /// popped from the stack and pushes its results.
  void emitCallWithStackArgs(llvm::FunctionCallee Callee, const FuncType &T,
                             llvm::Value *CalleeInstance);

  /// Frees the operand stack down to \p Height.
  void truncateStack(size_t Height) { Stack.resize(Height); }

  /// A linear-memory address: checks bounds when explicit checks are on
  /// and returns base + zext(Addr) + Offset.
  llvm::Value *memoryAddress(llvm::Value *Addr, uint64_t Offset,
                             unsigned AccessBytes);

  /// A load or store of linear memory at \p Ptr from memoryAddress(),
  /// volatile in guard-page mode so that it traps exactly where wasm says.
  /// \p Dropped: the wasm value is dropped (the inexact mode still keeps
  /// such a load).
  llvm::LoadInst *memoryLoad(llvm::Type *Ty, llvm::Value *Ptr, bool Dropped);
  llvm::StoreInst *memoryStore(llvm::Value *V, llvm::Value *Ptr);
  /// A store to a global slot or table element: volatile when the state
  /// after a guard-page fault must be exact.
  llvm::StoreInst *stateStore(llvm::Value *V, llvm::Value *Ptr,
                              llvm::Align A);

  /// True when the next instruction is a drop (keeps trapping loads alive:
  /// the spec's `no_dce` cases).
  bool nextIsDrop() const;

private:
  llvm::Error emitBody();
  llvm::Error emitInstruction(const WasmInstr &I);
  /// Skips one instruction in dead code, tracking nesting.
  llvm::Error skipDeadInstruction(const WasmInstr &I);
  void enterFrame(ControlFrame::Kind K, llvm::ArrayRef<ValType> Params,
                  llvm::ArrayRef<ValType> Results,
                  llvm::SmallVectorImpl<llvm::Value *> &ParamVals);
  /// Adds the current stack top as incoming values of a branch to \p Depth.
  void branchTo(unsigned Depth);
  void emitReturn();
  void endFrame();
  void fallThroughToEnd(ControlFrame &Frame);
  void markUnreachable();
  /// The alloca of local \p I (parameters included), created on first use.
  llvm::Value *local(uint32_t I);

  ModuleEmitter &ME;
  uint32_t FuncIndex;
  llvm::Function *F;
  llvm::IRBuilder<> B;
  llvm::Value *InstanceArg = nullptr;
  llvm::Value *MemBase = nullptr;
  llvm::DISubprogram *Subprogram = nullptr; // with -g
  /// Allocas of the parameters and locals, null until local() creates one.
  llvm::SmallVector<llvm::Value *, 16> Locals;
  llvm::SmallVector<ValType, 16> LocalTypes;
  llvm::SmallVector<llvm::Value *, 32> Stack;
  llvm::SmallVector<ControlFrame, 16> Frames;
  llvm::BasicBlock *TrapBlocks[W2N_TRAP_COUNT] = {};
  llvm::BasicBlock *EntryBlock = nullptr;
  uint64_t InstrOffset = 0;
  /// The body being translated, positioned after the current instruction.
  const BinaryCursor *Cursor = nullptr;
  bool IsX86 = false;
  /// Nesting depth of blocks skipped inside dead code.
  unsigned DeadDepth = 0;

  friend class ModuleEmitter;
};

} // namespace wasm2native

#endif
