//===- WasmError.cpp - Errors tied to a byte offset -----------------------===//

#include "wasm2native/Reader/WasmError.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace wasm2native {

char WasmError::ID = 0;
char UnsupportedFeatureError::ID = 0;

void WasmError::log(raw_ostream &OS) const {
  OS << "0x";
  OS.write_hex(Offset);
  OS << ": " << Msg;
}

std::error_code WasmError::convertToErrorCode() const {
  return std::make_error_code(std::errc::invalid_argument);
}

void reportError(raw_ostream &OS, StringRef File, Error E) {
  handleAllErrors(
      std::move(E),
      [&](const WasmError &WE) {
        OS << File << ":0x";
        OS.write_hex(WE.offset());
        OS << ": error: " << WE.message() << '\n';
      },
      [&](const ErrorInfoBase &EI) {
        OS << File << ": error: " << EI.message() << '\n';
      });
}

} // namespace wasm2native
