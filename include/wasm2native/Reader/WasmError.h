//===- WasmError.h - Errors tied to a byte offset ----------------*- C++ -*-===//
#ifndef WASM2NATIVE_READER_WASMERROR_H
#define WASM2NATIVE_READER_WASMERROR_H

#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include <string>

namespace wasm2native {

/// A problem in the input module at a byte offset. The driver renders it
/// clang-style as `FILE:0xOFFSET: error: MESSAGE`.
class WasmError : public llvm::ErrorInfo<WasmError> {
public:
  static char ID;
  WasmError(uint64_t Offset, const llvm::Twine &Msg)
      : Offset(Offset), Msg(Msg.str()) {}

  uint64_t offset() const { return Offset; }
  std::string message() const override { return Msg; }

  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

private:
  uint64_t Offset;
  std::string Msg;
};

inline llvm::Error makeWasmError(uint64_t Offset, const llvm::Twine &Msg) {
  return llvm::make_error<WasmError>(Offset, Msg);
}

/// A module that uses a WebAssembly proposal wasm2native does not implement
/// (GC, threads, ...): not wrong, just unsupported. The spec runner counts
/// such modules as skipped under the feature's standard name.
class UnsupportedFeatureError
    : public llvm::ErrorInfo<UnsupportedFeatureError, WasmError> {
public:
  static char ID;
  UnsupportedFeatureError(uint64_t Offset, llvm::StringRef Feature,
                          const llvm::Twine &Msg)
      : ErrorInfo(Offset, Msg), Feature(Feature.str()) {}
  llvm::StringRef feature() const { return Feature; }

private:
  std::string Feature;
};

inline llvm::Error makeUnsupportedFeatureError(uint64_t Offset,
                                               llvm::StringRef Feature,
                                               const llvm::Twine &Msg) {
  return llvm::make_error<UnsupportedFeatureError>(Offset, Feature, Msg);
}

/// Renders \p E as `File:0xOFF: error: msg` lines (non-WasmErrors as
/// `File: error: msg`) and consumes it.
void reportError(llvm::raw_ostream &OS, llvm::StringRef File, llvm::Error E);

} // namespace wasm2native

#endif
