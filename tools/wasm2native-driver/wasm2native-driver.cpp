//===- wasm2native-driver.cpp - Compile WebAssembly to native code --------===//
#include "wasm2native/Driver/Driver.h"
#include "llvm/Support/InitLLVM.h"

int main(int Argc, char **Argv) {
  // Stack traces on crashes and UTF-8 argv on every host.
  llvm::InitLLVM X(Argc, Argv);
  return wasm2native::driverMain(Argc, Argv);
}
