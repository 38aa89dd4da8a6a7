//===- IRGen.h - Translate a validated Wasm module to LLVM IR ----*- C++
//-*-===//
#ifndef WASM2NATIVE_IRGEN_IRGEN_H
#define WASM2NATIVE_IRGEN_IRGEN_H

#include "wasm2native/Reader/WasmModule.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
} // namespace llvm

namespace wasm2native {

struct IRGenOptions {
  /// Check every linear-memory access against the current memory size in
  /// the code instead of relying on the guard-page reservation.
  bool ExplicitBoundsChecks = false;
  /// Building a whole executable: exported functions need no external
  /// symbols, only the module descriptor is visible.
  bool Executable = true;
  /// Name of the w2n_module descriptor symbol the runtime looks for.
  std::string DescriptorSymbol = "wasm2native_module";
  /// Partitioned compilation of big modules: this LLVM module defines only
  /// the Wasm functions [FirstFunction, EndFunction) (indices among defined
  /// functions) and declares the others; only the partition with
  /// EmitDescriptor holds the descriptor and initialize(). Every function
  /// then has a unique hidden external symbol so partitions link together.
  bool Partitioned = false;
  uint32_t FirstFunction = 0;
  uint32_t EndFunction = UINT32_MAX;
  bool EmitDescriptor = true;
  /// Target triple and data layout for the LLVM module.
  std::string TargetTriple;
  std::string DataLayout;
};

/// Translates \p M, which must have passed validateWasmModule(), into an
/// LLVM module that defines every function, the w2n_module descriptor and
/// its initialize() function. Errors are WasmErrors (e.g. unsupported
/// instructions) with the byte offset of the instruction.
llvm::Expected<std::unique_ptr<llvm::Module>>
emitLLVMModule(const WasmModule &M, llvm::LLVMContext &Ctx,
               const IRGenOptions &Opts, llvm::StringRef ModuleID);

} // namespace wasm2native

#endif
