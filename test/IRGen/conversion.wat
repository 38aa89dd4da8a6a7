;; IR generation of the conversions (EmitConversion.cpp).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -S -emit-llvm -O0 %t.wasm -o - | FileCheck %s
;; A dropped trapping truncation must still trap at -O2 (spec no_dce).
;; RUN: %w2n -S -emit-llvm -O2 %t.wasm -o - | FileCheck %s --check-prefix=OPT

(module
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_wrap_i64{{"?}}(
  ;; CHECK: trunc i64 {{.*}} to i32
  (func $i32_wrap_i64 (export "i32_wrap_i64") (param i64) (result i32)
    (i32.wrap_i64 (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_extend_i32_s{{"?}}(
  ;; CHECK: sext i32 {{.*}} to i64
  (func $i64_extend_i32_s (export "i64_extend_i32_s") (param i32) (result i64)
    (i64.extend_i32_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_extend_i32_u{{"?}}(
  ;; CHECK: zext i32 {{.*}} to i64
  (func $i64_extend_i32_u (export "i64_extend_i32_u") (param i32) (result i64)
    (i64.extend_i32_u (local.get 0)))

  ;; ---- trapping truncation: NaN -> invalid conversion (4), then the exact
  ;; range check -> integer overflow (3), then the plain conversion.
  ;; i32 from f32: [-2^31, 2^31)
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_trunc_f32_s{{"?}}(
  ;; CHECK-DAG: fcmp uno float
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}4)
  ;; CHECK-DAG: fcmp ult float {{.*}}, 0xC1E0000000000000
  ;; CHECK-DAG: fcmp uge float {{.*}}, 0x41E0000000000000
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}3)
  ;; CHECK-DAG: fptosi float {{.*}} to i32
  (func $i32_trunc_f32_s (export "i32_trunc_f32_s") (param f32) (result i32)
    (i32.trunc_f32_s (local.get 0)))
  ;; i32 from f32, unsigned: (-1, 2^32)
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_trunc_f32_u{{"?}}(
  ;; CHECK-DAG: fcmp uno float
  ;; CHECK-DAG: fcmp ule float {{.*}}, -1.000000e+00
  ;; CHECK-DAG: fcmp uge float {{.*}}, 0x41F0000000000000
  ;; CHECK-DAG: fptoui float {{.*}} to i32
  (func $i32_trunc_f32_u (export "i32_trunc_f32_u") (param f32) (result i32)
    (i32.trunc_f32_u (local.get 0)))
  ;; i32 from f64: (-2^31 - 1, 2^31)
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_trunc_f64_s{{"?}}(
  ;; CHECK-DAG: fcmp uno double
  ;; CHECK-DAG: fcmp ule double {{.*}}, 0xC1E0000000200000
  ;; CHECK-DAG: fcmp uge double {{.*}}, 0x41E0000000000000
  ;; CHECK-DAG: fptosi double {{.*}} to i32
  (func $i32_trunc_f64_s (export "i32_trunc_f64_s") (param f64) (result i32)
    (i32.trunc_f64_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_trunc_f64_u{{"?}}(
  ;; CHECK-DAG: fcmp ule double {{.*}}, -1.000000e+00
  ;; CHECK-DAG: fcmp uge double {{.*}}, 0x41F0000000000000
  ;; CHECK-DAG: fptoui double {{.*}} to i32
  (func $i32_trunc_f64_u (export "i32_trunc_f64_u") (param f64) (result i32)
    (i32.trunc_f64_u (local.get 0)))
  ;; i64: [-2^63, 2^63) and (-1, 2^64)
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_trunc_f32_s{{"?}}(
  ;; CHECK-DAG: fcmp ult float {{.*}}, 0xC3E0000000000000
  ;; CHECK-DAG: fcmp uge float {{.*}}, 0x43E0000000000000
  ;; CHECK-DAG: fptosi float {{.*}} to i64
  (func $i64_trunc_f32_s (export "i64_trunc_f32_s") (param f32) (result i64)
    (i64.trunc_f32_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_trunc_f32_u{{"?}}(
  ;; CHECK-DAG: fcmp ule float {{.*}}, -1.000000e+00
  ;; CHECK-DAG: fcmp uge float {{.*}}, 0x43F0000000000000
  ;; CHECK-DAG: fptoui float {{.*}} to i64
  (func $i64_trunc_f32_u (export "i64_trunc_f32_u") (param f32) (result i64)
    (i64.trunc_f32_u (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_trunc_f64_s{{"?}}(
  ;; CHECK-DAG: fcmp uno double
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}4)
  ;; CHECK-DAG: fcmp ult double {{.*}}, 0xC3E0000000000000
  ;; CHECK-DAG: fcmp uge double {{.*}}, 0x43E0000000000000
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}3)
  ;; CHECK-DAG: fptosi double {{.*}} to i64
  (func $i64_trunc_f64_s (export "i64_trunc_f64_s") (param f64) (result i64)
    (i64.trunc_f64_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_trunc_f64_u{{"?}}(
  ;; CHECK-DAG: fcmp ule double {{.*}}, -1.000000e+00
  ;; CHECK-DAG: fcmp uge double {{.*}}, 0x43F0000000000000
  ;; CHECK-DAG: fptoui double {{.*}} to i64
  (func $i64_trunc_f64_u (export "i64_trunc_f64_u") (param f64) (result i64)
    (i64.trunc_f64_u (local.get 0)))

  ;; The result is dropped, but both traps must stay (also at -O2).
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.trunc_dropped{{"?}}(
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}4)
  ;; CHECK-DAG: @w2n_trap(i32 {{.*}}3)
  ;; OPT-LABEL: define {{.*}}@{{"?}}wasm.trunc_dropped{{"?}}(
  ;; OPT-DAG: @w2n_trap(i32 {{.*}}4)
  ;; OPT-DAG: @w2n_trap(i32 {{.*}}3)
  (func $trunc_dropped (export "trunc_dropped") (param f64)
    (drop (i32.trunc_f64_s (local.get 0))))

  ;; ---- saturating truncation: never traps
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_trunc_sat_f32_s{{"?}}(
  ;; CHECK-NOT: @w2n_trap
  ;; CHECK: call i32 @llvm.fptosi.sat.i32.f32(
  ;; CHECK-NOT: @w2n_trap
  (func $i32_trunc_sat_f32_s (export "i32_trunc_sat_f32_s") (param f32) (result i32)
    (i32.trunc_sat_f32_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_trunc_sat_f32_u{{"?}}(
  ;; CHECK: call i32 @llvm.fptoui.sat.i32.f32(
  (func $i32_trunc_sat_f32_u (export "i32_trunc_sat_f32_u") (param f32) (result i32)
    (i32.trunc_sat_f32_u (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_trunc_sat_f64_s{{"?}}(
  ;; CHECK: call i32 @llvm.fptosi.sat.i32.f64(
  (func $i32_trunc_sat_f64_s (export "i32_trunc_sat_f64_s") (param f64) (result i32)
    (i32.trunc_sat_f64_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_trunc_sat_f64_u{{"?}}(
  ;; CHECK: call i32 @llvm.fptoui.sat.i32.f64(
  (func $i32_trunc_sat_f64_u (export "i32_trunc_sat_f64_u") (param f64) (result i32)
    (i32.trunc_sat_f64_u (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_trunc_sat_f32_s{{"?}}(
  ;; CHECK: call i64 @llvm.fptosi.sat.i64.f32(
  (func $i64_trunc_sat_f32_s (export "i64_trunc_sat_f32_s") (param f32) (result i64)
    (i64.trunc_sat_f32_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_trunc_sat_f32_u{{"?}}(
  ;; CHECK: call i64 @llvm.fptoui.sat.i64.f32(
  (func $i64_trunc_sat_f32_u (export "i64_trunc_sat_f32_u") (param f32) (result i64)
    (i64.trunc_sat_f32_u (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_trunc_sat_f64_s{{"?}}(
  ;; CHECK: call i64 @llvm.fptosi.sat.i64.f64(
  (func $i64_trunc_sat_f64_s (export "i64_trunc_sat_f64_s") (param f64) (result i64)
    (i64.trunc_sat_f64_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_trunc_sat_f64_u{{"?}}(
  ;; CHECK-NOT: @w2n_trap
  ;; CHECK: call i64 @llvm.fptoui.sat.i64.f64(
  ;; CHECK-NOT: @w2n_trap
  (func $i64_trunc_sat_f64_u (export "i64_trunc_sat_f64_u") (param f64) (result i64)
    (i64.trunc_sat_f64_u (local.get 0)))

  ;; ---- int -> float
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_convert_i32_s{{"?}}(
  ;; CHECK: sitofp i32 {{.*}} to float
  (func $f32_convert_i32_s (export "f32_convert_i32_s") (param i32) (result f32)
    (f32.convert_i32_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_convert_i32_u{{"?}}(
  ;; CHECK: uitofp i32 {{.*}} to float
  (func $f32_convert_i32_u (export "f32_convert_i32_u") (param i32) (result f32)
    (f32.convert_i32_u (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_convert_i64_u{{"?}}(
  ;; CHECK: uitofp i64 {{.*}} to float
  (func $f32_convert_i64_u (export "f32_convert_i64_u") (param i64) (result f32)
    (f32.convert_i64_u (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_convert_i64_s{{"?}}(
  ;; CHECK: sitofp i64 {{.*}} to float
  (func $f32_convert_i64_s (export "f32_convert_i64_s") (param i64) (result f32)
    (f32.convert_i64_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f64_convert_i32_u{{"?}}(
  ;; CHECK: uitofp i32 {{.*}} to double
  (func $f64_convert_i32_u (export "f64_convert_i32_u") (param i32) (result f64)
    (f64.convert_i32_u (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f64_convert_i64_s{{"?}}(
  ;; CHECK: sitofp i64 {{.*}} to double
  (func $f64_convert_i64_s (export "f64_convert_i64_s") (param i64) (result f64)
    (f64.convert_i64_s (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f64_convert_i64_u{{"?}}(
  ;; CHECK: uitofp i64 {{.*}} to double
  (func $f64_convert_i64_u (export "f64_convert_i64_u") (param i64) (result f64)
    (f64.convert_i64_u (local.get 0)))

  ;; ---- float <-> float, reinterpret
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_demote_f64{{"?}}(
  ;; CHECK: fptrunc double {{.*}} to float
  (func $f32_demote_f64 (export "f32_demote_f64") (param f64) (result f32)
    (f32.demote_f64 (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f64_promote_f32{{"?}}(
  ;; CHECK: fpext float {{.*}} to double
  (func $f64_promote_f32 (export "f64_promote_f32") (param f32) (result f64)
    (f64.promote_f32 (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i32_reinterpret_f32{{"?}}(
  ;; CHECK: bitcast float {{.*}} to i32
  (func $i32_reinterpret_f32 (export "i32_reinterpret_f32") (param f32) (result i32)
    (i32.reinterpret_f32 (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.i64_reinterpret_f64{{"?}}(
  ;; CHECK: bitcast double {{.*}} to i64
  (func $i64_reinterpret_f64 (export "i64_reinterpret_f64") (param f64) (result i64)
    (i64.reinterpret_f64 (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f32_reinterpret_i32{{"?}}(
  ;; CHECK: bitcast i32 {{.*}} to float
  (func $f32_reinterpret_i32 (export "f32_reinterpret_i32") (param i32) (result f32)
    (f32.reinterpret_i32 (local.get 0)))
  ;; CHECK-LABEL: define {{.*}}@{{"?}}wasm.f64_reinterpret_i64{{"?}}(
  ;; CHECK: bitcast i64 {{.*}} to double
  (func $f64_reinterpret_i64 (export "f64_reinterpret_i64") (param i64) (result f64)
    (f64.reinterpret_i64 (local.get 0)))
)
