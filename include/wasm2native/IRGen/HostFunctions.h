//===- HostFunctions.h - Functions the runtime provides ---------*- C++ -*-===//
//
// The runtime implements WASI preview 1 (WASIFunctions.def). The IR
// generator binds such imports to the runtime's functions at compile time,
// and the driver checks that an executable imports nothing else.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_IRGEN_HOSTFUNCTIONS_H
#define WASM2NATIVE_IRGEN_HOSTFUNCTIONS_H

#include "wasm2native/Reader/WasmModule.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace wasm2native {

/// A runtime function, its signature spelled one letter per value type:
/// i (i32), I (i64), f (f32), F (f64).
struct HostFunction {
  llvm::StringRef Module;
  llvm::StringRef Name;
  llvm::StringRef Params;
  llvm::StringRef Results;
};

/// The runtime's function \p Module . \p Name, or nullptr.
const HostFunction *findHostFunction(llvm::StringRef Module,
                                     llvm::StringRef Name);

/// The signature letters of \p Types; '?' for types no host function takes.
std::string hostSignatureLetters(llvm::ArrayRef<ValType> Types);

/// Whether \p Host can be called with Wasm function type \p T.
bool matchesHostFunction(const HostFunction &Host, const FuncType &T);

} // namespace wasm2native

#endif
