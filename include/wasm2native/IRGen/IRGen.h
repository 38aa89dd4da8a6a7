//===- IRGen.h - Translate a validated Wasm module to LLVM IR ----*- C++
//-*-===//
#ifndef WASM2NATIVE_IRGEN_IRGEN_H
#define WASM2NATIVE_IRGEN_IRGEN_H

#include "wasm2native/Reader/Features.h"
#include "wasm2native/Reader/WasmModule.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
} // namespace llvm

namespace wasm2native {

/// How linear-memory accesses are kept in bounds and made to trap.
enum class BoundsChecks {
  /// The default: the memory's guard-page reservation catches every
  /// out-of-bounds access, and every access is a volatile load or store, so
  /// no LLVM pass deletes, narrows, merges, sinks or reorders one. Exact.
  Guard,
  /// Every access compares its end against the current memory size and
  /// branches to a trap call. Exact, and needs no large reservation.
  Explicit,
  /// Guard pages with plain loads and stores: fastest, not spec-exact
  /// (LLVM may delete, narrow or sink an access that should trap).
  Inexact,
};

struct IRGenOptions {
  /// The features the module was read and validated with (they decide how
  /// some immediates are encoded).
  FeatureSet Features = FeatureSet::defaults();
  BoundsChecks Bounds = BoundsChecks::Guard;
  /// The instance outlives a trap (objects for embedders, the spec
  /// runner): with guard pages, global and table stores are volatile too,
  /// so every store before a faulting access has happened and none after.
  /// An executable ends at a trap and needs only memory accesses ordered.
  bool ExactStateAfterTrap = false;
  /// -g: DWARF line tables mapping the native code to the wasm code: a
  /// subprogram per wasm function, and as "line" of each instruction its
  /// byte offset in the input file (so addr2line, gdb and perf name the
  /// wasm function and the offset of the instruction).
  bool DebugInfo = false;
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
