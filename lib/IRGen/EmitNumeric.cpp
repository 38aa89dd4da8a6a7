//===- EmitNumeric.cpp - Constants, comparisons and arithmetic ------------===//
//
// The numeric instructions of Wasm 2.0 (minus conversions): constants,
// integer and float comparisons, integer and float arithmetic, bit counting,
// shifts/rotates and the sign-extension operators.
//
// Every lowering here is exact without fast-math flags: integer division
// traps explicitly before LLVM's UB cases can be reached, shift counts are
// masked as Wasm requires, and float min/max/nearest map onto intrinsics
// whose semantics are those of Wasm (IEEE 754-2019 minimum/maximum,
// roundTiesToEven).
//
//===----------------------------------------------------------------------===//

#include "FunctionEmitter.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"

using namespace llvm;

namespace wasm2native {

/// True when \p V is the constant false, so a trap guarded by it can be
/// left out (keeps -O0 code free of dead checks for constant operands).
static bool isConstantFalse(Value *V) {
  auto *C = dyn_cast<ConstantInt>(V);
  return C && C->isZero();
}

/// Wasm min/max. llvm.minimum/maximum are IEEE 754-2019 minimum/maximum:
/// NaN if either operand is NaN, and -0 < +0, as Wasm wants (minnum/maxnum
/// and bare x86 minss/maxss get NaNs or signed zeros wrong). But LLVM lets
/// them return a signalling NaN operand unchanged -- x86 does -- while Wasm
/// requires an arithmetic (quiet) NaN. So NaN operands take L + R instead,
/// which IEEE 754 defines to quiet them.
static Value *emitWasmMinMax(IRBuilder<> &B, Intrinsic::ID ID, Value *L,
                             Value *R) {
  Value *MinMax = B.CreateBinaryIntrinsic(ID, L, R);
  Value *AnyNaN = B.CreateFCmpUNO(L, R);
  return B.CreateSelect(AnyNaN, B.CreateFAdd(L, R), MinMax);
}

void FunctionEmitter::emitNumeric(NumericOp Op, const WasmInstr &I) {
  // Binary operators pop the right operand first.
  auto Binary = [&](auto Make) {
    Value *R = pop();
    Value *L = pop();
    push(Make(L, R));
    return;
  };
  auto Unary = [&](auto Make) {
    push(Make(pop()));
    return;
  };
  auto ICmp = [&](CmpInst::Predicate P) {
    return Binary([&](Value *L, Value *R) {
      return B.CreateZExt(B.CreateICmp(P, L, R), i32());
    });
  };
  // The predicates used for floats are chosen so that any NaN operand gives
  // 0, except for `ne`, which is unordered-or-not-equal (NaN != NaN).
  auto FCmp = [&](CmpInst::Predicate P) {
    return Binary([&](Value *L, Value *R) {
      return B.CreateZExt(B.CreateFCmp(P, L, R), i32());
    });
  };
  auto UnaryIntrinsic = [&](Intrinsic::ID ID) {
    return Unary([&](Value *V) { return B.CreateUnaryIntrinsic(ID, V); });
  };
  auto BinaryIntrinsic = [&](Intrinsic::ID ID) {
    return Binary(
        [&](Value *L, Value *R) { return B.CreateBinaryIntrinsic(ID, L, R); });
  };
  // ctlz/cttz with is_zero_poison = false: Wasm defines clz(0) = width.
  auto CountZeros = [&](Intrinsic::ID ID) {
    return Unary([&](Value *V) {
      return B.CreateIntrinsic(ID, {V->getType()}, {V, B.getFalse()});
    });
  };
  // Wasm takes shift counts modulo the bit width; LLVM gives poison for
  // counts >= width, so mask first.
  auto Shift = [&](Instruction::BinaryOps Opc) {
    return Binary([&](Value *L, Value *R) {
      unsigned Bits = L->getType()->getIntegerBitWidth();
      Value *Count = B.CreateAnd(R, ConstantInt::get(R->getType(), Bits - 1));
      return B.CreateBinOp(Opc, L, Count);
    });
  };
  // Funnel shifts of a value with itself are rotates; they already take the
  // count modulo the width.
  auto Rotate = [&](Intrinsic::ID ID) {
    return Binary([&](Value *L, Value *R) {
      return B.CreateIntrinsic(ID, {L->getType()}, {L, L, R});
    });
  };
  auto IntDivRem = [&](bool Signed, bool IsRem) {
    Value *R = pop();
    Value *L = pop();
    Type *Ty = L->getType();
    unsigned Bits = Ty->getIntegerBitWidth();
    Value *Zero = ConstantInt::get(Ty, 0);
    Value *MinusOne = ConstantInt::getAllOnesValue(Ty);

    // Division by zero is checked first: INT_MIN / 0 traps as a division
    // by zero, not as an overflow.
    Value *IsZero = B.CreateICmpEQ(R, Zero);
    if (!isConstantFalse(IsZero))
      trapIf(IsZero, W2N_TRAP_INT_DIV_BY_ZERO);

    Value *Result;
    if (!Signed) {
      Result = IsRem ? B.CreateURem(L, R) : B.CreateUDiv(L, R);
    } else if (!IsRem) {
      // INT_MIN / -1 overflows: a Wasm trap, UB in LLVM.
      Value *IsMinusOne = B.CreateICmpEQ(R, MinusOne);
      if (!isConstantFalse(IsMinusOne)) {
        Value *IsMin = B.CreateICmpEQ(
            L, ConstantInt::get(Ty, APInt::getSignedMinValue(Bits)));
        Value *Overflow = B.CreateAnd(IsMin, IsMinusOne);
        if (!isConstantFalse(Overflow))
          trapIf(Overflow, W2N_TRAP_INT_OVERFLOW);
      }
      Result = B.CreateSDiv(L, R);
    } else {
      // Wasm defines INT_MIN % -1 = 0, but srem is UB there. x % -1 is 0
      // for every x, so dividing by 1 instead gives the same results with
      // no UB (and x86's idiv cannot fault).
      Value *IsMinusOne = B.CreateICmpEQ(R, MinusOne);
      Value *SafeR = B.CreateSelect(IsMinusOne, ConstantInt::get(Ty, 1), R);
      Result = B.CreateSRem(L, SafeR);
    }
    push(Result);
    return;
  };
  // Sign-extends the low \p FromBits bits of the operand in place.
  auto SignExtendLow = [&](unsigned FromBits) {
    return Unary([&](Value *V) {
      Value *Low = B.CreateTrunc(V, B.getIntNTy(FromBits));
      return B.CreateSExt(Low, V->getType());
    });
  };

  switch (Op) {
  // ---- Constants --------------------------------------------------------
  case NumericOp::I32Const:
    push(B.getInt32(uint32_t(I.Bits)));
    return;
  case NumericOp::I64Const:
    push(B.getInt64(I.Bits));
    return;
  // Built from the raw bits so NaN payloads (including signalling NaNs)
  // survive unchanged.
  case NumericOp::F32Const: {
    push(ConstantFP::get(context(), APFloat(APFloat::IEEEsingle(),
                                            APInt(32, uint32_t(I.Bits)))));
    return;
  }
  case NumericOp::F64Const: {
    push(ConstantFP::get(context(),
                         APFloat(APFloat::IEEEdouble(), APInt(64, I.Bits))));
    return;
  }

  // ---- Integer comparisons ----------------------------------------------
  case NumericOp::I32Eqz:
  case NumericOp::I64Eqz:
    return Unary([&](Value *V) {
      Value *IsZero = B.CreateICmpEQ(V, Constant::getNullValue(V->getType()));
      return B.CreateZExt(IsZero, i32());
    });
  case NumericOp::I32Eq:
  case NumericOp::I64Eq:
    return ICmp(CmpInst::ICMP_EQ);
  case NumericOp::I32Ne:
  case NumericOp::I64Ne:
    return ICmp(CmpInst::ICMP_NE);
  case NumericOp::I32LtS:
  case NumericOp::I64LtS:
    return ICmp(CmpInst::ICMP_SLT);
  case NumericOp::I32LtU:
  case NumericOp::I64LtU:
    return ICmp(CmpInst::ICMP_ULT);
  case NumericOp::I32GtS:
  case NumericOp::I64GtS:
    return ICmp(CmpInst::ICMP_SGT);
  case NumericOp::I32GtU:
  case NumericOp::I64GtU:
    return ICmp(CmpInst::ICMP_UGT);
  case NumericOp::I32LeS:
  case NumericOp::I64LeS:
    return ICmp(CmpInst::ICMP_SLE);
  case NumericOp::I32LeU:
  case NumericOp::I64LeU:
    return ICmp(CmpInst::ICMP_ULE);
  case NumericOp::I32GeS:
  case NumericOp::I64GeS:
    return ICmp(CmpInst::ICMP_SGE);
  case NumericOp::I32GeU:
  case NumericOp::I64GeU:
    return ICmp(CmpInst::ICMP_UGE);

  // ---- Float comparisons ------------------------------------------------
  case NumericOp::F32Eq:
  case NumericOp::F64Eq:
    return FCmp(CmpInst::FCMP_OEQ);
  case NumericOp::F32Ne:
  case NumericOp::F64Ne:
    return FCmp(CmpInst::FCMP_UNE);
  case NumericOp::F32Lt:
  case NumericOp::F64Lt:
    return FCmp(CmpInst::FCMP_OLT);
  case NumericOp::F32Gt:
  case NumericOp::F64Gt:
    return FCmp(CmpInst::FCMP_OGT);
  case NumericOp::F32Le:
  case NumericOp::F64Le:
    return FCmp(CmpInst::FCMP_OLE);
  case NumericOp::F32Ge:
  case NumericOp::F64Ge:
    return FCmp(CmpInst::FCMP_OGE);

  // ---- Integer arithmetic -----------------------------------------------
  case NumericOp::I32Clz:
  case NumericOp::I64Clz:
    return CountZeros(Intrinsic::ctlz);
  case NumericOp::I32Ctz:
  case NumericOp::I64Ctz:
    return CountZeros(Intrinsic::cttz);
  case NumericOp::I32Popcnt:
  case NumericOp::I64Popcnt:
    return UnaryIntrinsic(Intrinsic::ctpop);
  // Wasm integer arithmetic wraps, so no nsw/nuw flags.
  case NumericOp::I32Add:
  case NumericOp::I64Add:
    return Binary([&](Value *L, Value *R) { return B.CreateAdd(L, R); });
  case NumericOp::I32Sub:
  case NumericOp::I64Sub:
    return Binary([&](Value *L, Value *R) { return B.CreateSub(L, R); });
  case NumericOp::I32Mul:
  case NumericOp::I64Mul:
    return Binary([&](Value *L, Value *R) { return B.CreateMul(L, R); });
  case NumericOp::I32DivS:
  case NumericOp::I64DivS:
    return IntDivRem(/*Signed=*/true, /*IsRem=*/false);
  case NumericOp::I32DivU:
  case NumericOp::I64DivU:
    return IntDivRem(/*Signed=*/false, /*IsRem=*/false);
  case NumericOp::I32RemS:
  case NumericOp::I64RemS:
    return IntDivRem(/*Signed=*/true, /*IsRem=*/true);
  case NumericOp::I32RemU:
  case NumericOp::I64RemU:
    return IntDivRem(/*Signed=*/false, /*IsRem=*/true);
  case NumericOp::I32And:
  case NumericOp::I64And:
    return Binary([&](Value *L, Value *R) { return B.CreateAnd(L, R); });
  case NumericOp::I32Or:
  case NumericOp::I64Or:
    return Binary([&](Value *L, Value *R) { return B.CreateOr(L, R); });
  case NumericOp::I32Xor:
  case NumericOp::I64Xor:
    return Binary([&](Value *L, Value *R) { return B.CreateXor(L, R); });
  case NumericOp::I32Shl:
  case NumericOp::I64Shl:
    return Shift(Instruction::Shl);
  case NumericOp::I32ShrS:
  case NumericOp::I64ShrS:
    return Shift(Instruction::AShr);
  case NumericOp::I32ShrU:
  case NumericOp::I64ShrU:
    return Shift(Instruction::LShr);
  case NumericOp::I32Rotl:
  case NumericOp::I64Rotl:
    return Rotate(Intrinsic::fshl);
  case NumericOp::I32Rotr:
  case NumericOp::I64Rotr:
    return Rotate(Intrinsic::fshr);

  // ---- Float arithmetic -------------------------------------------------
  // fabs, fneg and copysign only touch the sign bit, as Wasm requires (NaN
  // payloads pass through unchanged).
  case NumericOp::F32Abs:
  case NumericOp::F64Abs:
    return UnaryIntrinsic(Intrinsic::fabs);
  case NumericOp::F32Neg:
  case NumericOp::F64Neg:
    return Unary([&](Value *V) { return B.CreateFNeg(V); });
  case NumericOp::F32Copysign:
  case NumericOp::F64Copysign:
    return BinaryIntrinsic(Intrinsic::copysign);
  case NumericOp::F32Ceil:
  case NumericOp::F64Ceil:
    return UnaryIntrinsic(Intrinsic::ceil);
  case NumericOp::F32Floor:
  case NumericOp::F64Floor:
    return UnaryIntrinsic(Intrinsic::floor);
  case NumericOp::F32Trunc:
  case NumericOp::F64Trunc:
    return UnaryIntrinsic(Intrinsic::trunc);
  // `nearest` rounds ties to even regardless of the rounding mode.
  case NumericOp::F32Nearest:
  case NumericOp::F64Nearest:
    return UnaryIntrinsic(Intrinsic::roundeven);
  case NumericOp::F32Sqrt:
  case NumericOp::F64Sqrt:
    return UnaryIntrinsic(Intrinsic::sqrt);
  case NumericOp::F32Add:
  case NumericOp::F64Add:
    return Binary([&](Value *L, Value *R) { return B.CreateFAdd(L, R); });
  case NumericOp::F32Sub:
  case NumericOp::F64Sub:
    return Binary([&](Value *L, Value *R) { return B.CreateFSub(L, R); });
  case NumericOp::F32Mul:
  case NumericOp::F64Mul:
    return Binary([&](Value *L, Value *R) { return B.CreateFMul(L, R); });
  case NumericOp::F32Div:
  case NumericOp::F64Div:
    return Binary([&](Value *L, Value *R) { return B.CreateFDiv(L, R); });
  case NumericOp::F32Min:
  case NumericOp::F64Min:
    return Binary([&](Value *L, Value *R) {
      return emitWasmMinMax(B, Intrinsic::minimum, L, R);
    });
  case NumericOp::F32Max:
  case NumericOp::F64Max:
    return Binary([&](Value *L, Value *R) {
      return emitWasmMinMax(B, Intrinsic::maximum, L, R);
    });

  // ---- Sign extension ---------------------------------------------------
  case NumericOp::I32Extend8S:
  case NumericOp::I64Extend8S:
    return SignExtendLow(8);
  case NumericOp::I32Extend16S:
  case NumericOp::I64Extend16S:
    return SignExtendLow(16);
  case NumericOp::I64Extend32S:
    return SignExtendLow(32);

  }
}

} // namespace wasm2native
