//===- CallCounter.cpp - Count the calls of each wasm function ------------===//
//
// An out-of-tree new-pass-manager plugin for wasm2native-driver (or opt):
// the module pass `wasm-call-counter` gives every wasm function (an LLVM
// function named "wasm.<name>") a counter that its entry increments, and
// prints the table of non-zero counts to standard error when the program
// ends: at exit() and just before the runtime's proc_exit, which leaves with
// _exit() and runs no destructors.
//
//   wasm2native-driver -fpass-plugin=./CallCounter.so app.wasm -o app
//   wasm2native-driver -fpass-plugin=./CallCounter.so \
//       -passes='default<O2>,wasm-call-counter' app.wasm -o app
//
// Loaded with -fpass-plugin alone, it runs at the end of the -O pipeline;
// named in -passes=, where the pipeline says. Running it twice is harmless.
//
//===----------------------------------------------------------------------===//
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"
#if LLVM_VERSION_MAJOR >= 22
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace {

struct CallCounterPass : PassInfoMixin<CallCounterPass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    if (M.getNamedGlobal("wasm_call_counts"))
      return PreservedAnalyses::all(); // already instrumented
    SmallVector<Function *, 64> Counted;
    for (Function &F : M)
      if (!F.isDeclaration() && F.getName().starts_with("wasm.") &&
          F.getName() != "wasm.initialize" &&
          !F.getName().starts_with("wasm.invoke."))
        Counted.push_back(&F);
    if (Counted.empty())
      return PreservedAnalyses::all();

    LLVMContext &C = M.getContext();
    Type *I64 = Type::getInt64Ty(C);
    auto *CountsTy = ArrayType::get(I64, Counted.size());
    auto *Counts = new GlobalVariable(M, CountsTy, false,
                                      GlobalValue::InternalLinkage,
                                      Constant::getNullValue(CountsTy),
                                      "wasm_call_counts");
    for (unsigned I = 0; I < Counted.size(); ++I) {
      IRBuilder<> B(&*Counted[I]->getEntryBlock().getFirstInsertionPt());
      Value *Slot = B.CreateConstInBoundsGEP2_64(CountsTy, Counts, 0, I);
      B.CreateAtomicRMW(AtomicRMWInst::Add, Slot, B.getInt64(1), MaybeAlign(8),
                        AtomicOrdering::Monotonic);
    }

    // void wasm_call_counts_report(void): prints each non-zero count once.
    Function *Report = Function::Create(
        FunctionType::get(Type::getVoidTy(C), false),
        GlobalValue::InternalLinkage, "wasm_call_counts_report", M);
    FunctionCallee Dprintf = M.getOrInsertFunction(
        "dprintf", FunctionType::get(Type::getInt32Ty(C),
                                     {Type::getInt32Ty(C), PointerType::get(C, 0)},
                                     /*isVarArg=*/true));
    auto *Done = new GlobalVariable(M, Type::getInt1Ty(C), false,
                                    GlobalValue::InternalLinkage,
                                    ConstantInt::getFalse(C),
                                    "wasm_call_counts_done");
    BasicBlock *Entry = BasicBlock::Create(C, "entry", Report);
    BasicBlock *Body = BasicBlock::Create(C, "print", Report);
    BasicBlock *Exit = BasicBlock::Create(C, "exit", Report);
    IRBuilder<> B(Entry);
    B.CreateCondBr(B.CreateLoad(B.getInt1Ty(), Done), Exit, Body);
    B.SetInsertPoint(Body);
    B.CreateStore(B.getTrue(), Done);
    Value *Header = B.CreateGlobalString("%12s  function\n", "fmt.head");
    B.CreateCall(Dprintf, {B.getInt32(2), Header, B.CreateGlobalString("calls")});
    Value *Row = B.CreateGlobalString("%12llu  %s\n", "fmt.row");
    for (unsigned I = 0; I < Counted.size(); ++I) {
      Value *N = B.CreateLoad(
          I64, B.CreateConstInBoundsGEP2_64(CountsTy, Counts, 0, I));
      BasicBlock *Print = BasicBlock::Create(C, "row", Report);
      BasicBlock *Next = BasicBlock::Create(C, "next", Report);
      B.CreateCondBr(B.CreateICmpNE(N, B.getInt64(0)), Print, Next);
      B.SetInsertPoint(Print);
      StringRef Name = Counted[I]->getName().drop_front(5); // "wasm."
      B.CreateCall(Dprintf, {B.getInt32(2), Row, N,
                             B.CreateGlobalString(Name, "fn.name")});
      B.CreateBr(Next);
      B.SetInsertPoint(Next);
    }
    B.CreateBr(Exit);
    B.SetInsertPoint(Exit);
    B.CreateRetVoid();

    appendToGlobalDtors(M, Report, /*Priority=*/0);
    // proc_exit ends the process with _exit(): report first.
    if (Function *ProcExit = M.getFunction("w2n_wasi_proc_exit"))
      for (User *U : make_early_inc_range(ProcExit->users()))
        if (auto *Call = dyn_cast<CallBase>(U))
          CallInst::Create(Report->getFunctionType(), Report, "", Call);
    return PreservedAnalyses::none();
  }
};

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "WasmCallCounter", "0.1",
          [](PassBuilder &PB) {
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (Name != "wasm-call-counter")
                    return false;
                  MPM.addPass(CallCounterPass());
                  return true;
                });
            // LLVM 20 added the LTO phase to this callback.
            PB.registerOptimizerLastEPCallback(
                [](ModulePassManager &MPM, OptimizationLevel
#if LLVM_VERSION_MAJOR >= 20
                   ,
                   ThinOrFullLTOPhase
#endif
                ) { MPM.addPass(CallCounterPass()); });
          }};
}
