//===- RuntimeJIT.h - An ORC JIT for modules run in this process -*- C++ -*-===//
//
// The spec runner and the differential tester compile modules in process and
// run them against the runtime linked into the tool: one place lists the
// runtime entry points generated code calls.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_TOOLS_COMMON_RUNTIMEJIT_H
#define WASM2NATIVE_TOOLS_COMMON_RUNTIMEJIT_H

#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/Support/Error.h"
#include <memory>

namespace wasm2native {

/// An LLJIT whose main dylib resolves the runtime's entry points to this
/// process's runtime, and everything else (libc, libm) from the process.
llvm::Expected<std::unique_ptr<llvm::orc::LLJIT>> createRuntimeJIT();

} // namespace wasm2native

#endif
