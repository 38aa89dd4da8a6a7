//===- EmitSIMD.cpp - Fixed-width SIMD (0xFD) instructions ----------------===//
//
// Every v128 on the operand stack is a <2 x i64>. Each instruction bitcasts
// its operands to the lane shape it works on, computes with ordinary LLVM
// vector IR (so the backend picks SSE/AVX instructions), and bitcasts the
// result back to <2 x i64>.
//
// As in EmitNumeric.cpp, nothing uses fast-math flags, and each lowering is
// exact for every input: shift counts are masked, saturating and
// out-of-range cases are spelled out with intrinsics that define them.
//
// Relaxed SIMD lets an engine pick among several results. wasm2native picks
// the same one on every target and at every -O level, so a program's output
// does not depend on where it was compiled: the result of the corresponding
// deterministic instruction (relaxed_swizzle is swizzle, relaxed_trunc is
// trunc_sat, relaxed_laneselect is bitselect, relaxed_min/max are min/max,
// relaxed_q15mulr_s is q15mulr_sat_s), madd/nmadd round twice (no fusion),
// and the i7 dot products treat the second operand as signed and wrap the
// 16-bit pair sums.
//
//===----------------------------------------------------------------------===//
#include "FunctionEmitter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"

using namespace llvm;
using namespace wasm2native;

/// The lane shape of an instruction (Opcodes.def's Shape column) as a
/// vector type, or null for the shape-less v128.* instructions. For
/// conversions this is the shape of the result.
static FixedVectorType *shapeOf(const WasmInstr &I, LLVMContext &C) {
  switch (I.Info->Shape) {
  case LaneShape::None:
    return nullptr;
  case LaneShape::I8x16:
    return FixedVectorType::get(Type::getInt8Ty(C), 16);
  case LaneShape::I16x8:
    return FixedVectorType::get(Type::getInt16Ty(C), 8);
  case LaneShape::I32x4:
    return FixedVectorType::get(Type::getInt32Ty(C), 4);
  case LaneShape::I64x2:
    return FixedVectorType::get(Type::getInt64Ty(C), 2);
  case LaneShape::F32x4:
    return FixedVectorType::get(Type::getFloatTy(C), 4);
  case LaneShape::F64x2:
    return FixedVectorType::get(Type::getDoubleTy(C), 2);
  }
  llvm_unreachable("covered switch");
}

/// The integer shape with lanes half as wide and twice as many
/// (<8 x i16> gives <16 x i8>): the source of extends and extmuls.
static FixedVectorType *halfLanes(FixedVectorType *Ty) {
  unsigned Bits = Ty->getScalarSizeInBits();
  return FixedVectorType::get(IntegerType::get(Ty->getContext(), Bits / 2),
                              Ty->getNumElements() * 2);
}

/// The integer shape with lanes twice as wide and the same lane count.
static FixedVectorType *wideLanes(FixedVectorType *Ty) {
  unsigned Bits = Ty->getScalarSizeInBits();
  return FixedVectorType::get(IntegerType::get(Ty->getContext(), Bits * 2),
                              Ty->getNumElements());
}

/// Shuffle mask selecting lanes Start, Start+Step, ... (Count of them).
static SmallVector<int, 16> laneRange(unsigned Start, unsigned Count,
                                      unsigned Step = 1) {
  SmallVector<int, 16> Mask;
  for (unsigned I = 0; I < Count; ++I)
    Mask.push_back(Start + I * Step);
  return Mask;
}

