//===- DebugInfo.h - DWARF for the generated code (-g) ----------*- C++ -*-===//
//
// The debug information of one LLVM module: a subprogram per wasm function
// and a location per wasm instruction. Two kinds:
//
//  - From the module's own DWARF (custom sections .debug_info, .debug_line,
//    ... that clang -g or rustc -g wrote): each instruction's code-section
//    offset goes through the module's line table and subprogram tree, so
//    the native code carries the original source files, lines, functions
//    and inlined-function chains.
//  - Otherwise, and for functions the module's DWARF does not cover: the
//    wasm file itself, each function a subprogram named as in the name
//    section and each instruction's "line" its byte offset in the file.
//
// Variables are not translated: the wasm DWARF locates them in wasm locals
// and the operand stack (DW_OP_WASM_location), which have no fixed native
// home once LLVM has allocated registers.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_LIB_IRGEN_DEBUGINFO_H
#define WASM2NATIVE_LIB_IRGEN_DEBUGINFO_H

#include "wasm2native/IRGen/IRGen.h"
#include "llvm/IR/DIBuilder.h"
#include <memory>

namespace wasm2native {

class ModuleEmitter;

class DebugInfo {
public:
  /// Creates the compile unit(s) and attaches a subprogram to every defined
  /// function [Opts.FirstFunction, Opts.EndFunction) of \p ME.
  static std::unique_ptr<DebugInfo> create(ModuleEmitter &ME);
  virtual ~DebugInfo();

  /// The subprogram of defined function \p Index, or null.
  virtual llvm::DISubprogram *subprogram(uint32_t Index) const = 0;
  /// The location of the instruction at file offset \p Offset of defined
  /// function \p Index (its subprogram's scope, or a chain of inlined
  /// functions ending in it).
  virtual llvm::DILocation *location(uint32_t Index, uint64_t Offset) = 0;
  /// The builder of the module's compile unit, for subprograms made later.
  virtual llvm::DIBuilder &builder() = 0;
  /// Completes the metadata; call once, after the last location.
  virtual void finalize() = 0;
};

} // namespace wasm2native

#endif
