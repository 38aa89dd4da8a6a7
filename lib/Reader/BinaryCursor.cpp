//===- BinaryCursor.cpp - Bounds-checked reads of Wasm binary data --------===//
//
// LEB128 limits follow the binary format exactly: an N-bit integer takes at
// most ceil(N/7) bytes, and the bits of the last byte beyond N must be zero
// (unsigned) or copies of the sign bit (signed).
//
//===----------------------------------------------------------------------===//

#include "wasm2native/Reader/BinaryCursor.h"
#include "wasm2native/Reader/Opcodes.h"

using namespace llvm;

namespace wasm2native {

Expected<uint8_t> BinaryCursor::readU8() {
  if (Pos >= Data.size())
    return endError();
  return Data[Pos++];
}

/// Reads an unsigned LEB128 of \p Bits bits. The last byte may only use the
/// bits that still fit.
static Expected<uint64_t> readULEB(BinaryCursor &C, ArrayRef<uint8_t> Data,
                                   size_t &Pos, unsigned Bits) {
  unsigned MaxBytes = (Bits + 6) / 7;
  uint64_t Result = 0;
  size_t Start = Pos;
  for (unsigned I = 0;; ++I) {
    if (Pos >= Data.size())
      return C.endError();
    uint8_t B = Data[Pos++];
    unsigned Shift = I * 7;
    if (I == MaxBytes - 1) {
      if (B & 0x80)
        return makeWasmError(C.offset() - (Pos - Start),
                             "integer representation too long");
      unsigned Used = Bits - Shift;
      if (B >> Used)
        return makeWasmError(C.offset() - (Pos - Start), "integer too large");
      return Result | (uint64_t(B) << Shift);
    }
    Result |= uint64_t(B & 0x7f) << Shift;
    if (!(B & 0x80))
      return Result;
  }
}

/// Reads a signed LEB128 of \p Bits bits; unused bits of the last byte must
/// equal the sign bit.
static Expected<int64_t> readSLEB(BinaryCursor &C, ArrayRef<uint8_t> Data,
                                  size_t &Pos, unsigned Bits) {
  unsigned MaxBytes = (Bits + 6) / 7;
  uint64_t Result = 0;
  size_t Start = Pos;
  for (unsigned I = 0;; ++I) {
    if (Pos >= Data.size())
      return C.endError();
    uint8_t B = Data[Pos++];
    unsigned Shift = I * 7;
    if (I == MaxBytes - 1) {
      if (B & 0x80)
        return makeWasmError(C.offset() - (Pos - Start),
                             "integer representation too long");
      // Bits [Used-1, 6] of B hold the sign bit and its extension.
      unsigned Used = Bits - Shift;
      uint8_t Mask = uint8_t(0x7f >> (Used - 1)) << (Used - 1);
      uint8_t Top = B & Mask;
      if (Top != 0 && Top != Mask)
        return makeWasmError(C.offset() - (Pos - Start), "integer too large");
      Result |= uint64_t(B & 0x7f) << Shift;
      Shift += 7;
      if (Shift < 64 && (B & 0x40))
        Result |= ~uint64_t(0) << Shift;
      return int64_t(Result);
    }
    Result |= uint64_t(B & 0x7f) << Shift;
    if (!(B & 0x80)) {
      Shift += 7;
      if (B & 0x40)
        Result |= ~uint64_t(0) << Shift;
      return int64_t(Result);
    }
  }
}

Expected<uint32_t> BinaryCursor::readVarU32() {
  Expected<uint64_t> V = readULEB(*this, Data, Pos, 32);
  if (!V)
    return V.takeError();
  return uint32_t(*V);
}

Expected<uint64_t> BinaryCursor::readVarU64() {
  return readULEB(*this, Data, Pos, 64);
}

Expected<int32_t> BinaryCursor::readVarS32() {
  Expected<int64_t> V = readSLEB(*this, Data, Pos, 32);
  if (!V)
    return V.takeError();
  return int32_t(*V);
}

Expected<int64_t> BinaryCursor::readVarS33() {
  return readSLEB(*this, Data, Pos, 33);
}

Expected<int64_t> BinaryCursor::readVarS64() {
  return readSLEB(*this, Data, Pos, 64);
}

Expected<uint32_t> BinaryCursor::readFixedU32() {
  if (remaining() < 4)
    return endError();
  uint32_t V = 0;
  for (unsigned I = 0; I < 4; ++I)
    V |= uint32_t(Data[Pos + I]) << (8 * I);
  Pos += 4;
  return V;
}

Expected<uint64_t> BinaryCursor::readFixedU64() {
  if (remaining() < 8)
    return endError();
  uint64_t V = 0;
  for (unsigned I = 0; I < 8; ++I)
    V |= uint64_t(Data[Pos + I]) << (8 * I);
  Pos += 8;
  return V;
}

Expected<ArrayRef<uint8_t>> BinaryCursor::readBytes(size_t N) {
  if (remaining() < N)
    return endError();
  ArrayRef<uint8_t> R = Data.slice(Pos, N);
  Pos += N;
  return R;
}

/// Strict UTF-8 as Unicode defines it: shortest form, no surrogates, no
/// code points above U+10FFFF.
static bool isValidUTF8(ArrayRef<uint8_t> S) {
  size_t I = 0, N = S.size();
  while (I < N) {
    uint8_t B = S[I];
    if (B < 0x80) {
      ++I;
      continue;
    }
    unsigned Len;
    uint8_t Lo = 0x80, Hi = 0xbf; // range of the second byte
    if (B >= 0xc2 && B <= 0xdf) {
      Len = 2;
    } else if (B >= 0xe0 && B <= 0xef) {
      Len = 3;
      if (B == 0xe0)
        Lo = 0xa0; // overlong
      else if (B == 0xed)
        Hi = 0x9f; // surrogates
    } else if (B >= 0xf0 && B <= 0xf4) {
      Len = 4;
      if (B == 0xf0)
        Lo = 0x90; // overlong
      else if (B == 0xf4)
        Hi = 0x8f; // above U+10FFFF
    } else {
      return false;
    }
    if (N - I < Len)
      return false;
    if (S[I + 1] < Lo || S[I + 1] > Hi)
      return false;
    for (unsigned J = 2; J < Len; ++J)
      if ((S[I + J] & 0xc0) != 0x80)
        return false;
    I += Len;
  }
  return true;
}

Expected<StringRef> BinaryCursor::readName() {
  uint64_t Start = offset();
  Expected<uint32_t> Len = readVarU32();
  if (!Len)
    return Len.takeError();
  if (*Len > remaining())
    return makeWasmError(Start, "length out of bounds");
  ArrayRef<uint8_t> Bytes = Data.slice(Pos, *Len);
  if (!isValidUTF8(Bytes))
    return makeWasmError(Start, "malformed UTF-8 encoding");
  Pos += *Len;
  return StringRef(reinterpret_cast<const char *>(Bytes.data()), Bytes.size());
}

Expected<uint32_t> BinaryCursor::readOpcode() {
  uint64_t Start = offset();
  Expected<uint8_t> B = readU8();
  if (!B)
    return B.takeError();
  // 0xfb (GC) and 0xfe (threads) are prefixes too, so that their
  // instructions are named in diagnostics.
  if (*B != 0xfb && *B != MiscPrefix && *B != SimdPrefix && *B != 0xfe)
    return *B;
  Expected<uint32_t> Sub = readVarU32();
  if (!Sub)
    return Sub.takeError();
  // Opcode packs the sub-opcode into 16 bits; none is that large.
  if (*Sub > 0xffff)
    return makeWasmError(Start, "illegal opcode");
  return (uint32_t(*B) << 16) | *Sub;
}

} // namespace wasm2native
