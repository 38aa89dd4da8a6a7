// SIMD code compiled by clang from wasm_simd128.h intrinsics runs natively
// and gives Wasm's results, including the saturating, rounding and
// out-of-range corner cases.
// RUN: %wasi-cc -O2 -msimd128 %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out --match-full-lines
// RUN: %if node %{ %node-wasi %t.wasm > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.out %}

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <wasm_simd128.h>

// Round trips through volatile memory hide the values from the optimiser,
// so the SIMD instructions run natively instead of being folded by clang.
static v128_t id(v128_t V) {
  volatile v128_t T = V;
  return T;
}

static int idInt(int X) {
  volatile int T = X;
  return T;
}

static void printI8(const char *Name, v128_t V) {
  int8_t L[16];
  wasm_v128_store(L, V);
  printf("%s:", Name);
  for (int I = 0; I < 16; ++I)
    printf(" %d", L[I]);
  printf("\n");
}

static void printU8(const char *Name, v128_t V) {
  uint8_t L[16];
  wasm_v128_store(L, V);
  printf("%s:", Name);
  for (int I = 0; I < 16; ++I)
    printf(" %u", L[I]);
  printf("\n");
}

static void printI16(const char *Name, v128_t V) {
  int16_t L[8];
  wasm_v128_store(L, V);
  printf("%s:", Name);
  for (int I = 0; I < 8; ++I)
    printf(" %d", L[I]);
  printf("\n");
}

static void printI32(const char *Name, v128_t V) {
  int32_t L[4];
  wasm_v128_store(L, V);
  printf("%s: %d %d %d %d\n", Name, L[0], L[1], L[2], L[3]);
}

static void printU32(const char *Name, v128_t V) {
  uint32_t L[4];
  wasm_v128_store(L, V);
  printf("%s: %u %u %u %u\n", Name, L[0], L[1], L[2], L[3]);
}

static void printI64(const char *Name, v128_t V) {
  printf("%s: %lld %lld\n", Name, (long long)wasm_i64x2_extract_lane(V, 0),
         (long long)wasm_i64x2_extract_lane(V, 1));
}

// A NaN's sign is nondeterministic in Wasm, so every NaN prints as "nan".
static double unsignedNaN(double X) { return isnan(X) ? fabs(X) : X; }

static void printF32(const char *Name, v128_t V) {
  float L[4];
  wasm_v128_store(L, V);
  printf("%s:", Name);
  for (int I = 0; I < 4; ++I)
    printf(" %g", unsignedNaN(L[I]));
  printf("\n");
}

static void printF64(const char *Name, v128_t V) {
  printf("%s: %g %g\n", Name, unsignedNaN(wasm_f64x2_extract_lane(V, 0)),
         unsignedNaN(wasm_f64x2_extract_lane(V, 1)));
}

