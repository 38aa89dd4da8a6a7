//===- EmitConversion.cpp - Conversions between value types ---------------===//
//
// wrap/extend, the trapping float->int truncations, the saturating ones
// (0xFC 0..7), int->float conversion, demote/promote and reinterpret.
//
// LLVM's fptosi/fptoui give poison for NaN and out-of-range inputs, so the
// trapping truncations check both explicitly first; the saturating forms
// map onto llvm.fpto[su]i.sat, whose semantics are exactly Wasm's
// (NaN -> 0, clamp to the integer range).
//
//===----------------------------------------------------------------------===//

#include "FunctionEmitter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"

using namespace llvm;

namespace wasm2native {

namespace {
/// The open or half-open range of floats whose truncation fits the target
/// integer type: (Lo, Hi) or [Lo, Hi). Both bounds are exactly
/// representable in the source float type.
struct TruncRange {
  double Lo;
  bool LoInclusive;
  double Hi; // always exclusive
};
} // namespace

static TruncRange truncRange(bool Signed, unsigned IntBits, bool FromF64) {
  if (!Signed)
    // Anything in (-1, 0) truncates to 0, which fits.
    return {-1.0, false, IntBits == 32 ? 4294967296.0 : 18446744073709551616.0};
  if (IntBits == 64)
    // -2^63 is the only representable value <= -2^63 that fits.
    return {-9223372036854775808.0, true, 9223372036854775808.0};
  // i32: doubles between -2^31-1 and -2^31 truncate to -2^31, but f32 has
  // nothing between -2^31 and -2^31-256, so its bound is inclusive -2^31.
  if (FromF64)
    return {-2147483649.0, false, 2147483648.0};
  return {-2147483648.0, true, 2147483648.0};
}

void FunctionEmitter::emitConversion(ConversionOp Op, const WasmInstr &I) {
  auto Cast = [&](Instruction::CastOps Opc, Type *To) {
    push(B.CreateCast(Opc, pop(), To));
    return;
  };
  // The trapping truncations: NaN is an invalid conversion, anything else
  // outside the range an integer overflow.
  auto TruncTrapping = [&](bool Signed, Type *To) {
    Value *X = pop();
    bool FromF64 = X->getType()->isDoubleTy();
    TruncRange R = truncRange(Signed, To->getIntegerBitWidth(), FromF64);
    trapIf(B.CreateFCmpUNO(X, X), W2N_TRAP_INVALID_CONVERSION);
    // NaN is excluded above, so unordered compares test just the range.
    Value *Lo = ConstantFP::get(X->getType(), R.Lo);
    Value *Hi = ConstantFP::get(X->getType(), R.Hi);
    Value *BelowLo =
        R.LoInclusive ? B.CreateFCmpULT(X, Lo) : B.CreateFCmpULE(X, Lo);
    Value *AboveHi = B.CreateFCmpUGE(X, Hi);
    trapIf(B.CreateOr(BelowLo, AboveHi), W2N_TRAP_INT_OVERFLOW);
    push(Signed ? B.CreateFPToSI(X, To) : B.CreateFPToUI(X, To));
    return;
  };
  auto TruncSat = [&](bool Signed, Type *To) {
    Value *X = pop();
    Intrinsic::ID ID = Signed ? Intrinsic::fptosi_sat : Intrinsic::fptoui_sat;
    push(B.CreateIntrinsic(ID, {To, X->getType()}, {X}));
    return;
  };

  switch (Op) {
  case ConversionOp::I32WrapI64:
    return Cast(Instruction::Trunc, i32());
  case ConversionOp::I64ExtendI32S:
    return Cast(Instruction::SExt, i64());
  case ConversionOp::I64ExtendI32U:
    return Cast(Instruction::ZExt, i64());

  case ConversionOp::I32TruncF32S:
  case ConversionOp::I32TruncF64S:
    return TruncTrapping(/*Signed=*/true, i32());
  case ConversionOp::I32TruncF32U:
  case ConversionOp::I32TruncF64U:
    return TruncTrapping(/*Signed=*/false, i32());
  case ConversionOp::I64TruncF32S:
  case ConversionOp::I64TruncF64S:
    return TruncTrapping(/*Signed=*/true, i64());
  case ConversionOp::I64TruncF32U:
  case ConversionOp::I64TruncF64U:
    return TruncTrapping(/*Signed=*/false, i64());

  case ConversionOp::I32TruncSatF32S:
  case ConversionOp::I32TruncSatF64S:
    return TruncSat(/*Signed=*/true, i32());
  case ConversionOp::I32TruncSatF32U:
  case ConversionOp::I32TruncSatF64U:
    return TruncSat(/*Signed=*/false, i32());
  case ConversionOp::I64TruncSatF32S:
  case ConversionOp::I64TruncSatF64S:
    return TruncSat(/*Signed=*/true, i64());
  case ConversionOp::I64TruncSatF32U:
  case ConversionOp::I64TruncSatF64U:
    return TruncSat(/*Signed=*/false, i64());

  // sitofp/uitofp round to nearest-even as Wasm requires (LLVM's x86
  // lowering of u64 -> f32 avoids double rounding).
  case ConversionOp::F32ConvertI32S:
  case ConversionOp::F32ConvertI64S:
    return Cast(Instruction::SIToFP, f32());
  case ConversionOp::F32ConvertI32U:
  case ConversionOp::F32ConvertI64U:
    return Cast(Instruction::UIToFP, f32());
  case ConversionOp::F64ConvertI32S:
  case ConversionOp::F64ConvertI64S:
    return Cast(Instruction::SIToFP, f64());
  case ConversionOp::F64ConvertI32U:
  case ConversionOp::F64ConvertI64U:
    return Cast(Instruction::UIToFP, f64());

  case ConversionOp::F32DemoteF64:
    return Cast(Instruction::FPTrunc, f32());
  case ConversionOp::F64PromoteF32:
    return Cast(Instruction::FPExt, f64());

  case ConversionOp::I32ReinterpretF32:
    return Cast(Instruction::BitCast, i32());
  case ConversionOp::I64ReinterpretF64:
    return Cast(Instruction::BitCast, i64());
  case ConversionOp::F32ReinterpretI32:
    return Cast(Instruction::BitCast, f32());
  case ConversionOp::F64ReinterpretI64:
    return Cast(Instruction::BitCast, f64());

  }
}

} // namespace wasm2native
