// Relaxed SIMD from clang -mrelaxed-simd, at -O0 and -O2. Each result is
// the one wasm2native documents (EmitSIMD.cpp): the deterministic
// instruction's result, madd/nmadd rounded twice, i7 dot products signed
// with wrapping pair sums. The program compares every lane with a scalar
// computation of that choice and prints the lanes of the interesting ones.
// RUN: %wasi-cc -O1 -msimd128 -mrelaxed-simd %s -o %t.wasm
// RUN: %w2n -O0 %t.wasm -o %t.O0
// RUN: %t.O0 > %t.out0
// RUN: FileCheck %s --input-file %t.out0 --match-full-lines
// RUN: %w2n -O2 %t.wasm -o %t.O2
// RUN: %t.O2 > %t.out2
// RUN: diff %t.out0 %t.out2
// Without the feature the module is rejected.
// RUN: not %w2n --disable-relaxed-simd %t.wasm -o %t.no 2>&1 | FileCheck %s --check-prefix=OFF
// OFF: {{.*}}error: illegal opcode 0xfd01{{[0-9a-f]+}}

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasm_simd128.h>

static int Failures;

static void expect(const char *What, const void *Got, const void *Want) {
  if (memcmp(Got, Want, 16) != 0) {
    printf("FAIL %s\n", What);
    ++Failures;
  }
}

// Opaque to the optimiser, so the instructions really run.
static v128_t load(const void *P) {
  v128_t V;
  memcpy(&V, P, 16);
  __asm__ volatile("" : "+r"(P));
  return V;
}

