;; IR generation of the numeric instructions (EmitNumeric.cpp): constants,
;; comparisons, integer/float arithmetic and sign extension.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -S -emit-llvm -O0 %t.wasm -o - | FileCheck %s
;; At -O2 a division whose result is dropped must still trap (spec no_dce).
;; RUN: %w2n -S -emit-llvm -O2 %t.wasm -o - | FileCheck %s --check-prefix=OPT

(module
  ;; ---- constants: f32/f64 are built from the raw bits (sNaN payloads kept)
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.consts{{"?}}(
  ;; CHECK-DAG: i32 {{(\[ )?}}-5{{[], ]}}
  ;; CHECK-DAG: i64 {{(\[ )?}}-9223372036854775808{{[], ]}}
  ;; CHECK-DAG: float {{(\[ )?}}0x7FF4000000000000{{[], ]}}
  ;; CHECK-DAG: double {{(\[ )?}}0xFFF0000000000001{{[], ]}}
  (func $consts (export "consts") (result i32 i64 f32 f64)
    i32.const -5
    i64.const -9223372036854775808
    f32.const nan:0x200000
    f64.const -nan:0x1)

  ;; ---- integer comparisons produce i32 via zext of i1
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_eqz{{"?}}(
  ;; CHECK: icmp eq i32 {{.*}}, 0
  ;; CHECK: zext i1 {{.*}} to i32
  (func $i32_eqz (export "i32_eqz") (param i32) (result i32)
    (i32.eqz (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_eqz{{"?}}(
  ;; CHECK: icmp eq i64 {{.*}}, 0
  ;; CHECK: zext i1 {{.*}} to i32
  (func $i64_eqz (export "i64_eqz") (param i64) (result i32)
    (i64.eqz (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_lt_s{{"?}}(
  ;; CHECK: icmp slt i32
  ;; CHECK: zext i1 {{.*}} to i32
  (func $i32_lt_s (export "i32_lt_s") (param i32 i32) (result i32)
    (i32.lt_s (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_ge_u{{"?}}(
  ;; CHECK: icmp uge i32
  (func $i32_ge_u (export "i32_ge_u") (param i32 i32) (result i32)
    (i32.ge_u (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_gt_u{{"?}}(
  ;; CHECK: icmp ugt i64
  ;; CHECK: zext i1 {{.*}} to i32
  (func $i64_gt_u (export "i64_gt_u") (param i64 i64) (result i32)
    (i64.gt_u (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_le_s{{"?}}(
  ;; CHECK: icmp sle i64
  (func $i64_le_s (export "i64_le_s") (param i64 i64) (result i32)
    (i64.le_s (local.get 0) (local.get 1)))

  ;; ---- float comparisons: ordered, except ne (true for NaN)
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_eq{{"?}}(
  ;; CHECK: fcmp oeq float
  (func $f32_eq (export "f32_eq") (param f32 f32) (result i32)
    (f32.eq (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_ne{{"?}}(
  ;; CHECK: fcmp une float
  (func $f32_ne (export "f32_ne") (param f32 f32) (result i32)
    (f32.ne (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f64_lt{{"?}}(
  ;; CHECK: fcmp olt double
  ;; CHECK: zext i1 {{.*}} to i32
  (func $f64_lt (export "f64_lt") (param f64 f64) (result i32)
    (f64.lt (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f64_ge{{"?}}(
  ;; CHECK: fcmp oge double
  (func $f64_ge (export "f64_ge") (param f64 f64) (result i32)
    (f64.ge (local.get 0) (local.get 1)))

  ;; ---- bit counting: clz/ctz of 0 is defined (is_zero_poison = false)
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_clz{{"?}}(
  ;; CHECK: call i32 @llvm.ctlz.i32(i32 {{.*}}, i1 false)
  (func $i32_clz (export "i32_clz") (param i32) (result i32)
    (i32.clz (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_ctz{{"?}}(
  ;; CHECK: call i64 @llvm.cttz.i64(i64 {{.*}}, i1 false)
  (func $i64_ctz (export "i64_ctz") (param i64) (result i64)
    (i64.ctz (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_popcnt{{"?}}(
  ;; CHECK: call i64 @llvm.ctpop.i64(
  (func $i64_popcnt (export "i64_popcnt") (param i64) (result i64)
    (i64.popcnt (local.get 0)))

  ;; ---- wrapping arithmetic: no nsw/nuw
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_add_sub_mul{{"?}}(
  ;; CHECK: add i32
  ;; CHECK-NOT: nsw
  ;; CHECK: sub i32
  ;; CHECK-NOT: nsw
  ;; CHECK: mul i32
  (func $i32_add_sub_mul (export "i32_add_sub_mul") (param i32 i32) (result i32)
    (i32.mul (i32.sub (i32.add (local.get 0) (local.get 1)) (local.get 1))
             (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_bitwise{{"?}}(
  ;; CHECK: and i64
  ;; CHECK: or i64
  ;; CHECK: xor i64
  (func $i64_bitwise (export "i64_bitwise") (param i64 i64) (result i64)
    (i64.xor (i64.or (i64.and (local.get 0) (local.get 1)) (local.get 1))
             (local.get 0)))

  ;; ---- division: explicit traps before LLVM's UB cases
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_div_s{{"?}}(
  ;; CHECK-DAG: icmp eq i32 {{.*}}, 0
  ;; CHECK-DAG: icmp eq i32 {{.*}}, -1
  ;; CHECK-DAG: icmp eq i32 {{.*}}, -2147483648
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}2)
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}3)
  ;; CHECK-DAG: sdiv i32
  (func $i32_div_s (export "i32_div_s") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_div_u{{"?}}(
  ;; CHECK-NOT: @w2n_trap(i32 {{.*}}3)
  ;; CHECK-DAG: icmp eq i32 {{.*}}, 0
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}2)
  ;; CHECK-DAG: udiv i32
  ;; CHECK-NOT: @w2n_trap(i32 {{.*}}3)
  (func $i32_div_u (export "i32_div_u") (param i32 i32) (result i32)
    (i32.div_u (local.get 0) (local.get 1)))
  ;; rem_s never overflows: INT_MIN % -1 is 0, so -1 becomes 1 (srem by -1
  ;; would be UB) instead of trapping.
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_rem_s{{"?}}(
  ;; CHECK-NOT: @w2n_trap(i32 {{.*}}3)
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}2)
  ;; CHECK-DAG: [[ISM1:%.*]] = icmp eq i32 {{.*}}, -1
  ;; CHECK-DAG: [[DIV:%.*]] = select i1 [[ISM1]], i32 1, i32
  ;; CHECK-DAG: srem i32 {{.*}}, [[DIV]]
  ;; CHECK-NOT: @w2n_trap(i32 {{.*}}3)
  (func $i32_rem_s (export "i32_rem_s") (param i32 i32) (result i32)
    (i32.rem_s (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_rem_u{{"?}}(
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}2)
  ;; CHECK-DAG: urem i32
  (func $i32_rem_u (export "i32_rem_u") (param i32 i32) (result i32)
    (i32.rem_u (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_div_s{{"?}}(
  ;; CHECK-DAG: icmp eq i64 {{.*}}, 0
  ;; CHECK-DAG: icmp eq i64 {{.*}}, -9223372036854775808
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}2)
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}3)
  ;; CHECK-DAG: sdiv i64
  (func $i64_div_s (export "i64_div_s") (param i64 i64) (result i64)
    (i64.div_s (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_div_u{{"?}}(
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}2)
  ;; CHECK-DAG: udiv i64
  (func $i64_div_u (export "i64_div_u") (param i64 i64) (result i64)
    (i64.div_u (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_rem_s{{"?}}(
  ;; CHECK-NOT: @w2n_trap(i32 {{.*}}3)
  ;; CHECK-DAG: select i1 {{.*}}, i64 1, i64
  ;; CHECK-DAG: srem i64
  ;; CHECK-NOT: @w2n_trap(i32 {{.*}}3)
  (func $i64_rem_s (export "i64_rem_s") (param i64 i64) (result i64)
    (i64.rem_s (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_rem_u{{"?}}(
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}2)
  ;; CHECK-DAG: urem i64
  (func $i64_rem_u (export "i64_rem_u") (param i64 i64) (result i64)
    (i64.rem_u (local.get 0) (local.get 1)))
  ;; A constant non-zero divisor needs no check.
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_div_u_by_7{{"?}}(
  ;; CHECK-NOT: @w2n_trap
  ;; CHECK: udiv i32 {{.*}}, 7
  ;; CHECK-NOT: @w2n_trap
  (func $i32_div_u_by_7 (export "i32_div_u_by_7") (param i32) (result i32)
    (i32.div_u (local.get 0) (i32.const 7)))

  ;; The result is dropped, but the trap must stay (also at -O2).
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.div_s_dropped{{"?}}(
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}2)
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}3)
  ;; OPT-LABEL: define {{.*}}@{{"?}}wasm.div_s_dropped{{"?}}(
  ;; OPT-DAG: @w2n_trap(i32 {{.*}}2)
  ;; OPT-DAG: @w2n_trap(i32 {{.*}}3)
  (func $div_s_dropped (export "div_s_dropped") (param i32 i32)
    (drop (i32.div_s (local.get 0) (local.get 1))))
  ;; OPT-LABEL: define {{.*}}@{{"?}}wasm.rem_u_dropped{{"?}}(
  ;; OPT: @w2n_trap(i32 {{.*}}2)
  (func $rem_u_dropped (export "rem_u_dropped") (param i64 i64)
    (drop (i64.rem_u (local.get 0) (local.get 1))))

  ;; ---- shifts mask the count; rotates are funnel shifts
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_shl{{"?}}(
  ;; CHECK: [[N:%.*]] = and i32 {{.*}}, 31
  ;; CHECK: shl i32 {{.*}}, [[N]]
  (func $i32_shl (export "i32_shl") (param i32 i32) (result i32)
    (i32.shl (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_shr_s{{"?}}(
  ;; CHECK: [[N:%.*]] = and i32 {{.*}}, 31
  ;; CHECK: ashr i32 {{.*}}, [[N]]
  (func $i32_shr_s (export "i32_shr_s") (param i32 i32) (result i32)
    (i32.shr_s (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_shr_u{{"?}}(
  ;; CHECK: [[N:%.*]] = and i64 {{.*}}, 63
  ;; CHECK: lshr i64 {{.*}}, [[N]]
  (func $i64_shr_u (export "i64_shr_u") (param i64 i64) (result i64)
    (i64.shr_u (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_rotl{{"?}}(
  ;; CHECK: call i32 @llvm.fshl.i32(i32 [[X:%.*]], i32 [[X]], i32
  (func $i32_rotl (export "i32_rotl") (param i32 i32) (result i32)
    (i32.rotl (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_rotr{{"?}}(
  ;; CHECK: call i64 @llvm.fshr.i64(i64 [[X:%.*]], i64 [[X]], i64
  (func $i64_rotr (export "i64_rotr") (param i64 i64) (result i64)
    (i64.rotr (local.get 0) (local.get 1)))

  ;; ---- float arithmetic (never with fast-math flags)
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_arith{{"?}}(
  ;; CHECK-NOT: {{fast|nnan|ninf|nsz|arcp|contract|afn|reassoc}}
  ;; CHECK: fadd float
  ;; CHECK: fsub float
  ;; CHECK: fmul float
  ;; CHECK: fdiv float
  ;; CHECK-NOT: {{fast|nnan|ninf|nsz|arcp|contract|afn|reassoc}}
  (func $f32_arith (export "f32_arith") (param f32 f32) (result f32)
    (f32.div (f32.mul (f32.sub (f32.add (local.get 0) (local.get 1))
                               (local.get 1))
                      (local.get 0))
             (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f64_sqrt{{"?}}(
  ;; CHECK: call double @llvm.sqrt.f64(
  (func $f64_sqrt (export "f64_sqrt") (param f64) (result f64)
    (f64.sqrt (local.get 0)))
  ;; abs/neg/copysign only touch the sign bit
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_abs{{"?}}(
  ;; CHECK: call float @llvm.fabs.f32(
  (func $f32_abs (export "f32_abs") (param f32) (result f32)
    (f32.abs (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f64_neg{{"?}}(
  ;; CHECK: fneg double
  (func $f64_neg (export "f64_neg") (param f64) (result f64)
    (f64.neg (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_copysign{{"?}}(
  ;; CHECK: call float @llvm.copysign.f32(
  (func $f32_copysign (export "f32_copysign") (param f32 f32) (result f32)
    (f32.copysign (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f64_rounding{{"?}}(
  ;; CHECK: call double @llvm.ceil.f64(
  ;; CHECK: call double @llvm.floor.f64(
  ;; CHECK: call double @llvm.trunc.f64(
  ;; CHECK: call double @llvm.roundeven.f64(
  (func $f64_rounding (export "f64_rounding") (param f64) (result f64)
    (f64.nearest (f64.trunc (f64.floor (f64.ceil (local.get 0))))))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_nearest{{"?}}(
  ;; CHECK: call float @llvm.roundeven.f32(
  (func $f32_nearest (export "f32_nearest") (param f32) (result f32)
    (f32.nearest (local.get 0)))
  ;; min/max: IEEE 754-2019 minimum/maximum, NaN operands quietened by an add.
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_min{{"?}}(
  ;; CHECK-DAG: [[M:%.*]] = call float @llvm.minimum.f32(
  ;; CHECK-DAG: [[UNO:%.*]] = fcmp uno float
  ;; CHECK-DAG: [[Q:%.*]] = fadd float
  ;; CHECK: select i1 [[UNO]], float [[Q]], float [[M]]
  (func $f32_min (export "f32_min") (param f32 f32) (result f32)
    (f32.min (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f64_max{{"?}}(
  ;; CHECK-DAG: [[M:%.*]] = call double @llvm.maximum.f64(
  ;; CHECK-DAG: [[UNO:%.*]] = fcmp uno double
  ;; CHECK-DAG: [[Q:%.*]] = fadd double
  ;; CHECK: select i1 [[UNO]], double [[Q]], double [[M]]
  (func $f64_max (export "f64_max") (param f64 f64) (result f64)
    (f64.max (local.get 0) (local.get 1)))

  ;; ---- sign extension
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_extend8_s{{"?}}(
  ;; CHECK: [[T:%.*]] = trunc i32 {{.*}} to i8
  ;; CHECK: sext i8 [[T]] to i32
  (func $i32_extend8_s (export "i32_extend8_s") (param i32) (result i32)
    (i32.extend8_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_extend16_s{{"?}}(
  ;; CHECK: [[T:%.*]] = trunc i32 {{.*}} to i16
  ;; CHECK: sext i16 [[T]] to i32
  (func $i32_extend16_s (export "i32_extend16_s") (param i32) (result i32)
    (i32.extend16_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_extend32_s{{"?}}(
  ;; CHECK: [[T:%.*]] = trunc i64 {{.*}} to i32
  ;; CHECK: sext i32 [[T]] to i64
  (func $i64_extend32_s (export "i64_extend32_s") (param i64) (result i64)
    (i64.extend32_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_extend8_s{{"?}}(
  ;; CHECK: [[T:%.*]] = trunc i64 {{.*}} to i8
  ;; CHECK: sext i8 [[T]] to i64
  (func $i64_extend8_s (export "i64_extend8_s") (param i64) (result i64)
    (i64.extend8_s (local.get 0)))
)