int main(void) {
  v128_t Bytes = id(wasm_i8x16_make(0, 1, 2, 3, 4, 5, 6, 7, 120, 121, 122, 123,
                                    -128, -1, -100, 100));
  v128_t Ones = id(wasm_i8x16_splat(10));

  // CHECK: i8x16.add: 10 11 12 13 14 15 16 17 -126 -125 -124 -123 -118 9 -90 110
  printI8("i8x16.add", wasm_i8x16_add(Bytes, Ones));
  // CHECK: i8x16.add_sat: 10 11 12 13 14 15 16 17 127 127 127 127 -118 9 -90 110
  printI8("i8x16.add_sat", wasm_i8x16_add_sat(Bytes, Ones));
  // CHECK: u8x16.sub_sat: 0 0 0 0 0 0 0 0 110 111 112 113 118 245 146 90
  printU8("u8x16.sub_sat", wasm_u8x16_sub_sat(Bytes, Ones));
  // CHECK: u8x16.avgr: 5 6 6 7 7 8 8 9 65 66 66 67 69 133 83 55
  printU8("u8x16.avgr", wasm_u8x16_avgr(Bytes, Ones));
  // CHECK: i8x16.popcnt: 0 1 1 2 1 2 2 3 4 5 5 6 1 8 4 3
  printU8("i8x16.popcnt", wasm_i8x16_popcnt(Bytes));
  // CHECK: i8x16.abs: 0 1 2 3 4 5 6 7 120 121 122 123 -128 1 100 100
  printI8("i8x16.abs", wasm_i8x16_abs(Bytes));
  // CHECK: i8x16.shr: 0 0 0 0 1 1 1 1 30 30 30 30 -32 -1 -25 25
  printI8("i8x16.shr", wasm_i8x16_shr(Bytes, idInt(10)));
  // Indices >= 16 select zero.
  v128_t Idx = id(
      wasm_i8x16_make(15, 14, 13, 12, 16, 17, 100, -1, 0, 1, 2, 3, 8, 8, 8, 8));
  // CHECK: i8x16.swizzle: 100 -100 -1 -128 0 0 0 0 0 1 2 3 120 120 120 120
  printI8("i8x16.swizzle", wasm_i8x16_swizzle(Bytes, Idx));
  // CHECK: i8x16.shuffle: 0 -128 1 -1 2 -100 3 100 10 10 10 10 10 10 10 10
  printI8("i8x16.shuffle",
          wasm_i8x16_shuffle(Bytes, Ones, 0, 12, 1, 13, 2, 14, 3, 15, 16, 17,
                             18, 19, 20, 21, 22, 23));
  // CHECK: i8x16.bitmask: 0x7000
  printf("i8x16.bitmask: %#x\n", wasm_i8x16_bitmask(Bytes));
  // CHECK: all_true: 0 1
  printf("all_true: %d %d\n", wasm_i8x16_all_true(Bytes),
         wasm_i8x16_all_true(Ones));

  v128_t Words =
      id(wasm_i16x8_make(-32768, -32768, 32767, 1000, -1000, 300, -300, 0));
  v128_t Words2 =
      id(wasm_i16x8_make(-32768, 32767, 32767, 1000, 1000, 2, 3, 0));
  // CHECK: i16x8.q15mulr_sat: 32767 -32767 32766 31 -31 0 0 0
  printI16("i16x8.q15mulr_sat", wasm_i16x8_q15mulr_sat(Words, Words2));
  // CHECK: i16x8.mul: 0 -32768 1 16960 -16960 600 -900 0
  printI16("i16x8.mul", wasm_i16x8_mul(Words, Words2));
  // CHECK: i8x16.narrow: -128 -128 127 127 -128 127 -128 0 -128 127 127 127 127 2 3 0
  printI8("i8x16.narrow", wasm_i8x16_narrow_i16x8(Words, Words2));
  // CHECK: u8x16.narrow: 0 0 255 255 0 255 0 0 0 255 255 255 255 2 3 0
  printU8("u8x16.narrow", wasm_u8x16_narrow_i16x8(Words, Words2));
  // CHECK: i32x4.dot: 32768 1074676289 -999400 -900
  printI32("i32x4.dot", wasm_i32x4_dot_i16x8(Words, Words2));
  // CHECK: i32x4.extmul_high: -1000000 600 -900 0
  printI32("i32x4.extmul_high", wasm_i32x4_extmul_high_i16x8(Words, Words2));
  // CHECK: i16x8.extend_high_u8: 120 121 122 123 128 255 156 100
  printI16("i16x8.extend_high_u8", wasm_u16x8_extend_high_u8x16(Bytes));
  // CHECK: i16x8.extadd_pairwise: 1 5 9 13 241 245 -129 0
  printI16("i16x8.extadd_pairwise", wasm_i16x8_extadd_pairwise_i8x16(Bytes));

  v128_t Floats = id(wasm_f32x4_make(-1.5f, 2.5f, 3e9f, NAN));
  // CHECK: i32x4.trunc_sat: -1 2 2147483647 0
  printI32("i32x4.trunc_sat", wasm_i32x4_trunc_sat_f32x4(Floats));
  // CHECK: u32x4.trunc_sat: 0 2 3000000000 0
  printU32("u32x4.trunc_sat", wasm_u32x4_trunc_sat_f32x4(Floats));
  // CHECK: f32x4.nearest: -2 2 3e+09 nan
  printF32("f32x4.nearest", wasm_f32x4_nearest(Floats));
  // CHECK: f32x4.min: -1.5 -0 0 nan
  printF32("f32x4.min",
           wasm_f32x4_min(Floats, id(wasm_f32x4_make(0, -0.0f, 0, 1))));
  // CHECK: f32x4.pmax: 0 2.5 3e+09 nan
  printF32("f32x4.pmax",
           wasm_f32x4_pmax(Floats, id(wasm_f32x4_make(0, -0.0f, 0, 1))));
  // CHECK: f32x4.convert_u32: 4.29497e+09 1 2 3
  printF32("f32x4.convert_u32",
           wasm_f32x4_convert_u32x4(id(wasm_i32x4_make(-1, 1, 2, 3))));
  // CHECK: f32x4.sqrt: 4 0.5 -0 nan
  printF32("f32x4.sqrt",
           wasm_f32x4_sqrt(id(wasm_f32x4_make(16, 0.25f, -0.0f, -1))));

  v128_t Doubles = id(wasm_f64x2_make(-1e10, 1e300));
  // CHECK: i32x4.trunc_sat_f64x2_zero: -2147483648 2147483647 0 0
  printI32("i32x4.trunc_sat_f64x2_zero",
           wasm_i32x4_trunc_sat_f64x2_zero(Doubles));
  // CHECK: f32x4.demote_f64x2_zero: -1e+10 inf 0 0
  printF32("f32x4.demote_f64x2_zero", wasm_f32x4_demote_f64x2_zero(Doubles));
  // CHECK: f64x2.convert_low_u32: 4.29497e+09 7
  printF64("f64x2.convert_low_u32",
           wasm_f64x2_convert_low_u32x4(id(wasm_i32x4_make(-1, 7, 8, 9))));
  // CHECK: f64x2.floor: -1e+10 1e+300
  printF64("f64x2.floor", wasm_f64x2_floor(Doubles));

  v128_t Longs = id(wasm_i64x2_make(-3, 1LL << 40));
  // CHECK: i64x2.mul: 9 1099511627776
  printI64("i64x2.mul", wasm_i64x2_mul(Longs, id(wasm_i64x2_make(-3, 1))));
  // CHECK: i64x2.shl: -48 17592186044416
  printI64("i64x2.shl", wasm_i64x2_shl(Longs, idInt(68)));
  // CHECK: i64x2.lt: -1 0
  printI64("i64x2.lt", wasm_i64x2_lt(Longs, id(wasm_i64x2_splat(0))));

  // Loads and stores of lanes through linear memory.
  static int32_t Mem[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  int32_t *P = Mem + idInt(0);
  // CHECK: load32_splat: 3 3 3 3
  printI32("load32_splat", wasm_v128_load32_splat(P + 2));
  // CHECK: load64_zero: 5 6 0 0
  printI32("load64_zero", wasm_v128_load64_zero(P + 4));
  // CHECK: load32_lane: 1 2 8 4
  printI32("load32_lane", wasm_v128_load32_lane(P + 7, wasm_v128_load(P), 2));
  // CHECK: load16x4: 1 0 2 0
  printI32("load16x4", wasm_u32x4_load16x4((const uint16_t *)P));
  wasm_v128_store64_lane(P, id(wasm_i64x2_make(-1, 0x0000000900000008LL)), 1);
  // CHECK: store64_lane: 8 9
  printf("store64_lane: %d %d\n", P[0], P[1]);
  return 0;
}