int main(void) {
  // swizzle: indices >= 16 give 0.
  uint8_t Src[16], Idx[16] = {0, 15, 16, 255, 3, 4, 5, 6,
                              7, 8, 9, 10, 11, 12, 13, 200};
  for (int I = 0; I < 16; ++I)
    Src[I] = 100 + I;
  uint8_t Sw[16], SwWant[16];
  wasm_v128_store(Sw, wasm_i8x16_relaxed_swizzle(load(Src), load(Idx)));
  for (int I = 0; I < 16; ++I)
    SwWant[I] = Idx[I] < 16 ? Src[Idx[I]] : 0;
  expect("swizzle", Sw, SwWant);
  printf("swizzle %d %d %d %d\n", Sw[0], Sw[1], Sw[2], Sw[3]);
  // CHECK: swizzle 100 115 0 0

  // trunc: NaN gives 0, out of range saturates.
  float F[4] = {NAN, 3e9f, -3e9f, -7.9f};
  int32_t T[4];
  wasm_v128_store(T, wasm_i32x4_relaxed_trunc_f32x4(load(F)));
  printf("trunc %d %d %d %d\n", T[0], T[1], T[2], T[3]);
  // CHECK: trunc 0 2147483647 -2147483648 -7
  uint32_t TU[4];
  wasm_v128_store(TU, wasm_u32x4_relaxed_trunc_f32x4(load(F)));
  printf("trunc_u %u %u %u %u\n", TU[0], TU[1], TU[2], TU[3]);
  // CHECK: trunc_u 0 3000000000 0 0
  double D[2] = {-1e10, 12345.9};
  int32_t TZ[4];
  wasm_v128_store(TZ, wasm_i32x4_relaxed_trunc_f64x2_zero(load(D)));
  printf("trunc_zero %d %d %d %d\n", TZ[0], TZ[1], TZ[2], TZ[3]);
  // CHECK: trunc_zero -2147483648 12345 0 0

  // madd rounds the product: 1 + 2^-24 squared, minus 1 + 2^-23, is 0
  // with two roundings and 2^-48 fused.
  float A[4] = {1.0f + 0x1p-23f, 2, 3, 4}, C[4] = {-(1.0f + 0x1p-22f), 1, 1, 1};
  float M[4], MWant[4], N[4], NWant[4];
  wasm_v128_store(M, wasm_f32x4_relaxed_madd(load(A), load(A), load(C)));
  wasm_v128_store(N, wasm_f32x4_relaxed_nmadd(load(A), load(A), load(C)));
  for (int I = 0; I < 4; ++I) {
    volatile float P = A[I] * A[I];
    MWant[I] = P + C[I];
    NWant[I] = -P + C[I];
  }
  expect("madd", M, MWant);
  expect("nmadd", N, NWant);
  printf("madd %a %g %g %g\n", M[0], M[1], M[2], M[3]);
  // CHECK: madd 0x0p+0 5 10 17
  double DA[2] = {1.5, -2}, DC[2] = {0.25, 8};
  double DM[2];
  wasm_v128_store(DM, wasm_f64x2_relaxed_nmadd(load(DA), load(DA), load(DC)));
  printf("nmadd_f64 %g %g\n", DM[0], DM[1]);
  // CHECK: nmadd_f64 -2 4

  // laneselect is bitselect: bit by bit, even with a non-uniform mask.
  uint8_t LA[16], LB[16], LM[16], L[16], LWant[16];
  for (int I = 0; I < 16; ++I) {
    LA[I] = 0xf0 ^ I;
    LB[I] = 0x0f + I;
    LM[I] = I & 1 ? 0xff : 0x3c;
    LWant[I] = (LA[I] & LM[I]) | (LB[I] & ~LM[I]);
  }
  wasm_v128_store(L, wasm_i8x16_relaxed_laneselect(load(LA), load(LB),
                                                   load(LM)));
  expect("laneselect", L, LWant);
  wasm_v128_store(L, wasm_i64x2_relaxed_laneselect(load(LA), load(LB),
                                                   load(LM)));
  expect("laneselect64", L, LWant);

  // min/max follow f32x4.min/max: NaN wins, -0 < +0.
  float X[4] = {NAN, -0.0f, 1, -5}, Y[4] = {1, 0.0f, NAN, 2};
  float Mn[4], Mx[4];
  wasm_v128_store(Mn, wasm_f32x4_relaxed_min(load(X), load(Y)));
  wasm_v128_store(Mx, wasm_f32x4_relaxed_max(load(X), load(Y)));
  printf("min %g %g %g %g\n", Mn[0], Mn[1], Mn[2], Mn[3]);
  printf("max %g %g %g %g\n", Mx[0], Mx[1], Mx[2], Mx[3]);
  // CHECK: min nan -0 nan -5
  // CHECK: max nan 0 nan 2

  // q15mulr: -32768 * -32768 saturates.
  int16_t Q[8] = {-32768, 16384, -16384, 100, 0, 1, -1, 32767};
  int16_t QR[8];
  wasm_v128_store(QR, wasm_i16x8_relaxed_q15mulr(load(Q), load(Q)));
  printf("q15 %d %d %d %d %d\n", QR[0], QR[1], QR[2], QR[3], QR[7]);
  // CHECK: q15 32767 8192 8192 0 32766

  // dot products: i8 x i7 pairs; the second operand's -128 counts as
  // signed and the pair sum wraps (-128*-128*2 = 32768 wraps to -32768).
  int8_t DA8[16], DB8[16];
  for (int I = 0; I < 16; ++I) {
    DA8[I] = (int8_t)(I * 17 - 100);
    DB8[I] = (int8_t)(I * 9 - 60);
  }
  DA8[0] = DA8[1] = DB8[0] = DB8[1] = -128;
  int16_t Dot[8], DotWant[8];
  wasm_v128_store(Dot, wasm_i16x8_relaxed_dot_i8x16_i7x16(load(DA8),
                                                          load(DB8)));
  for (int I = 0; I < 8; ++I)
    DotWant[I] = (int16_t)(uint16_t)(DA8[2 * I] * DB8[2 * I] +
                                     DA8[2 * I + 1] * DB8[2 * I + 1]);
  expect("dot", Dot, DotWant);
  printf("dot %d %d %d\n", Dot[0], Dot[1], Dot[7]);
  // CHECK: dot -32768 {{-?[0-9]+}} {{-?[0-9]+}}
  int32_t Acc[4] = {1000000, -5, 0, 2147483647}, DotAdd[4], DotAddWant[4];
  wasm_v128_store(DotAdd, wasm_i32x4_relaxed_dot_i8x16_i7x16_add(
                              load(DA8), load(DB8), load(Acc)));
  for (int I = 0; I < 4; ++I)
    DotAddWant[I] = (int32_t)((uint32_t)DotWant[2 * I] +
                              (uint32_t)(int32_t)DotWant[2 * I + 1] +
                              (uint32_t)Acc[I]);
  expect("dot_add", DotAdd, DotAddWant);
  printf("dot_add %d\n", DotAdd[0]);
  // CHECK: dot_add {{-?[0-9]+}}

  printf("failures %d\n", Failures);
  // CHECK: failures 0
  return Failures != 0;
}
