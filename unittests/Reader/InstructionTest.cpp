//===- InstructionTest.cpp - The instruction table and the decoder -------===//

#include "wasm2native/Reader/Instruction.h"
#include "wasm2native/Reader/WasmError.h"
#include "gtest/gtest.h"

using namespace llvm;
using namespace wasm2native;

namespace {

TEST(InstructionTest, TableEntriesAreConsistent) {
  unsigned Count = 0;
#define WASM_OPCODE(Name, Prefix, Code, Txt, Imm, Sig, Fam, Feat, Bytes,      \
                    Shape)                                                     \
  {                                                                            \
    const OpcodeInfo *Info = lookupOpcode(opcodeValue(Prefix, Code));          \
    ASSERT_NE(Info, nullptr) << Txt;                                          \
    EXPECT_EQ(Info->Text, Txt);                                               \
    EXPECT_EQ(Info->Family, OpFamily::Fam) << Txt;                         \
    EXPECT_EQ(uint32_t(Fam##Op::Name), uint32_t(Opcode::Name)) << Txt;     \
    /* Memory accesses name their natural size; nothing else does. */        \
    bool IsAccess =                                                            \
        ImmKind::Imm == ImmKind::MemArg || ImmKind::Imm == ImmKind::MemArgLane; \
    EXPECT_EQ(IsAccess, Bytes != 0) << Txt;                                   \
    ++Count;                                                                   \
  }
#include "wasm2native/Reader/Opcodes.def"
  EXPECT_GE(Count, 437u);
  EXPECT_EQ(lookupOpcode(0xfd009a), nullptr); // a hole in the SIMD space
}

/// Decodes \p Bytes (one instruction) with \p F.
static Expected<WasmInstr> decode(ArrayRef<uint8_t> Bytes,
                                  FeatureSet F = FeatureSet::defaults()) {
  BinaryCursor C(Bytes);
  WasmInstr I;
  if (Error E = decodeInstruction(C, F, I))
    return std::move(E);
  EXPECT_TRUE(C.atEnd());
  return I;
}

TEST(InstructionTest, DecodesTypedImmediates) {
  // br_table 2 0 1 (default 1)
  Expected<WasmInstr> BrTable = decode({0x0e, 0x02, 0x00, 0x01, 0x01});
  ASSERT_TRUE(bool(BrTable));
  EXPECT_EQ(BrTable->Op, Opcode::BrTable);
  EXPECT_EQ(BrTable->Targets, (SmallVector<uint32_t, 8>{0, 1, 1}));
  // i32.load16_s align=1 offset=300
  Expected<WasmInstr> Load = decode({0x2e, 0x01, 0xac, 0x02});
  ASSERT_TRUE(bool(Load));
  EXPECT_EQ(Load->Mem.AlignLog2, 1u);
  EXPECT_EQ(Load->Mem.Offset, 300u);
  EXPECT_EQ(Load->Info->AccessBytes, 2u);
  // i32.const -1
  Expected<WasmInstr> Const = decode({0x41, 0x7f});
  ASSERT_TRUE(bool(Const));
  EXPECT_EQ(Const->Bits, 0xffffffffu);
  // i16x8.extract_lane_u 7
  Expected<WasmInstr> Lane = decode({0xfd, 0x19, 0x07});
  ASSERT_TRUE(bool(Lane));
  EXPECT_EQ(Lane->Lane, 7u);
  EXPECT_EQ(Lane->Info->Shape, LaneShape::I16x8);
}

TEST(InstructionTest, FeaturesGateOpcodes) {
  FeatureSet NoSIMD = FeatureSet::defaults();
  NoSIMD.set(Feature::SIMD, false);
  Expected<WasmInstr> I = decode({0xfd, 0x0f}, NoSIMD); // i8x16.splat
  ASSERT_FALSE(bool(I));
  EXPECT_EQ(toString(I.takeError()), "illegal opcode 0xfd000f");
  // atomic.fence: threads are not implemented, which the error says.
  Expected<WasmInstr> Fence = decode({0xfe, 0x03, 0x00});
  ASSERT_FALSE(bool(Fence));
  bool Unsupported = false;
  handleAllErrors(Fence.takeError(), [&](const UnsupportedFeatureError &E) {
    Unsupported = E.feature() == "threads";
  });
  EXPECT_TRUE(Unsupported);
}

TEST(InstructionTest, FeatureOptions) {
  FeatureSet S = FeatureSet::defaults();
  EXPECT_FALSE(bool(applyFeatureOption(S, "simd", false)));
  EXPECT_FALSE(S.has(Feature::SIMD));
  EXPECT_FALSE(bool(applyFeatureOption(S, "all", true)));
  EXPECT_TRUE(S.has(Feature::SIMD));
  Error E = applyFeatureOption(S, "gc", true);
  EXPECT_TRUE(bool(E));
  consumeError(std::move(E));
  EXPECT_FALSE(S.has(Feature::GC));
  EXPECT_EQ(featureName(Feature::TailCall), "tail-call");
}

} // namespace
