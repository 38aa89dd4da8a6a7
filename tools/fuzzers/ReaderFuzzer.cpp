//===- ReaderFuzzer.cpp - libFuzzer target: reader and validator ----------===//
//
// Decodes and validates arbitrary bytes. Any input must end in a module or
// a WasmError; a crash, sanitizer report, leak or hang is a bug.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/Reader/BinaryReader.h"
#include "wasm2native/Reader/WasmError.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace llvm;
using namespace wasm2native;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto WM = readWasmModule(std::vector<uint8_t>(Data, Data + Size));
  Error E = WM ? validateWasmModule(**WM) : WM.takeError();
  // Render the error as the driver does, so its formatting runs too.
  if (E) {
    std::string Text;
    raw_string_ostream OS(Text);
    reportError(OS, "fuzz.wasm", std::move(E));
  }
  return 0;
}
