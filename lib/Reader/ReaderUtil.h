//===- ReaderUtil.h - Decoding helpers shared by reader and validator -----===//
#ifndef WASM2NATIVE_LIB_READER_READERUTIL_H
#define WASM2NATIVE_LIB_READER_READERUTIL_H

#include "wasm2native/Reader/BinaryCursor.h"
#include "wasm2native/Reader/Features.h"
#include "wasm2native/Reader/WasmError.h"
#include "wasm2native/Reader/WasmModule.h"

namespace wasm2native {

inline bool isValTypeByte(uint8_t B) {
  switch (B) {
  case uint8_t(ValType::I32):
  case uint8_t(ValType::I64):
  case uint8_t(ValType::F32):
  case uint8_t(ValType::F64):
  case uint8_t(ValType::V128):
  case uint8_t(ValType::FuncRef):
  case uint8_t(ValType::ExternRef):
    return true;
  default:
    return false;
  }
}

/// The unimplemented proposal whose value or heap type byte \p B is, if
/// any: such a module is unsupported, not malformed.
inline std::optional<Feature> proposalOfTypeByte(uint8_t B) {
  switch (B) {
  case 0x63: // (ref null ht)
  case 0x64: // (ref ht)
    return Feature::FunctionReferences;
  case 0x69: // exnref
  case 0x74: // noexn
    return Feature::ExceptionHandling;
  case 0x6a: // array
  case 0x6b: // struct
  case 0x6c: // i31
  case 0x6d: // eq
  case 0x6e: // any
  case 0x71: // none
  case 0x72: // noextern
  case 0x73: // nofunc
    return Feature::GC;
  default:
    return std::nullopt;
  }
}

inline llvm::Error malformedType(uint64_t Offset, uint8_t B,
                                 llvm::StringRef What) {
  if (std::optional<Feature> F = proposalOfTypeByte(B))
    return makeUnsupportedFeatureError(
        Offset, featureName(*F),
        "unsupported " + What + " 0x" + llvm::Twine::utohexstr(B) + ": the " +
            featureName(*F) + " proposal is not implemented");
  return makeWasmError(Offset, "malformed " + What);
}

inline llvm::Expected<ValType> readValType(BinaryCursor &C) {
  uint64_t Start = C.offset();
  llvm::Expected<uint8_t> B = C.readU8();
  if (!B)
    return B.takeError();
  if (!isValTypeByte(*B))
    return malformedType(Start, *B, "value type");
  return ValType(*B);
}

inline llvm::Expected<ValType> readRefType(BinaryCursor &C) {
  uint64_t Start = C.offset();
  llvm::Expected<uint8_t> B = C.readU8();
  if (!B)
    return B.takeError();
  if (*B != uint8_t(ValType::FuncRef) && *B != uint8_t(ValType::ExternRef))
    return malformedType(Start, *B, "reference type");
  return ValType(*B);
}

} // namespace wasm2native

#endif