void FunctionEmitter::emitSIMD(SIMDOp Op, const WasmInstr &I) {
  LLVMContext &Ctx = context();
  Type *I8 = i8(), *I16 = B.getInt16Ty(), *I32 = i32(), *I64 = i64(),
       *F32 = f32(), *F64 = f64();
  auto *V16I8 = FixedVectorType::get(I8, 16);
  auto *V8I16 = FixedVectorType::get(I16, 8);
  auto *V4I32 = FixedVectorType::get(I32, 4);
  auto *V2I64 = FixedVectorType::get(I64, 2);
  auto *V4F32 = FixedVectorType::get(F32, 4);
  auto *V2F64 = FixedVectorType::get(F64, 2);
  FixedVectorType *Ty = shapeOf(I, Ctx);

  // ---- Operand-stack plumbing -------------------------------------------
  auto PopAs = [&](Type *T) { return B.CreateBitCast(pop(), T); };
  auto PushV = [&](Value *V) {
    push(B.CreateBitCast(V, V2I64));
    return;
  };
  auto Unary = [&](FixedVectorType *T, auto Make) {
    return PushV(Make(PopAs(T)));
  };
  auto Binary = [&](FixedVectorType *T, auto Make) {
    Value *R = PopAs(T);
    Value *L = PopAs(T);
    return PushV(Make(L, R));
  };
  auto UnaryIntrinsic = [&](Intrinsic::ID ID) {
    return Unary(Ty, [&](Value *V) { return B.CreateUnaryIntrinsic(ID, V); });
  };
  auto BinaryIntrinsic = [&](Intrinsic::ID ID) {
    return Binary(Ty, [&](Value *L, Value *R) {
      return B.CreateBinaryIntrinsic(ID, L, R);
    });
  };
  auto BinaryOp = [&](Instruction::BinaryOps Opc) {
    return Binary(Ty,
                  [&](Value *L, Value *R) { return B.CreateBinOp(Opc, L, R); });
  };
  // Comparisons yield all-ones or all-zeros lanes of the same width.
  auto ICmp = [&](CmpInst::Predicate P) {
    return Binary(Ty, [&](Value *L, Value *R) {
      return B.CreateSExt(B.CreateICmp(P, L, R), Ty);
    });
  };
  auto FCmp = [&](CmpInst::Predicate P) {
    return Binary(Ty, [&](Value *L, Value *R) {
      return B.CreateSExt(B.CreateFCmp(P, L, R), VectorType::getInteger(Ty));
    });
  };
  auto Ext = [&](Value *V, Type *T, bool Signed) {
    return Signed ? B.CreateSExt(V, T) : B.CreateZExt(V, T);
  };

  // ---- Memory -----------------------------------------------------------
  // The alignment hint is not a guarantee; only the offset matters.
  auto ReadOffset = [&]() -> uint64_t { return I.Mem.Offset; };
  // A load whose value is dropped is volatile so that it still traps when
  // out of bounds.
  auto Load = [&](Type *T, Value *Addr, uint64_t Offset) -> Value * {
    unsigned Bytes = T->getPrimitiveSizeInBits().getFixedValue() / 8;
    Value *Ptr = memoryAddress(Addr, Offset, Bytes);
    return memoryLoad(T, Ptr, nextIsDrop());
  };
  auto Store = [&](Value *V, Value *Addr, uint64_t Offset) {
    unsigned Bytes = V->getType()->getPrimitiveSizeInBits().getFixedValue() / 8;
    Value *Ptr = memoryAddress(Addr, Offset, Bytes);
    memoryStore(V, Ptr);
    return;
  };
  auto LoadExtend = [&](FixedVectorType *Wide, bool Signed) {
    uint64_t Offset = ReadOffset();
    auto *Narrow = FixedVectorType::get(
        IntegerType::get(Ctx, Wide->getScalarSizeInBits() / 2),
        Wide->getNumElements());
    return PushV(Ext(Load(Narrow, pop(), Offset), Wide, Signed));
  };
  auto LoadSplat = [&](Type *Elt, unsigned N) {
    uint64_t Offset = ReadOffset();
    return PushV(B.CreateVectorSplat(N, Load(Elt, pop(), Offset)));
  };
  auto LoadZero = [&](Type *Elt, unsigned N) {
    uint64_t Offset = ReadOffset();
    Value *Zero = Constant::getNullValue(FixedVectorType::get(Elt, N));
    return PushV(
        B.CreateInsertElement(Zero, Load(Elt, pop(), Offset), uint64_t(0)));
  };
  auto LoadLane = [&](Type *Elt, unsigned N) {
    uint64_t Offset = ReadOffset();
    uint8_t Lane = I.Lane;
    Value *Vec = PopAs(FixedVectorType::get(Elt, N));
    Value *Addr = pop();
    return PushV(B.CreateInsertElement(Vec, Load(Elt, Addr, Offset), Lane));
  };
  auto StoreLane = [&](Type *Elt, unsigned N) {
    uint64_t Offset = ReadOffset();
    uint8_t Lane = I.Lane;
    Value *Vec = PopAs(FixedVectorType::get(Elt, N));
    Value *Addr = pop();
    return Store(B.CreateExtractElement(Vec, Lane), Addr, Offset);
  };

  // ---- Lanes ------------------------------------------------------------
  // i8/i16 lanes travel as i32 scalars.
  auto Splat = [&]() {
    Value *S = pop();
    if (S->getType() != Ty->getElementType())
      S = B.CreateTrunc(S, Ty->getElementType());
    return PushV(B.CreateVectorSplat(Ty->getNumElements(), S));
  };
  auto ExtractLane = [&](bool Signed) {
    uint8_t Lane = I.Lane;
    Value *E = B.CreateExtractElement(PopAs(Ty), Lane);
    if (E->getType()->isIntegerTy() && E->getType()->getIntegerBitWidth() < 32)
      E = Ext(E, I32, Signed);
    push(E);
    return;
  };
  auto ReplaceLane = [&]() {
    uint8_t Lane = I.Lane;
    Value *S = pop();
    Value *Vec = PopAs(Ty);
    if (S->getType() != Ty->getElementType())
      S = B.CreateTrunc(S, Ty->getElementType());
    return PushV(B.CreateInsertElement(Vec, S, Lane));
  };

  // ---- Integer helpers --------------------------------------------------
  // The count is taken modulo the lane width.
  auto Shift = [&](Instruction::BinaryOps Opc) {
    Value *Count = pop();
    Value *Vec = PopAs(Ty);
    Type *Elt = Ty->getElementType();
    Count = B.CreateAnd(Count, Elt->getIntegerBitWidth() - 1);
    Count = B.CreateZExtOrTrunc(Count, Elt);
    Value *Counts = B.CreateVectorSplat(Ty->getNumElements(), Count);
    return PushV(B.CreateBinOp(Opc, Vec, Counts));
  };
  // Low or high half of the narrower source lanes, extended into Ty.
  auto ExtendHalf = [&](Value *Src, bool High, bool Signed) {
    unsigned N = Ty->getNumElements();
    Value *Half = B.CreateShuffleVector(Src, laneRange(High ? N : 0, N));
    return Ext(Half, Ty, Signed);
  };
  auto Extend = [&](bool High, bool Signed) {
    return PushV(ExtendHalf(PopAs(halfLanes(Ty)), High, Signed));
  };
  auto ExtMul = [&](bool High, bool Signed) {
    Value *R = PopAs(halfLanes(Ty));
    Value *L = PopAs(halfLanes(Ty));
    return PushV(
        B.CreateMul(ExtendHalf(L, High, Signed), ExtendHalf(R, High, Signed)));
  };
  // Sum of adjacent lane pairs (even + odd), computed in Ty's lane width.
  auto AddPairs = [&](Value *Wide) {
    unsigned N = Ty->getNumElements();
    Value *Even = B.CreateShuffleVector(Wide, laneRange(0, N, 2));
    Value *Odd = B.CreateShuffleVector(Wide, laneRange(1, N, 2));
    return B.CreateAdd(Even, Odd);
  };
  auto ExtAddPairwise = [&](bool Signed) {
    FixedVectorType *Src = halfLanes(Ty);
    auto *SrcWide =
        FixedVectorType::get(Ty->getElementType(), Src->getNumElements());
    return PushV(AddPairs(Ext(PopAs(Src), SrcWide, Signed)));
  };
  // Saturate each wide lane of the concatenated operands into Ty's lanes;
  // the inputs are always signed, so unsigned narrowing clamps to [0, max].
  auto Narrow = [&](bool Signed) {
    unsigned Bits = Ty->getScalarSizeInBits();
    auto *Src = FixedVectorType::get(IntegerType::get(Ctx, Bits * 2),
                                     Ty->getNumElements() / 2);
    Value *R = PopAs(Src);
    Value *L = PopAs(Src);
    Value *Cat =
        B.CreateShuffleVector(L, R, laneRange(0, Ty->getNumElements()));
    Type *CatTy = Cat->getType();
    APInt Lo = Signed ? APInt::getSignedMinValue(Bits).sext(Bits * 2)
                      : APInt::getZero(Bits * 2);
    APInt Hi = Signed ? APInt::getSignedMaxValue(Bits).sext(Bits * 2)
                      : APInt::getMaxValue(Bits).zext(Bits * 2);
    Cat = B.CreateBinaryIntrinsic(Intrinsic::smax, Cat,
                                  ConstantInt::get(CatTy, Lo));
    Cat = B.CreateBinaryIntrinsic(Intrinsic::smin, Cat,
                                  ConstantInt::get(CatTy, Hi));
    return PushV(B.CreateTrunc(Cat, Ty));
  };
  // (a + b + 1) >> 1 without overflow: computed in double-width lanes.
  auto AvgrU = [&]() {
    return Binary(Ty, [&](Value *L, Value *R) {
      FixedVectorType *Wide = wideLanes(Ty);
      Value *Sum = B.CreateAdd(B.CreateZExt(L, Wide), B.CreateZExt(R, Wide));
      Sum = B.CreateAdd(Sum, ConstantInt::get(Wide, 1));
      return B.CreateTrunc(B.CreateLShr(Sum, 1), Ty);
    });
  };
  auto Bitmask = [&]() {
    Value *Neg = B.CreateICmpSLT(PopAs(Ty), Constant::getNullValue(Ty));
    Value *Bits = B.CreateBitCast(Neg, B.getIntNTy(Ty->getNumElements()));
    push(B.CreateZExt(Bits, I32));
    return;
  };
  auto AllTrue = [&]() {
    Value *NonZero = B.CreateICmpNE(PopAs(Ty), Constant::getNullValue(Ty));
    push(B.CreateZExt(B.CreateAndReduce(NonZero), I32));
    return;
  };

  // ---- Float helpers ----------------------------------------------------
  // llvm.minimum/maximum have Wasm's semantics except that x86 may return a
  // signalling NaN operand unchanged; Wasm wants a quiet NaN, which a + b
  // provides whenever either operand is NaN.
  auto MinMax = [&](Intrinsic::ID ID) {
    return Binary(Ty, [&](Value *L, Value *R) {
      Value *M = B.CreateBinaryIntrinsic(ID, L, R);
      Value *AnyNaN = B.CreateFCmpUNO(L, R);
      return B.CreateSelect(AnyNaN, B.CreateFAdd(L, R), M);
    });
  };
  // Widens a two-lane result to four lanes, the upper two zero.
  auto ZeroHigh = [&](Value *Low) {
    Value *Zero = Constant::getNullValue(Low->getType());
    return B.CreateShuffleVector(Low, Zero, laneRange(0, 4));
  };
  auto TruncSat = [&](Intrinsic::ID ID, Type *SrcTy, Type *DstTy) {
    Value *V = PopAs(SrcTy);
    return B.CreateIntrinsic(ID, {DstTy, SrcTy}, {V});
  };

  switch (Op) {
  // ---- Memory -----------------------------------------------------------
  case SIMDOp::V128Load: {
    uint64_t Offset = ReadOffset();
    return PushV(Load(V2I64, pop(), Offset));
  }
  case SIMDOp::V128Load8x8S:
  case SIMDOp::V128Load8x8U:
    return LoadExtend(V8I16, Op == SIMDOp::V128Load8x8S);
  case SIMDOp::V128Load16x4S:
  case SIMDOp::V128Load16x4U:
    return LoadExtend(V4I32, Op == SIMDOp::V128Load16x4S);
  case SIMDOp::V128Load32x2S:
  case SIMDOp::V128Load32x2U:
    return LoadExtend(V2I64, Op == SIMDOp::V128Load32x2S);
  case SIMDOp::V128Load8Splat:
    return LoadSplat(I8, 16);
  case SIMDOp::V128Load16Splat:
    return LoadSplat(I16, 8);
  case SIMDOp::V128Load32Splat:
    return LoadSplat(I32, 4);
  case SIMDOp::V128Load64Splat:
    return LoadSplat(I64, 2);
  case SIMDOp::V128Load32Zero:
    return LoadZero(I32, 4);
  case SIMDOp::V128Load64Zero:
    return LoadZero(I64, 2);
  case SIMDOp::V128Load8Lane:
    return LoadLane(I8, 16);
  case SIMDOp::V128Load16Lane:
    return LoadLane(I16, 8);
  case SIMDOp::V128Load32Lane:
    return LoadLane(I32, 4);
  case SIMDOp::V128Load64Lane:
    return LoadLane(I64, 2);
  case SIMDOp::V128Store: {
    uint64_t Offset = ReadOffset();
    Value *V = pop();
    return Store(V, pop(), Offset);
  }
  case SIMDOp::V128Store8Lane:
    return StoreLane(I8, 16);
  case SIMDOp::V128Store16Lane:
    return StoreLane(I16, 8);
  case SIMDOp::V128Store32Lane:
    return StoreLane(I32, 4);
  case SIMDOp::V128Store64Lane:
    return StoreLane(I64, 2);

  // ---- Constants, shuffles, lanes ---------------------------------------
  case SIMDOp::V128Const: {
    ArrayRef<uint8_t> Bytes(I.Bytes16);
    return PushV(ConstantDataVector::get(Ctx, Bytes));
  }
  case SIMDOp::I8x16Shuffle: {
    ArrayRef<uint8_t> Lanes(I.Bytes16);
    SmallVector<int, 16> Mask(Lanes.begin(), Lanes.end());
    return Binary(V16I8, [&](Value *L, Value *R) {
      return B.CreateShuffleVector(L, R, Mask);
    });
  }
  case SIMDOp::I8x16Swizzle:
  case SIMDOp::I8x16RelaxedSwizzle:
    // No LLVM instruction shuffles by a runtime mask. Gather lane by lane
    // (extractelement with an out-of-range index is poison, so mask it to
    // 4 bits) and zero the lanes whose index is >= 16 afterwards. With
    // SSSE3 the x86 backend turns the gather into a single pshufb.
    return Binary(V16I8, [&](Value *Src, Value *Idx) {
      Value *Masked = B.CreateAnd(Idx, ConstantInt::get(V16I8, 15));
      Value *Result = PoisonValue::get(V16I8);
      for (unsigned I = 0; I < 16; ++I) {
        Value *Index = B.CreateExtractElement(Masked, I);
        Result = B.CreateInsertElement(Result,
                                       B.CreateExtractElement(Src, Index), I);
      }
      Value *InRange = B.CreateICmpULT(Idx, ConstantInt::get(V16I8, 16));
      return B.CreateSelect(InRange, Result, Constant::getNullValue(V16I8));
    });
  case SIMDOp::I8x16Splat:
  case SIMDOp::I16x8Splat:
  case SIMDOp::I32x4Splat:
  case SIMDOp::I64x2Splat:
  case SIMDOp::F32x4Splat:
  case SIMDOp::F64x2Splat:
    return Splat();
  case SIMDOp::I8x16ExtractLaneS:
  case SIMDOp::I16x8ExtractLaneS:
    return ExtractLane(true);
  case SIMDOp::I8x16ExtractLaneU:
  case SIMDOp::I16x8ExtractLaneU:
  case SIMDOp::I32x4ExtractLane:
  case SIMDOp::I64x2ExtractLane:
  case SIMDOp::F32x4ExtractLane:
  case SIMDOp::F64x2ExtractLane:
    return ExtractLane(false);
  case SIMDOp::I8x16ReplaceLane:
  case SIMDOp::I16x8ReplaceLane:
  case SIMDOp::I32x4ReplaceLane:
  case SIMDOp::I64x2ReplaceLane:
  case SIMDOp::F32x4ReplaceLane:
  case SIMDOp::F64x2ReplaceLane:
    return ReplaceLane();

  // ---- Comparisons ------------------------------------------------------
  case SIMDOp::I8x16Eq:
  case SIMDOp::I16x8Eq:
  case SIMDOp::I32x4Eq:
  case SIMDOp::I64x2Eq:
    return ICmp(CmpInst::ICMP_EQ);
  case SIMDOp::I8x16Ne:
  case SIMDOp::I16x8Ne:
  case SIMDOp::I32x4Ne:
  case SIMDOp::I64x2Ne:
    return ICmp(CmpInst::ICMP_NE);
  case SIMDOp::I8x16LtS:
  case SIMDOp::I16x8LtS:
  case SIMDOp::I32x4LtS:
  case SIMDOp::I64x2LtS:
    return ICmp(CmpInst::ICMP_SLT);
  case SIMDOp::I8x16LtU:
  case SIMDOp::I16x8LtU:
  case SIMDOp::I32x4LtU:
    return ICmp(CmpInst::ICMP_ULT);
  case SIMDOp::I8x16GtS:
  case SIMDOp::I16x8GtS:
  case SIMDOp::I32x4GtS:
  case SIMDOp::I64x2GtS:
    return ICmp(CmpInst::ICMP_SGT);
  case SIMDOp::I8x16GtU:
  case SIMDOp::I16x8GtU:
  case SIMDOp::I32x4GtU:
    return ICmp(CmpInst::ICMP_UGT);
  case SIMDOp::I8x16LeS:
  case SIMDOp::I16x8LeS:
  case SIMDOp::I32x4LeS:
  case SIMDOp::I64x2LeS:
    return ICmp(CmpInst::ICMP_SLE);
  case SIMDOp::I8x16LeU:
  case SIMDOp::I16x8LeU:
  case SIMDOp::I32x4LeU:
    return ICmp(CmpInst::ICMP_ULE);
  case SIMDOp::I8x16GeS:
  case SIMDOp::I16x8GeS:
  case SIMDOp::I32x4GeS:
  case SIMDOp::I64x2GeS:
    return ICmp(CmpInst::ICMP_SGE);
  case SIMDOp::I8x16GeU:
  case SIMDOp::I16x8GeU:
  case SIMDOp::I32x4GeU:
    return ICmp(CmpInst::ICMP_UGE);
  // Ordered predicates give false for NaN; `ne` is unordered (NaN != NaN).
  case SIMDOp::F32x4Eq:
  case SIMDOp::F64x2Eq:
    return FCmp(CmpInst::FCMP_OEQ);
  case SIMDOp::F32x4Ne:
  case SIMDOp::F64x2Ne:
    return FCmp(CmpInst::FCMP_UNE);
  case SIMDOp::F32x4Lt:
  case SIMDOp::F64x2Lt:
    return FCmp(CmpInst::FCMP_OLT);
  case SIMDOp::F32x4Gt:
  case SIMDOp::F64x2Gt:
    return FCmp(CmpInst::FCMP_OGT);
  case SIMDOp::F32x4Le:
  case SIMDOp::F64x2Le:
    return FCmp(CmpInst::FCMP_OLE);
  case SIMDOp::F32x4Ge:
  case SIMDOp::F64x2Ge:
    return FCmp(CmpInst::FCMP_OGE);

  // ---- Bitwise ----------------------------------------------------------
  case SIMDOp::V128Not:
    return Unary(V2I64, [&](Value *V) { return B.CreateNot(V); });
  case SIMDOp::V128And:
    return Binary(V2I64, [&](Value *L, Value *R) { return B.CreateAnd(L, R); });
  case SIMDOp::V128AndNot:
    return Binary(V2I64, [&](Value *L, Value *R) {
      return B.CreateAnd(L, B.CreateNot(R));
    });
  case SIMDOp::V128Or:
    return Binary(V2I64, [&](Value *L, Value *R) { return B.CreateOr(L, R); });
  case SIMDOp::V128Xor:
    return Binary(V2I64, [&](Value *L, Value *R) { return B.CreateXor(L, R); });
  case SIMDOp::V128Bitselect:
  case SIMDOp::I8x16RelaxedLaneselect:
  case SIMDOp::I16x8RelaxedLaneselect:
  case SIMDOp::I32x4RelaxedLaneselect:
  case SIMDOp::I64x2RelaxedLaneselect: {
    Value *Mask = pop();
    Value *R = pop();
    Value *L = pop();
    return PushV(
        B.CreateOr(B.CreateAnd(L, Mask), B.CreateAnd(R, B.CreateNot(Mask))));
  }
  case SIMDOp::V128AnyTrue: {
    Value *Bits = B.CreateBitCast(pop(), B.getInt128Ty());
    push(B.CreateZExt(B.CreateICmpNE(Bits, B.getIntN(128, 0)), I32));
    return;
  }

  // ---- Integer lane-wise ------------------------------------------------
  case SIMDOp::I8x16Abs:
  case SIMDOp::I16x8Abs:
  case SIMDOp::I32x4Abs:
  case SIMDOp::I64x2Abs:
    // abs(INT_MIN) is INT_MIN in Wasm: not poison.
    return Unary(Ty, [&](Value *V) {
      return B.CreateBinaryIntrinsic(Intrinsic::abs, V, B.getFalse());
    });
  case SIMDOp::I8x16Neg:
  case SIMDOp::I16x8Neg:
  case SIMDOp::I32x4Neg:
  case SIMDOp::I64x2Neg:
    return Unary(Ty, [&](Value *V) { return B.CreateNeg(V); });
  case SIMDOp::I8x16Popcnt:
    return UnaryIntrinsic(Intrinsic::ctpop);
  case SIMDOp::I8x16AllTrue:
  case SIMDOp::I16x8AllTrue:
  case SIMDOp::I32x4AllTrue:
  case SIMDOp::I64x2AllTrue:
    return AllTrue();
  case SIMDOp::I8x16Bitmask:
  case SIMDOp::I16x8Bitmask:
  case SIMDOp::I32x4Bitmask:
  case SIMDOp::I64x2Bitmask:
    return Bitmask();
  case SIMDOp::I8x16NarrowI16x8S:
  case SIMDOp::I16x8NarrowI32x4S:
    return Narrow(true);
  case SIMDOp::I8x16NarrowI16x8U:
  case SIMDOp::I16x8NarrowI32x4U:
    return Narrow(false);
  case SIMDOp::I16x8ExtendLowI8x16S:
  case SIMDOp::I32x4ExtendLowI16x8S:
  case SIMDOp::I64x2ExtendLowI32x4S:
    return Extend(false, true);
  case SIMDOp::I16x8ExtendHighI8x16S:
  case SIMDOp::I32x4ExtendHighI16x8S:
  case SIMDOp::I64x2ExtendHighI32x4S:
    return Extend(true, true);
  case SIMDOp::I16x8ExtendLowI8x16U:
  case SIMDOp::I32x4ExtendLowI16x8U:
  case SIMDOp::I64x2ExtendLowI32x4U:
    return Extend(false, false);
  case SIMDOp::I16x8ExtendHighI8x16U:
  case SIMDOp::I32x4ExtendHighI16x8U:
  case SIMDOp::I64x2ExtendHighI32x4U:
    return Extend(true, false);
  case SIMDOp::I8x16Shl:
  case SIMDOp::I16x8Shl:
  case SIMDOp::I32x4Shl:
  case SIMDOp::I64x2Shl:
    return Shift(Instruction::Shl);
  case SIMDOp::I8x16ShrS:
  case SIMDOp::I16x8ShrS:
  case SIMDOp::I32x4ShrS:
  case SIMDOp::I64x2ShrS:
    return Shift(Instruction::AShr);
  case SIMDOp::I8x16ShrU:
  case SIMDOp::I16x8ShrU:
  case SIMDOp::I32x4ShrU:
  case SIMDOp::I64x2ShrU:
    return Shift(Instruction::LShr);
  case SIMDOp::I8x16Add:
  case SIMDOp::I16x8Add:
  case SIMDOp::I32x4Add:
  case SIMDOp::I64x2Add:
    return BinaryOp(Instruction::Add);
  case SIMDOp::I8x16Sub:
  case SIMDOp::I16x8Sub:
  case SIMDOp::I32x4Sub:
  case SIMDOp::I64x2Sub:
    return BinaryOp(Instruction::Sub);
  case SIMDOp::I16x8Mul:
  case SIMDOp::I32x4Mul:
  case SIMDOp::I64x2Mul:
    return BinaryOp(Instruction::Mul);
  case SIMDOp::I8x16AddSatS:
  case SIMDOp::I16x8AddSatS:
    return BinaryIntrinsic(Intrinsic::sadd_sat);
  case SIMDOp::I8x16AddSatU:
  case SIMDOp::I16x8AddSatU:
    return BinaryIntrinsic(Intrinsic::uadd_sat);
  case SIMDOp::I8x16SubSatS:
  case SIMDOp::I16x8SubSatS:
    return BinaryIntrinsic(Intrinsic::ssub_sat);
  case SIMDOp::I8x16SubSatU:
  case SIMDOp::I16x8SubSatU:
    return BinaryIntrinsic(Intrinsic::usub_sat);
  case SIMDOp::I8x16MinS:
  case SIMDOp::I16x8MinS:
  case SIMDOp::I32x4MinS:
    return BinaryIntrinsic(Intrinsic::smin);
  case SIMDOp::I8x16MinU:
  case SIMDOp::I16x8MinU:
  case SIMDOp::I32x4MinU:
    return BinaryIntrinsic(Intrinsic::umin);
  case SIMDOp::I8x16MaxS:
  case SIMDOp::I16x8MaxS:
  case SIMDOp::I32x4MaxS:
    return BinaryIntrinsic(Intrinsic::smax);
  case SIMDOp::I8x16MaxU:
  case SIMDOp::I16x8MaxU:
  case SIMDOp::I32x4MaxU:
    return BinaryIntrinsic(Intrinsic::umax);
  case SIMDOp::I8x16AvgrU:
  case SIMDOp::I16x8AvgrU:
    return AvgrU();
  case SIMDOp::I16x8ExtaddPairwiseI8x16S:
  case SIMDOp::I32x4ExtaddPairwiseI16x8S:
    return ExtAddPairwise(true);
  case SIMDOp::I16x8ExtaddPairwiseI8x16U:
  case SIMDOp::I32x4ExtaddPairwiseI16x8U:
    return ExtAddPairwise(false);
  case SIMDOp::I16x8ExtmulLowI8x16S:
  case SIMDOp::I32x4ExtmulLowI16x8S:
  case SIMDOp::I64x2ExtmulLowI32x4S:
    return ExtMul(false, true);
  case SIMDOp::I16x8ExtmulHighI8x16S:
  case SIMDOp::I32x4ExtmulHighI16x8S:
  case SIMDOp::I64x2ExtmulHighI32x4S:
    return ExtMul(true, true);
  case SIMDOp::I16x8ExtmulLowI8x16U:
  case SIMDOp::I32x4ExtmulLowI16x8U:
  case SIMDOp::I64x2ExtmulLowI32x4U:
    return ExtMul(false, false);
  case SIMDOp::I16x8ExtmulHighI8x16U:
  case SIMDOp::I32x4ExtmulHighI16x8U:
  case SIMDOp::I64x2ExtmulHighI32x4U:
    return ExtMul(true, false);
  case SIMDOp::I16x8RelaxedDotI8x16I7x16S:
    // Products of two i8 fit in i16; the pair sum wraps.
    return Binary(V16I8, [&](Value *L, Value *R) {
      auto *Wide = FixedVectorType::get(I16, 16);
      return AddPairs(
          B.CreateMul(B.CreateSExt(L, Wide), B.CreateSExt(R, Wide)));
    });
  case SIMDOp::I32x4RelaxedDotI8x16I7x16AddS: {
    // The i16 pair sums as above, then pairs of those sign-extended to
    // i32, plus the accumulator.
    Value *Acc = PopAs(V4I32);
    Value *R = PopAs(V16I8);
    Value *L = PopAs(V16I8);
    auto SumPairs = [&](Value *V, unsigned N) {
      return B.CreateAdd(B.CreateShuffleVector(V, laneRange(0, N, 2)),
                         B.CreateShuffleVector(V, laneRange(1, N, 2)));
    };
    auto *Wide16 = FixedVectorType::get(I16, 16);
    Value *Pairs = SumPairs(
        B.CreateMul(B.CreateSExt(L, Wide16), B.CreateSExt(R, Wide16)), 8);
    Value *Quads = SumPairs(B.CreateSExt(Pairs, FixedVectorType::get(I32, 8)), 4);
    return PushV(B.CreateAdd(Quads, Acc));
  }
  case SIMDOp::F32x4RelaxedMadd:
  case SIMDOp::F64x2RelaxedMadd:
  case SIMDOp::F32x4RelaxedNmadd:
  case SIMDOp::F64x2RelaxedNmadd: {
    // a * b + c, or -(a * b) + c, each operation rounded (no fma).
    Value *C = PopAs(Ty);
    Value *R = PopAs(Ty);
    Value *L = PopAs(Ty);
    Value *P = B.CreateFMul(L, R);
    if (Op == SIMDOp::F32x4RelaxedNmadd || Op == SIMDOp::F64x2RelaxedNmadd)
      P = B.CreateFNeg(P);
    return PushV(B.CreateFAdd(P, C));
  }
  case SIMDOp::I32x4DotI16x8S:
    // Each product fits in i32; only -32768*-32768 twice wraps, as Wasm
    // specifies (the sum is taken modulo 2^32).
    return Binary(V8I16, [&](Value *L, Value *R) {
      auto *Wide = FixedVectorType::get(I32, 8);
      return AddPairs(
          B.CreateMul(B.CreateSExt(L, Wide), B.CreateSExt(R, Wide)));
    });
  case SIMDOp::I16x8Q15MulrSatS:
  case SIMDOp::I16x8RelaxedQ15mulrS:
    // (a * b + 0x4000) >> 15 in i32 is exact; only -32768 * -32768 exceeds
    // the i16 range (giving 32768), so clamping the top suffices.
    return Binary(V8I16, [&](Value *L, Value *R) {
      auto *Wide = FixedVectorType::get(I32, 8);
      Value *P = B.CreateMul(B.CreateSExt(L, Wide), B.CreateSExt(R, Wide));
      P = B.CreateAShr(B.CreateAdd(P, ConstantInt::get(Wide, 0x4000)), 15);
      P = B.CreateBinaryIntrinsic(Intrinsic::smin, P,
                                  ConstantInt::get(Wide, 0x7fff));
      return B.CreateTrunc(P, V8I16);
    });

  // ---- Float lane-wise --------------------------------------------------
  // fabs and fneg only touch the sign bit, as Wasm requires.
  case SIMDOp::F32x4Abs:
  case SIMDOp::F64x2Abs:
    return UnaryIntrinsic(Intrinsic::fabs);
  case SIMDOp::F32x4Neg:
  case SIMDOp::F64x2Neg:
    return Unary(Ty, [&](Value *V) { return B.CreateFNeg(V); });
  case SIMDOp::F32x4Sqrt:
  case SIMDOp::F64x2Sqrt:
    return UnaryIntrinsic(Intrinsic::sqrt);
  case SIMDOp::F32x4Ceil:
  case SIMDOp::F64x2Ceil:
    return UnaryIntrinsic(Intrinsic::ceil);
  case SIMDOp::F32x4Floor:
  case SIMDOp::F64x2Floor:
    return UnaryIntrinsic(Intrinsic::floor);
  case SIMDOp::F32x4Trunc:
  case SIMDOp::F64x2Trunc:
    return UnaryIntrinsic(Intrinsic::trunc);
  case SIMDOp::F32x4Nearest:
  case SIMDOp::F64x2Nearest:
    return UnaryIntrinsic(Intrinsic::roundeven);
  case SIMDOp::F32x4Add:
  case SIMDOp::F64x2Add:
    return BinaryOp(Instruction::FAdd);
  case SIMDOp::F32x4Sub:
  case SIMDOp::F64x2Sub:
    return BinaryOp(Instruction::FSub);
  case SIMDOp::F32x4Mul:
  case SIMDOp::F64x2Mul:
    return BinaryOp(Instruction::FMul);
  case SIMDOp::F32x4Div:
  case SIMDOp::F64x2Div:
    return BinaryOp(Instruction::FDiv);
  case SIMDOp::F32x4Min:
  case SIMDOp::F64x2Min:
  case SIMDOp::F32x4RelaxedMin:
  case SIMDOp::F64x2RelaxedMin:
    return MinMax(Intrinsic::minimum);
  case SIMDOp::F32x4Max:
  case SIMDOp::F64x2Max:
  case SIMDOp::F32x4RelaxedMax:
  case SIMDOp::F64x2RelaxedMax:
    return MinMax(Intrinsic::maximum);
  // Pseudo-min/max are defined as these exact selects (C's `b < a ? b : a`).
  case SIMDOp::F32x4Pmin:
  case SIMDOp::F64x2Pmin:
    return Binary(Ty, [&](Value *L, Value *R) {
      return B.CreateSelect(B.CreateFCmpOLT(R, L), R, L);
    });
  case SIMDOp::F32x4Pmax:
  case SIMDOp::F64x2Pmax:
    return Binary(Ty, [&](Value *L, Value *R) {
      return B.CreateSelect(B.CreateFCmpOLT(L, R), R, L);
    });

  // ---- Conversions ------------------------------------------------------
  // fptosi/fptoui.sat define NaN -> 0 and clamp out-of-range values.
  case SIMDOp::I32x4TruncSatF32x4S:
  case SIMDOp::I32x4RelaxedTruncF32x4S:
    return PushV(TruncSat(Intrinsic::fptosi_sat, V4F32, V4I32));
  case SIMDOp::I32x4TruncSatF32x4U:
  case SIMDOp::I32x4RelaxedTruncF32x4U:
    return PushV(TruncSat(Intrinsic::fptoui_sat, V4F32, V4I32));
  case SIMDOp::I32x4TruncSatF64x2SZero:
  case SIMDOp::I32x4TruncSatF64x2UZero:
  case SIMDOp::I32x4RelaxedTruncF64x2SZero:
  case SIMDOp::I32x4RelaxedTruncF64x2UZero: {
    bool Signed = Op == SIMDOp::I32x4TruncSatF64x2SZero ||
                  Op == SIMDOp::I32x4RelaxedTruncF64x2SZero;
    Intrinsic::ID ID = Signed ? Intrinsic::fptosi_sat : Intrinsic::fptoui_sat;
    auto *V2I32 = FixedVectorType::get(I32, 2);
    return PushV(ZeroHigh(TruncSat(ID, V2F64, V2I32)));
  }
  case SIMDOp::F32x4ConvertI32x4S:
    return PushV(B.CreateSIToFP(PopAs(V4I32), V4F32));
  case SIMDOp::F32x4ConvertI32x4U:
    return PushV(B.CreateUIToFP(PopAs(V4I32), V4F32));
  case SIMDOp::F64x2ConvertLowI32x4S:
  case SIMDOp::F64x2ConvertLowI32x4U: {
    Value *Low = B.CreateShuffleVector(PopAs(V4I32), laneRange(0, 2));
    return PushV(Op == SIMDOp::F64x2ConvertLowI32x4S
                     ? B.CreateSIToFP(Low, V2F64)
                     : B.CreateUIToFP(Low, V2F64));
  }
  case SIMDOp::F32x4DemoteF64x2Zero:
    return PushV(
        ZeroHigh(B.CreateFPTrunc(PopAs(V2F64), FixedVectorType::get(F32, 2))));
  case SIMDOp::F64x2PromoteLowF32x4: {
    Value *Low = B.CreateShuffleVector(PopAs(V4F32), laneRange(0, 2));
    return PushV(B.CreateFPExt(Low, V2F64));
  }

  }
}
