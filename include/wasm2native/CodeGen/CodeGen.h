//===- CodeGen.h - Optimise LLVM IR and emit native code --------*- C++ -*-===//
//
// Turns the LLVM module IRGen produced into an object file, assembly,
// bitcode or textual IR for one target, running the standard new-pass-manager
// pipeline (plus any pass plugins) in between.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_CODEGEN_CODEGEN_H
#define WASM2NATIVE_CODEGEN_CODEGEN_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class Module;
class TargetMachine;
class raw_pwrite_stream;
} // namespace llvm

namespace wasm2native {

enum class OptLevel { O0, O1, O2, O3, Os, Oz };

enum class OutputKind {
  Object,   ///< ELF relocatable object
  Assembly, ///< target assembly (-S)
  Bitcode,  ///< LLVM bitcode (-emit-llvm -c)
  LLVMIR,   ///< textual LLVM IR (-emit-llvm -S)
};

struct CodeGenOptions {
  /// Target triple; empty means the host's default triple.
  std::string TargetTriple;
  /// CPU name; empty means the portable baseline of the architecture
  /// ("x86-64" on x86-64), "native" means the host CPU and its features.
  std::string CPU;
  /// Extra subtarget features ("+avx2,-sse4a"), appended after the CPU's.
  std::string Features;
  OptLevel Opt = OptLevel::O2;
  /// The module will be linked into a position-independent executable, so
  /// the code may assume its own symbols are not preemptible.
  bool PIE = false;
  /// Shared objects to load with llvm::PassPlugin (-fpass-plugin=).
  std::vector<std::string> PassPlugins;
  /// A textual new-PM pipeline (-passes=) that replaces the default
  /// pipeline of Opt; plugins' pipeline-parsing callbacks can name their
  /// passes in it.
  std::string Passes;
  /// Run no optimisation pipeline at all (IR input without -O or
  /// -passes=, as clang does for .bc); the IR is still verified.
  bool SkipOptimization = false;
};

/// Registers every target LLVM was built with. Cheap and idempotent.
void initializeLLVMTargets();

/// The triple CodeGenOptions::TargetTriple selects, normalised.
std::string resolveTargetTriple(const CodeGenOptions &Opts);

/// Creates the target machine for \p Opts: PIC relocation model, code
/// optimisation level matching Opts.Opt. Fails on an unknown triple or CPU.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const CodeGenOptions &Opts);

/// Gives \p M the triple, data layout and PIC/PIE levels of \p TM.
void configureModule(llvm::Module &M, llvm::TargetMachine &TM,
                     const CodeGenOptions &Opts);

/// Verifies \p M and runs the optimisation pipeline of Opts.Opt (or
/// Opts.Passes) on it, with the pass plugins' callbacks registered. Invalid
/// input IR is an internal error (a bug in IRGen), reported as such.
llvm::Error optimizeModule(llvm::Module &M, llvm::TargetMachine &TM,
                           const CodeGenOptions &Opts);

/// The pipeline optimizeModule() would run for \p Opts, in -passes= syntax
/// (what opt -print-pipeline-passes prints), or an error for a bad
/// Opts.Passes or plugin.
llvm::Expected<std::string> describePipeline(llvm::TargetMachine &TM,
                                             const CodeGenOptions &Opts);

/// Writes \p M to \p OS in the form \p Kind asks for.
llvm::Error emitModule(llvm::Module &M, llvm::TargetMachine &TM,
                       OutputKind Kind, llvm::raw_pwrite_stream &OS);

} // namespace wasm2native

#endif
