//===- BinaryCursorTest.cpp - LEB128, UTF-8 and bounds checks -------------===//

#include "wasm2native/Reader/BinaryCursor.h"
#include "wasm2native/Reader/Opcodes.h"
#include "gtest/gtest.h"
#include <vector>

using namespace llvm;
using namespace wasm2native;

namespace {

/// The message of a WasmError, or "" (and a test failure) for success.
template <typename T> std::string errorOf(Expected<T> V) {
  if (V) {
    ADD_FAILURE() << "expected an error";
    return "";
  }
  return toString(V.takeError());
}

template <typename T> T valueOf(Expected<T> V) {
  if (!V) {
    ADD_FAILURE() << toString(V.takeError());
    return T();
  }
  return *V;
}

TEST(BinaryCursorTest, VarU32) {
  std::vector<uint8_t> Max = {0xff, 0xff, 0xff, 0xff, 0x0f};
  EXPECT_EQ(valueOf(BinaryCursor(Max).readVarU32()), 0xffffffffu);

  // Padded with redundant continuation bytes, still within 5 bytes.
  std::vector<uint8_t> Padded = {0x83, 0x80, 0x80, 0x80, 0x00};
  BinaryCursor C(Padded);
  EXPECT_EQ(valueOf(C.readVarU32()), 3u);
  EXPECT_TRUE(C.atEnd());

  std::vector<uint8_t> TooLarge = {0xff, 0xff, 0xff, 0xff, 0x1f};
  EXPECT_NE(
      errorOf(BinaryCursor(TooLarge).readVarU32()).find("integer too large"),
      std::string::npos);

  std::vector<uint8_t> TooLong = {0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  EXPECT_NE(errorOf(BinaryCursor(TooLong).readVarU32())
                .find("integer representation too long"),
            std::string::npos);

  std::vector<uint8_t> Truncated = {0x80, 0x80};
  EXPECT_NE(
      errorOf(BinaryCursor(Truncated).readVarU32()).find("unexpected end"),
      std::string::npos);
}

TEST(BinaryCursorTest, VarS32) {
  std::vector<uint8_t> MinusOne = {0x7f};
  EXPECT_EQ(valueOf(BinaryCursor(MinusOne).readVarS32()), -1);
  std::vector<uint8_t> MinusOneLong = {0xff, 0xff, 0xff, 0xff, 0x7f};
  EXPECT_EQ(valueOf(BinaryCursor(MinusOneLong).readVarS32()), -1);
  std::vector<uint8_t> Min = {0x80, 0x80, 0x80, 0x80, 0x78};
  EXPECT_EQ(valueOf(BinaryCursor(Min).readVarS32()), INT32_MIN);
  std::vector<uint8_t> Max = {0xff, 0xff, 0xff, 0xff, 0x07};
  EXPECT_EQ(valueOf(BinaryCursor(Max).readVarS32()), INT32_MAX);

  // Unused bits of the last byte must repeat the sign bit (bit 3).
  for (uint8_t Last : {0x0f, 0x70, 0x17, 0x48}) {
    std::vector<uint8_t> Bad = {0xff, 0xff, 0xff, 0xff, Last};
    EXPECT_NE(errorOf(BinaryCursor(Bad).readVarS32()).find("integer too large"),
              std::string::npos)
        << "last byte " << int(Last);
  }
}

TEST(BinaryCursorTest, VarS33AndS64) {
  std::vector<uint8_t> BlockEmpty = {0x40};
  EXPECT_EQ(valueOf(BinaryCursor(BlockEmpty).readVarS33()), -64);
  std::vector<uint8_t> U32Max = {0xff, 0xff, 0xff, 0xff, 0x0f};
  EXPECT_EQ(valueOf(BinaryCursor(U32Max).readVarS33()), 0xffffffffLL);
  std::vector<uint8_t> BadS33 = {0xff, 0xff, 0xff, 0xff, 0x1f};
  EXPECT_NE(errorOf(BinaryCursor(BadS33).readVarS33()).find("too large"),
            std::string::npos);

  std::vector<uint8_t> Min64 = {0x80, 0x80, 0x80, 0x80, 0x80,
                                0x80, 0x80, 0x80, 0x80, 0x7f};
  EXPECT_EQ(valueOf(BinaryCursor(Min64).readVarS64()), INT64_MIN);
  std::vector<uint8_t> Max64 = {0xff, 0xff, 0xff, 0xff, 0xff,
                                0xff, 0xff, 0xff, 0xff, 0x00};
  EXPECT_EQ(valueOf(BinaryCursor(Max64).readVarS64()), INT64_MAX);
  std::vector<uint8_t> Bad64 = {0x80, 0x80, 0x80, 0x80, 0x80,
                                0x80, 0x80, 0x80, 0x80, 0x01};
  EXPECT_NE(errorOf(BinaryCursor(Bad64).readVarS64()).find("too large"),
            std::string::npos);
  std::vector<uint8_t> Long64 = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                                 0x80, 0x80, 0x80, 0x80, 0x00};
  EXPECT_NE(errorOf(BinaryCursor(Long64).readVarS64()).find("too long"),
            std::string::npos);
}

TEST(BinaryCursorTest, FixedAndBytes) {
  std::vector<uint8_t> Bytes = {0x00, 0x00, 0x80, 0x3f, 0xaa};
  BinaryCursor C(Bytes);
  EXPECT_EQ(valueOf(C.readFixedU32()), 0x3f800000u);
  EXPECT_EQ(C.remaining(), 1u);
  EXPECT_NE(errorOf(C.readFixedU64()).find("unexpected end"),
            std::string::npos);
  EXPECT_NE(errorOf(C.readBytes(2)).find("unexpected end"), std::string::npos);
  EXPECT_EQ(valueOf(C.readBytes(1)).front(), 0xaa);
}

TEST(BinaryCursorTest, Names) {
  std::vector<uint8_t> Ok = {0x06, 'h', 0xc3, 0xa9, 'l', 'l', 'o'};
  EXPECT_EQ(valueOf(BinaryCursor(Ok).readName()), "h\xc3\xa9llo");

  std::vector<std::vector<uint8_t>> Bad = {
      {0x02, 0xc0, 0x80},             // overlong NUL
      {0x03, 0xed, 0xa0, 0x80},       // surrogate U+D800
      {0x04, 0xf4, 0x90, 0x80, 0x80}, // above U+10FFFF
      {0x01, 0x80},                   // stray continuation byte
      {0x02, 0xe2, 0x82},             // truncated sequence
  };
  for (const auto &B : Bad)
    EXPECT_NE(errorOf(BinaryCursor(B).readName()).find("malformed UTF-8"),
              std::string::npos);

  std::vector<uint8_t> Short = {0x05, 'a'};
  EXPECT_NE(
      errorOf(BinaryCursor(Short).readName()).find("length out of bounds"),
      std::string::npos);
}

TEST(BinaryCursorTest, OpcodesAndOffsets) {
  std::vector<uint8_t> Code = {0x6a, 0xfc, 0x0a, 0xfd, 0x80, 0x01, 0xfd};
  BinaryCursor C(Code, 0x100);
  EXPECT_EQ(valueOf(C.readOpcode()), uint32_t(Opcode::I32Add));
  EXPECT_EQ(valueOf(C.readOpcode()), uint32_t(Opcode::MemoryCopy));
  EXPECT_EQ(valueOf(C.readOpcode()), uint32_t(Opcode::I16x8Abs));
  EXPECT_EQ(opcodeName(Opcode::I16x8Abs), "i16x8.abs");
  EXPECT_FALSE(isKnownOpcode(0xfd009a));
  EXPECT_EQ(C.offset(), 0x106u);

  // Errors carry the file offset.
  Expected<uint32_t> Trunc = C.readOpcode();
  ASSERT_FALSE(Trunc);
  handleAllErrors(Trunc.takeError(), [](const WasmError &E) {
    EXPECT_EQ(E.offset(), 0x107u);
    EXPECT_EQ(E.message(), "unexpected end");
  });

  BinaryCursor Bounded(ArrayRef<uint8_t>(), 0x20);
  Bounded.setBounded();
  EXPECT_EQ(errorOf(Bounded.readU8()), "unexpected end of section or function");
}

} // namespace
