//===- Driver.h - The wasm2native-driver command line -----------*- C++ -*-===//
#ifndef WASM2NATIVE_DRIVER_DRIVER_H
#define WASM2NATIVE_DRIVER_DRIVER_H

#include "llvm/Support/Error.h"

namespace wasm2native {

struct WasmModule;

/// Runs `wasm2native-driver ARGS...`: parses the command line (Argv[0] is
/// the program), compiles the input module and writes the requested output,
/// linking an executable with lld unless -c, -S or -emit-llvm is given.
/// Diagnostics go to stderr. Returns the process exit code.
int driverMain(int Argc, char **Argv);

/// Checks that the runtime provides every import of \p M, as a standalone
/// executable needs: only WASI preview1 functions the runtime implements.
/// Reports each unresolved import as a WasmError at the import's offset.
llvm::Error checkImportsProvided(const WasmModule &M);

} // namespace wasm2native

#endif
