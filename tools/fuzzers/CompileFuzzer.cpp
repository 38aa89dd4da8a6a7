//===- CompileFuzzer.cpp - libFuzzer target: the whole compiler -----------===//
//
// Reader, validator, IRGen, the LLVM verifier, the optimiser and machine
// code generation to an object in memory. A valid module must compile (a
// WasmError from IRGen, e.g. an unsupported feature, is acceptable); IR
// the verifier rejects is a bug and aborts.
//
// The options come from a hash of the input, so one corpus covers every
// optimisation level, bounds-check mode and output kind; the level is
// capped for big inputs to keep each run short.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/CodeGen/CodeGen.h"
#include "wasm2native/IRGen/IRGen.h"
#include "wasm2native/Reader/BinaryReader.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <cstdlib>
#include <map>
#include <memory>

using namespace llvm;
using namespace wasm2native;

/// Inputs above this are skipped: compile time grows with the code, and
/// the reader target covers big inputs.
static constexpr size_t MaxInputSize = 64 << 10;
/// Above this only -O0 runs.
static constexpr size_t MaxOptimizedSize = 16 << 10;

static TargetMachine &targetMachine(OptLevel L) {
  // One per level (the level is fixed at creation); created lazily.
  static std::map<OptLevel, std::unique_ptr<TargetMachine>> TMs;
  std::unique_ptr<TargetMachine> &TM = TMs[L];
  if (!TM) {
    CodeGenOptions Opts;
    Opts.Opt = L;
    auto Created = createTargetMachine(Opts);
    if (!Created) {
      errs() << toString(Created.takeError()) << "\n";
      abort();
    }
    TM = std::move(*Created);
  }
  return *TM;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  initializeLLVMTargets();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size > MaxInputSize)
    return -1; // Not added to the corpus.
  auto WM = readWasmModule(std::vector<uint8_t>(Data, Data + Size));
  if (!WM) {
    consumeError(WM.takeError());
    return 0;
  }
  if (Error E = validateWasmModule(**WM)) {
    consumeError(std::move(E));
    return 0;
  }

  // FNV-1a of the input picks the options.
  uint32_t H = 2166136261u;
  for (size_t I = 0; I < Size; ++I)
    H = (H ^ Data[I]) * 16777619u;
  static const OptLevel Levels[] = {OptLevel::O0, OptLevel::O1, OptLevel::O2,
                                    OptLevel::O0};
  CodeGenOptions CGOpts;
  CGOpts.Opt = Size > MaxOptimizedSize ? OptLevel::O0 : Levels[H & 3];
  static const BoundsChecks Bounds[] = {
      BoundsChecks::Guard, BoundsChecks::Explicit, BoundsChecks::Inexact};
  IRGenOptions IROpts;
  IROpts.Bounds = Bounds[(H >> 2) % 3];
  IROpts.Executable = (H >> 4) & 1;
  IROpts.ExactStateAfterTrap = !IROpts.Executable;
  CGOpts.PIE = IROpts.Executable;

  TargetMachine &TM = targetMachine(CGOpts.Opt);
  IROpts.TargetTriple = TM.getTargetTriple().str();
  IROpts.DataLayout = TM.createDataLayout().getStringRepresentation();

  LLVMContext Ctx;
  auto LM = emitLLVMModule(**WM, Ctx, IROpts, "fuzz.wasm");
  if (!LM) {
    consumeError(LM.takeError());
    return 0;
  }
  Module &M = **LM;
  configureModule(M, TM, CGOpts);
  if (verifyModule(M, &errs())) {
    errs() << "IRGen produced invalid IR\n";
    abort();
  }
  if (Error E = optimizeModule(M, TM, CGOpts)) {
    errs() << toString(std::move(E)) << "\n";
    abort();
  }
  if (verifyModule(M, &errs())) {
    errs() << "invalid IR after optimisation\n";
    abort();
  }
  SmallVector<char, 0> Obj;
  raw_svector_ostream OS(Obj);
  if (Error E = emitModule(M, TM, OutputKind::Object, OS)) {
    errs() << toString(std::move(E)) << "\n";
    abort();
  }
  return 0;
}
