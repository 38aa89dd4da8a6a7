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

bool FunctionEmitter::emitNumeric(Opcode Op, BinaryCursor &Imm) {
  // Binary operators pop the right operand first.
  auto Binary = [&](auto Make) {
    Value *R = pop();
    Value *L = pop();
    push(Make(L, R));
    return true;
  };
  auto Unary = [&](auto Make) {
    push(Make(pop()));
    return true;
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
    return true;
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
  // The input has been validated, so reading the immediates cannot fail.
  case Opcode::I32Const:
    push(B.getInt32(static_cast<uint32_t>(cantFail(Imm.readVarS32()))));
    return true;
  case Opcode::I64Const:
    push(B.getInt64(static_cast<uint64_t>(cantFail(Imm.readVarS64()))));
    return true;
  // Built from the raw bits so NaN payloads (including signalling NaNs)
  // survive unchanged.
  case Opcode::F32Const: {
    uint32_t Bits = cantFail(Imm.readFixedU32());
    push(ConstantFP::get(context(),
                         APFloat(APFloat::IEEEsingle(), APInt(32, Bits))));
    return true;
  }
  case Opcode::F64Const: {
    uint64_t Bits = cantFail(Imm.readFixedU64());
    push(ConstantFP::get(context(),
                         APFloat(APFloat::IEEEdouble(), APInt(64, Bits))));
    return true;
  }

  // ---- Integer comparisons ----------------------------------------------
  case Opcode::I32Eqz:
  case Opcode::I64Eqz:
    return Unary([&](Value *V) {
      Value *IsZero = B.CreateICmpEQ(V, Constant::getNullValue(V->getType()));
      return B.CreateZExt(IsZero, i32());
    });
  case Opcode::I32Eq:
  case Opcode::I64Eq:
    return ICmp(CmpInst::ICMP_EQ);
  case Opcode::I32Ne:
  case Opcode::I64Ne:
    return ICmp(CmpInst::ICMP_NE);
  case Opcode::I32LtS:
  case Opcode::I64LtS:
    return ICmp(CmpInst::ICMP_SLT);
  case Opcode::I32LtU:
  case Opcode::I64LtU:
    return ICmp(CmpInst::ICMP_ULT);
  case Opcode::I32GtS:
  case Opcode::I64GtS:
    return ICmp(CmpInst::ICMP_SGT);
  case Opcode::I32GtU:
  case Opcode::I64GtU:
    return ICmp(CmpInst::ICMP_UGT);
  case Opcode::I32LeS:
  case Opcode::I64LeS:
    return ICmp(CmpInst::ICMP_SLE);
  case Opcode::I32LeU:
  case Opcode::I64LeU:
    return ICmp(CmpInst::ICMP_ULE);
  case Opcode::I32GeS:
  case Opcode::I64GeS:
    return ICmp(CmpInst::ICMP_SGE);
  case Opcode::I32GeU:
  case Opcode::I64GeU:
    return ICmp(CmpInst::ICMP_UGE);

  // ---- Float comparisons ------------------------------------------------
  case Opcode::F32Eq:
  case Opcode::F64Eq:
    return FCmp(CmpInst::FCMP_OEQ);
  case Opcode::F32Ne:
  case Opcode::F64Ne:
    return FCmp(CmpInst::FCMP_UNE);
  case Opcode::F32Lt:
  case Opcode::F64Lt:
    return FCmp(CmpInst::FCMP_OLT);
  case Opcode::F32Gt:
  case Opcode::F64Gt:
    return FCmp(CmpInst::FCMP_OGT);
  case Opcode::F32Le:
  case Opcode::F64Le:
    return FCmp(CmpInst::FCMP_OLE);
  case Opcode::F32Ge:
  case Opcode::F64Ge:
    return FCmp(CmpInst::FCMP_OGE);

  // ---- Integer arithmetic -----------------------------------------------
  case Opcode::I32Clz:
  case Opcode::I64Clz:
    return CountZeros(Intrinsic::ctlz);
  case Opcode::I32Ctz:
  case Opcode::I64Ctz:
    return CountZeros(Intrinsic::cttz);
  case Opcode::I32Popcnt:
  case Opcode::I64Popcnt:
    return UnaryIntrinsic(Intrinsic::ctpop);
  // Wasm integer arithmetic wraps, so no nsw/nuw flags.
  case Opcode::I32Add:
  case Opcode::I64Add:
    return Binary([&](Value *L, Value *R) { return B.CreateAdd(L, R); });
  case Opcode::I32Sub:
  case Opcode::I64Sub:
    return Binary([&](Value *L, Value *R) { return B.CreateSub(L, R); });
  case Opcode::I32Mul:
  case Opcode::I64Mul:
    return Binary([&](Value *L, Value *R) { return B.CreateMul(L, R); });
  case Opcode::I32DivS:
  case Opcode::I64DivS:
    return IntDivRem(/*Signed=*/true, /*IsRem=*/false);
  case Opcode::I32DivU:
  case Opcode::I64DivU:
    return IntDivRem(/*Signed=*/false, /*IsRem=*/false);
  case Opcode::I32RemS:
  case Opcode::I64RemS:
    return IntDivRem(/*Signed=*/true, /*IsRem=*/true);
  case Opcode::I32RemU:
  case Opcode::I64RemU:
    return IntDivRem(/*Signed=*/false, /*IsRem=*/true);
  case Opcode::I32And:
  case Opcode::I64And:
    return Binary([&](Value *L, Value *R) { return B.CreateAnd(L, R); });
  case Opcode::I32Or:
  case Opcode::I64Or:
    return Binary([&](Value *L, Value *R) { return B.CreateOr(L, R); });
  case Opcode::I32Xor:
  case Opcode::I64Xor:
    return Binary([&](Value *L, Value *R) { return B.CreateXor(L, R); });
  case Opcode::I32Shl:
  case Opcode::I64Shl:
    return Shift(Instruction::Shl);
  case Opcode::I32ShrS:
  case Opcode::I64ShrS:
    return Shift(Instruction::AShr);
  case Opcode::I32ShrU:
  case Opcode::I64ShrU:
    return Shift(Instruction::LShr);
  case Opcode::I32Rotl:
  case Opcode::I64Rotl:
    return Rotate(Intrinsic::fshl);
  case Opcode::I32Rotr:
  case Opcode::I64Rotr:
    return Rotate(Intrinsic::fshr);

  // ---- Float arithmetic -------------------------------------------------
  // fabs, fneg and copysign only touch the sign bit, as Wasm requires (NaN
  // payloads pass through unchanged).
  case Opcode::F32Abs:
  case Opcode::F64Abs:
    return UnaryIntrinsic(Intrinsic::fabs);
  case Opcode::F32Neg:
  case Opcode::F64Neg:
    return Unary([&](Value *V) { return B.CreateFNeg(V); });
  case Opcode::F32Copysign:
  case Opcode::F64Copysign:
    return BinaryIntrinsic(Intrinsic::copysign);
  case Opcode::F32Ceil:
  case Opcode::F64Ceil:
    return UnaryIntrinsic(Intrinsic::ceil);
  case Opcode::F32Floor:
  case Opcode::F64Floor:
    return UnaryIntrinsic(Intrinsic::floor);
  case Opcode::F32Trunc:
  case Opcode::F64Trunc:
    return UnaryIntrinsic(Intrinsic::trunc);
  // `nearest` rounds ties to even regardless of the rounding mode.
  case Opcode::F32Nearest:
  case Opcode::F64Nearest:
    return UnaryIntrinsic(Intrinsic::roundeven);
  case Opcode::F32Sqrt:
  case Opcode::F64Sqrt:
    return UnaryIntrinsic(Intrinsic::sqrt);
  case Opcode::F32Add:
  case Opcode::F64Add:
    return Binary([&](Value *L, Value *R) { return B.CreateFAdd(L, R); });
  case Opcode::F32Sub:
  case Opcode::F64Sub:
    return Binary([&](Value *L, Value *R) { return B.CreateFSub(L, R); });
  case Opcode::F32Mul:
  case Opcode::F64Mul:
    return Binary([&](Value *L, Value *R) { return B.CreateFMul(L, R); });
  case Opcode::F32Div:
  case Opcode::F64Div:
    return Binary([&](Value *L, Value *R) { return B.CreateFDiv(L, R); });
  case Opcode::F32Min:
  case Opcode::F64Min:
    return Binary([&](Value *L, Value *R) {
      return emitWasmMinMax(B, Intrinsic::minimum, L, R);
    });
  case Opcode::F32Max:
  case Opcode::F64Max:
    return Binary([&](Value *L, Value *R) {
      return emitWasmMinMax(B, Intrinsic::maximum, L, R);
    });

  // ---- Sign extension ---------------------------------------------------
  case Opcode::I32Extend8S:
  case Opcode::I64Extend8S:
    return SignExtendLow(8);
  case Opcode::I32Extend16S:
  case Opcode::I64Extend16S:
    return SignExtendLow(16);
  case Opcode::I64Extend32S:
    return SignExtendLow(32);

  default:
    return false;
  }
}

} // namespace wasm2native
