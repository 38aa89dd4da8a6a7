//===- ReaderUtil.h - Decoding helpers shared by reader and validator -----===//
#ifndef WASM2NATIVE_LIB_READER_READERUTIL_H
#define WASM2NATIVE_LIB_READER_READERUTIL_H

#include "wasm2native/Reader/BinaryCursor.h"
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

inline llvm::Expected<ValType> readValType(BinaryCursor &C) {
  uint64_t Start = C.offset();
  llvm::Expected<uint8_t> B = C.readU8();
  if (!B)
    return B.takeError();
  if (!isValTypeByte(*B))
    return makeWasmError(Start, "malformed value type");
  return ValType(*B);
}

inline llvm::Expected<ValType> readRefType(BinaryCursor &C) {
  uint64_t Start = C.offset();
  llvm::Expected<uint8_t> B = C.readU8();
  if (!B)
    return B.takeError();
  if (*B != uint8_t(ValType::FuncRef) && *B != uint8_t(ValType::ExternRef))
    return makeWasmError(Start, "malformed reference type");
  return ValType(*B);
}

} // namespace wasm2native

#endif
