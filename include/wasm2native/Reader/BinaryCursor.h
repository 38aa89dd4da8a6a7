//===- BinaryCursor.h - Bounds-checked reads of Wasm binary data -*- C++
//-*-===//
//
// Every read checks the end of the input and LEB128 limits and fails with a
// WasmError carrying the byte offset, so no caller can read out of bounds.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_READER_BINARYCURSOR_H
#define WASM2NATIVE_READER_BINARYCURSOR_H

#include "wasm2native/Reader/WasmError.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>

namespace wasm2native {

class BinaryCursor {
public:
  /// \p BaseOffset is the file offset of Data.front(), used in diagnostics.
  BinaryCursor(llvm::ArrayRef<uint8_t> Data, uint64_t BaseOffset = 0)
      : Data(Data), BaseOffset(BaseOffset) {}

  uint64_t offset() const { return BaseOffset + Pos; }
  size_t position() const { return Pos; }
  bool atEnd() const { return Pos >= Data.size(); }
  size_t remaining() const { return Data.size() - Pos; }
  llvm::ArrayRef<uint8_t> data() const { return Data; }

  llvm::Expected<uint8_t> readU8();
  llvm::Expected<uint32_t> readVarU32();
  llvm::Expected<uint64_t> readVarU64();
  llvm::Expected<int32_t> readVarS32();
  llvm::Expected<int64_t> readVarS64();
  /// A signed 33-bit LEB128 (block types).
  llvm::Expected<int64_t> readVarS33();
  llvm::Expected<uint32_t> readFixedU32(); // little-endian (f32 bits)
  llvm::Expected<uint64_t> readFixedU64(); // little-endian (f64 bits)
  llvm::Expected<llvm::ArrayRef<uint8_t>> readBytes(size_t N);
  /// A length-prefixed UTF-8 name (validated).
  llvm::Expected<llvm::StringRef> readName();
  /// One opcode including its prefix and LEB128 sub-opcode.
  llvm::Expected<uint32_t> readOpcode();

  /// An error at the current offset.
  llvm::Error error(const llvm::Twine &Msg) const {
    return makeWasmError(offset(), Msg);
  }

  /// Marks this cursor as covering one section or function body, so running
  /// out of bytes reads "unexpected end of section or function" as in the
  /// spec's diagnostics rather than plain "unexpected end".
  void setBounded(bool B = true) { Bounded = B; }
  /// The error for reading past the end of the data.
  llvm::Error endError() const {
    return error(Bounded ? "unexpected end of section or function"
                         : "unexpected end");
  }

private:
  llvm::ArrayRef<uint8_t> Data;
  uint64_t BaseOffset;
  size_t Pos = 0;
  bool Bounded = false;
};

} // namespace wasm2native

#endif
