;; SIMD instructions become real x86 vector code: SSE2 for the default
;; x86-64 baseline, VEX-encoded AVX forms with -mcpu=skylake.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %w2n -O2 -S %t.wasm -o - | FileCheck %s
;; RUN: %w2n -O2 -S -mcpu=skylake %t.wasm -o - | FileCheck %s --check-prefix=AVX

(module
  ;; ---- Arithmetic -------------------------------------------------------
  ;; CHECK-LABEL: wasm.i32x4_add:
  ;; CHECK: paddd
  ;; AVX-LABEL: wasm.i32x4_add:
  ;; AVX: vpaddd
  (func (export "i32x4_add") (param v128 v128) (result v128)
    (i32x4.add (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: wasm.f32x4_mul:
  ;; CHECK: mulps
  ;; AVX-LABEL: wasm.f32x4_mul:
  ;; AVX: vmulps
  (func (export "f32x4_mul") (param v128 v128) (result v128)
    (f32x4.mul (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: wasm.f64x2_sub:
  ;; CHECK: subpd
  ;; AVX-LABEL: wasm.f64x2_sub:
  ;; AVX: vsubpd
  (func (export "f64x2_sub") (param v128 v128) (result v128)
    (f64x2.sub (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: wasm.i16x8_mul:
  ;; CHECK: pmullw
  ;; AVX-LABEL: wasm.i16x8_mul:
  ;; AVX: vpmullw
  (func (export "i16x8_mul") (param v128 v128) (result v128)
    (i16x8.mul (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: wasm.i32x4_dot:
  ;; CHECK: pmaddwd
  ;; AVX-LABEL: wasm.i32x4_dot:
  ;; AVX: vpmaddwd
  (func (export "i32x4_dot") (param v128 v128) (result v128)
    (i32x4.dot_i16x8_s (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: wasm.i8x16_avgr_u:
  ;; CHECK: pavgb
  ;; AVX-LABEL: wasm.i8x16_avgr_u:
  ;; AVX: vpavgb
  (func (export "i8x16_avgr_u") (param v128 v128) (result v128)
    (i8x16.avgr_u (local.get 0) (local.get 1)))

  ;; The shift count is masked to the lane width, then one vector shift.
  ;; CHECK-LABEL: wasm.i32x4_shl:
  ;; CHECK: andl $31
  ;; CHECK: pslld
  ;; AVX-LABEL: wasm.i32x4_shl:
  ;; AVX: vpslld
  (func (export "i32x4_shl") (param v128 i32) (result v128)
    (i32x4.shl (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: wasm.i32x4_gt_s:
  ;; CHECK: pcmpgtd
  ;; AVX-LABEL: wasm.i32x4_gt_s:
  ;; AVX: vpcmpgtd
  (func (export "i32x4_gt_s") (param v128 v128) (result v128)
    (i32x4.gt_s (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: wasm.i8x16_bitmask:
  ;; CHECK: pmovmskb
  ;; AVX-LABEL: wasm.i8x16_bitmask:
  ;; AVX: vpmovmskb
  (func (export "i8x16_bitmask") (param v128) (result i32)
    (i8x16.bitmask (local.get 0)))

  ;; ---- Saturating arithmetic and narrowing ------------------------------
  ;; CHECK-LABEL: wasm.i8x16_add_sat_s:
  ;; CHECK: paddsb
  ;; AVX-LABEL: wasm.i8x16_add_sat_s:
  ;; AVX: vpaddsb
  (func (export "i8x16_add_sat_s") (param v128 v128) (result v128)
    (i8x16.add_sat_s (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: wasm.i16x8_add_sat_u:
  ;; CHECK: paddusw
  ;; AVX-LABEL: wasm.i16x8_add_sat_u:
  ;; AVX: vpaddusw
  (func (export "i16x8_add_sat_u") (param v128 v128) (result v128)
    (i16x8.add_sat_u (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: wasm.i16x8_sub_sat_u:
  ;; CHECK: psubusw
  ;; AVX-LABEL: wasm.i16x8_sub_sat_u:
  ;; AVX: vpsubusw
  (func (export "i16x8_sub_sat_u") (param v128 v128) (result v128)
    (i16x8.sub_sat_u (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: wasm.i8x16_narrow_s:
  ;; CHECK: packsswb
  ;; AVX-LABEL: wasm.i8x16_narrow_s:
  ;; AVX: vpacksswb
  (func (export "i8x16_narrow_s") (param v128 v128) (result v128)
    (i8x16.narrow_i16x8_s (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: wasm.i8x16_narrow_u:
  ;; CHECK: packuswb
  ;; AVX-LABEL: wasm.i8x16_narrow_u:
  ;; AVX: vpackuswb
  (func (export "i8x16_narrow_u") (param v128 v128) (result v128)
    (i8x16.narrow_i16x8_u (local.get 0) (local.get 1)))

  ;; ---- Shuffles, splats, swizzle ----------------------------------------
  ;; CHECK-LABEL: wasm.i32x4_splat:
  ;; CHECK: pshufd $0
  ;; AVX-LABEL: wasm.i32x4_splat:
  ;; AVX: vpbroadcastd
  (func (export "i32x4_splat") (param i32) (result v128)
    (i32x4.splat (local.get 0)))

  ;; CHECK-LABEL: wasm.shuffle_interleave:
  ;; CHECK: unpcklps
  ;; AVX-LABEL: wasm.shuffle_interleave:
  ;; AVX: vunpcklps
  (func (export "shuffle_interleave") (param v128 v128) (result v128)
    (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
      (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: wasm.i16x8_extend_low_s:
  ;; CHECK: punpcklbw
  ;; CHECK: psraw $8
  ;; AVX-LABEL: wasm.i16x8_extend_low_s:
  ;; AVX: vpmovsxbw
  (func (export "i16x8_extend_low_s") (param v128) (result v128)
    (i16x8.extend_low_i8x16_s (local.get 0)))

  ;; SSE2 has no variable byte shuffle: the baseline gathers byte by byte.
  ;; With SSSE3 the same IR becomes one pshufb plus the >= 16 zeroing.
  ;; CHECK-LABEL: wasm.i8x16_swizzle:
  ;; CHECK: punpcklbw
  ;; CHECK: pcmpeqb
  ;; AVX-LABEL: wasm.i8x16_swizzle:
  ;; AVX: vpshufb
  ;; AVX: vpcmpeqb
  (func (export "i8x16_swizzle") (param v128 v128) (result v128)
    (i8x16.swizzle (local.get 0) (local.get 1)))

  ;; ---- Conversions ------------------------------------------------------
  ;; CHECK-LABEL: wasm.f32x4_convert_s:
  ;; CHECK: cvtdq2ps
  ;; AVX-LABEL: wasm.f32x4_convert_s:
  ;; AVX: vcvtdq2ps
  (func (export "f32x4_convert_s") (param v128) (result v128)
    (f32x4.convert_i32x4_s (local.get 0)))

  ;; CHECK-LABEL: wasm.f64x2_convert_low_s:
  ;; CHECK: cvtdq2pd
  ;; AVX-LABEL: wasm.f64x2_convert_low_s:
  ;; AVX: vcvtdq2pd
  (func (export "f64x2_convert_low_s") (param v128) (result v128)
    (f64x2.convert_low_i32x4_s (local.get 0)))

  ;; CHECK-LABEL: wasm.f32x4_demote:
  ;; CHECK: cvtpd2ps
  ;; AVX-LABEL: wasm.f32x4_demote:
  ;; AVX: vcvtpd2ps
  (func (export "f32x4_demote") (param v128) (result v128)
    (f32x4.demote_f64x2_zero (local.get 0)))

  ;; CHECK-LABEL: wasm.f64x2_promote:
  ;; CHECK: cvtps2pd
  ;; AVX-LABEL: wasm.f64x2_promote:
  ;; AVX: vcvtps2pd
  (func (export "f64x2_promote") (param v128) (result v128)
    (f64x2.promote_low_f32x4 (local.get 0)))

  ;; fptosi.sat clamps and zeroes NaN around the truncating conversion.
  ;; CHECK-LABEL: wasm.i32x4_trunc_sat_s:
  ;; CHECK: cvttss2si
  ;; AVX-LABEL: wasm.i32x4_trunc_sat_s:
  ;; AVX: vcvttss2si
  (func (export "i32x4_trunc_sat_s") (param v128) (result v128)
    (i32x4.trunc_sat_f32x4_s (local.get 0)))

  ;; ---- Memory -----------------------------------------------------------
  (memory 1)
  ;; CHECK-LABEL: wasm.load_add_store:
  ;; CHECK: movdqu
  ;; CHECK: paddb
  ;; CHECK: movdqu
  ;; AVX-LABEL: wasm.load_add_store:
  ;; AVX: vpaddb
  (func (export "load_add_store") (param i32 v128)
    (v128.store offset=16 (local.get 0)
      (i8x16.add (v128.load (local.get 0)) (local.get 1))))
)
