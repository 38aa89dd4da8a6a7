// Integer and float arithmetic with Wasm's exact semantics: division and
// remainder edge cases, shift counts taken modulo the width, rotates, bit
// counts of zero, sign extension, and min/max/nearest with NaN and -0.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out --match-full-lines
// RUN: %w2n -O0 %t.wasm -o %t.O0.exe
// RUN: %t.O0.exe > %t.O0.out
// RUN: diff %t.out %t.O0.out
// RUN: %if node %{ %node-wasi %t.wasm > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.out %}

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// Volatile, so every operation happens at run time on the Wasm side.
static volatile int32_t i32v[] = {-7, 2,    INT32_MIN, -1,
                                  7,  -2,   0x12345678, 0,
                                  10, 0x80, 0x18000};
static volatile int64_t i64v[] = {-7, 2, INT64_MIN, -1, 0x0123456789abcdefLL,
                                  0,  10};
static volatile uint32_t shiftv[] = {1, 33, 36, 31, 32, 0xffffffe1u};
static volatile float f32v[] = {0.0f, 1.5f, 2.5f, -2.5f, 3.5f, -0.5f};
static volatile double f64v[] = {0.0, 2.5, -2.5, 0.5, 4503599627370497.0};
static volatile uint32_t nanbits32[] = {0x7fc00000u, 0x7fa00000u};
static volatile uint64_t nanbits64[] = {0x7ff8000000000000ull,
                                        0x7ff4000000000000ull};

static float f32bits(uint32_t u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}
static double f64bits(uint64_t u) {
  double d;
  memcpy(&d, &u, 8);
  return d;
}
// NaN bits other than the quiet bit are nondeterministic in Wasm, so only
// "nan" and whether it is quiet are printed.
static void pf(const char *what, float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  if (isnan(f))
    printf("%s = nan%s\n", what, (u & 0x00400000u) ? "" : " (signalling!)");
  else
    printf("%s = %a\n", what, (double)f);
}
static void pd(const char *what, double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  if (isnan(d))
    printf("%s = nan%s\n", what,
           (u & 0x0008000000000000ull) ? "" : " (signalling!)");
  else
    printf("%s = %a\n", what, d);
}

int main(void) {
  int32_t m7 = i32v[0], two = i32v[1], imin = i32v[2], m1 = i32v[3];
  int32_t seven = i32v[4], m2 = i32v[5], pat = i32v[6], zero = i32v[7];
  // ---- i32 division
  printf("div_s -7/2 = %d\n", m7 / two);
  printf("rem_s -7%%2 = %d\n", m7 % two);
  printf("div_s 7/-2 = %d\n", seven / m2);
  printf("rem_s 7%%-2 = %d\n", seven % m2);
  printf("div_s INT_MIN/1 = %d\n", imin / -m1);
  // INT_MIN % -1 is 0 in Wasm (no trap).
  printf("rem_s INT_MIN%%-1 = %d\n", imin % m1);
  printf("div_u -7/2 = %u\n", (uint32_t)m7 / (uint32_t)two);
  printf("rem_u -7%%10 = %u\n", (uint32_t)m7 % (uint32_t)i32v[8]);
  printf("rem_u INT_MIN%%-1 = %u\n", (uint32_t)imin % (uint32_t)m1);
  // ---- i64 division
  int64_t lm7 = i64v[0], ltwo = i64v[1], lmin = i64v[2], lm1 = i64v[3];
  printf("i64 div_s -7/2 = %lld\n", (long long)(lm7 / ltwo));
  printf("i64 rem_s -7%%2 = %lld\n", (long long)(lm7 % ltwo));
  printf("i64 rem_s INT64_MIN%%-1 = %lld\n", (long long)(lmin % lm1));
  printf("i64 div_u -1/3 = %llu\n",
         (unsigned long long)((uint64_t)lm1 / 3u));
  printf("i64 rem_u -7%%10 = %llu\n",
         (unsigned long long)((uint64_t)lm7 % (uint64_t)i64v[6]));
  // ---- shifts: the count is taken modulo the width (the masks in the C
  // source vanish in Wasm, whose shifts mask by themselves)
  for (int i = 0; i < 6; ++i) {
    uint32_t n = shiftv[i];
    printf("shl 1<<%u = %d, shr_s -16>>%u = %d, shr_u -16>>%u = %u\n", n,
           1 << (n & 31), n, -16 >> (n & 31), n, (uint32_t)-16 >> (n & 31));
  }
  printf("i64 shl 1<<65 = %lld\n",
         (long long)(1LL << ((uint64_t)shiftv[1] * 2 - 1 & 63)));
  printf("i64 shr_s INT64_MIN>>63 = %lld\n", (long long)(lmin >> 63));
  printf("i64 shr_u INT64_MIN>>63 = %llu\n",
         (unsigned long long)((uint64_t)lmin >> 63));
  // ---- rotates
  printf("rotl 0x12345678,36 = 0x%08x\n",
         __builtin_rotateleft32((uint32_t)pat, shiftv[2]));
  printf("rotr 0x12345678,36 = 0x%08x\n",
         __builtin_rotateright32((uint32_t)pat, shiftv[2]));
  printf("rotl 0x80000001,1 = 0x%08x\n",
         __builtin_rotateleft32((uint32_t)imin + 1, shiftv[0]));
  printf("i64 rotl 0x0123456789abcdef,4 = 0x%016llx\n",
         (unsigned long long)__builtin_rotateleft64((uint64_t)i64v[4], 4));
  printf("i64 rotr 0x0123456789abcdef,68 = 0x%016llx\n",
         (unsigned long long)__builtin_rotateright64((uint64_t)i64v[4],
                                                     shiftv[2] * 2 - 4));
  // ---- bit counts (clz/ctz of 0 is the width)
  printf("clz 0 = %d, ctz 0 = %d, popcnt -1 = %d\n",
         zero ? __builtin_clz(zero) : 32, zero ? __builtin_ctz(zero) : 32,
         __builtin_popcount((uint32_t)m1));
  printf("clz 1 = %d, ctz INT_MIN = %d, popcnt 0x12345678 = %d\n",
         __builtin_clz((uint32_t)two / 2), __builtin_ctz((uint32_t)imin),
         __builtin_popcount((uint32_t)pat));
  uint64_t lz = (uint64_t)i64v[5];
  printf("i64 clz 0 = %d, ctz 0 = %d, popcnt = %d\n",
         lz ? __builtin_clzll(lz) : 64, lz ? __builtin_ctzll(lz) : 64,
         __builtin_popcountll((uint64_t)i64v[4]));
  // ---- sign extension
  printf("extend8_s 0x80 = %d\n", (int32_t)(int8_t)i32v[9]);
  printf("extend16_s 0x18000 = %d\n", (int32_t)(int16_t)i32v[10]);
  printf("i64 extend32_s 0x80000000 = %lld\n",
         (long long)(int32_t)(uint32_t)((uint64_t)lmin >> 32));
  printf("i64 extend8_s 0xef = %lld\n", (long long)(int8_t)i64v[4]);
  // ---- float min/max: NaN wins, -0 < +0
  float pz = f32v[0], nz = -f32v[0], one5 = f32v[1];
  float qnan = f32bits(nanbits32[0]), snan = f32bits(nanbits32[1]);
  pf("f32 min(+0,-0)", __builtin_wasm_min_f32(pz, nz));
  pf("f32 min(-0,+0)", __builtin_wasm_min_f32(nz, pz));
  pf("f32 max(-0,+0)", __builtin_wasm_max_f32(nz, pz));
  pf("f32 max(+0,-0)", __builtin_wasm_max_f32(pz, nz));
  pf("f32 min(nan,1.5)", __builtin_wasm_min_f32(qnan, one5));
  pf("f32 max(1.5,nan)", __builtin_wasm_max_f32(one5, qnan));
  pf("f32 min(1.5,snan)", __builtin_wasm_min_f32(one5, snan));
  pf("f32 max(snan,1.5)", __builtin_wasm_max_f32(snan, one5));
  pf("f32 min(1.5,-inf)", __builtin_wasm_min_f32(one5, -INFINITY));
  double dz = f64v[0], d25 = f64v[1];
  double dqnan = f64bits(nanbits64[0]), dsnan = f64bits(nanbits64[1]);
  pd("f64 min(+0,-0)", __builtin_wasm_min_f64(dz, -dz));
  pd("f64 max(-0,+0)", __builtin_wasm_max_f64(-dz, dz));
  pd("f64 min(nan,2.5)", __builtin_wasm_min_f64(dqnan, d25));
  pd("f64 max(2.5,snan)", __builtin_wasm_max_f64(d25, dsnan));
  pd("f64 max(2.5,-2.5)", __builtin_wasm_max_f64(d25, f64v[2]));
  // ---- rounding: nearest is ties-to-even
  for (int i = 1; i < 6; ++i) {
    float x = f32v[i];
    printf("f32 %a: nearest %a ceil %a floor %a trunc %a\n", (double)x,
           (double)__builtin_rintf(x), (double)__builtin_ceilf(x),
           (double)__builtin_floorf(x), (double)__builtin_truncf(x));
  }
  for (int i = 1; i < 5; ++i) {
    double x = f64v[i];
    printf("f64 %a: nearest %a ceil %a floor %a trunc %a\n", x,
           __builtin_rint(x), __builtin_ceil(x), __builtin_floor(x),
           __builtin_trunc(x));
  }
  pf("f32 nearest(snan)", __builtin_rintf(snan));
  pd("f64 ceil(snan)", __builtin_ceil(dsnan));
  // ---- sqrt, sign-bit operations, basic arithmetic
  pf("f32 sqrt(2.25)", __builtin_sqrtf(one5 * one5));
  pf("f32 sqrt(-1.5)", __builtin_sqrtf(-one5));
  pd("f64 sqrt(-0)", __builtin_sqrt(-dz));
  pd("f64 copysign(2.5,-0)", __builtin_copysign(d25, -dz));
  pf("f32 abs(-1.5)", __builtin_fabsf(-one5));
  pf("f32 neg(+0)", -pz);
  pf("f32 inf-inf", INFINITY * one5 - INFINITY);
  pd("f64 0/0", dz / dz);
  pd("f64 1/-0", d25 / -dz);
  pf("f32 add(snan,1.5)", snan + one5);
  pd("f64 mul", d25 * f64v[4]);
  // ---- comparisons with NaN
  printf("nan==nan %d nan!=nan %d nan<1 %d nan>=1 %d -0==+0 %d\n",
         qnan == qnan, qnan != qnan, qnan < one5, qnan >= one5, nz == pz);
  printf("f64 nan<=2.5 %d nan>2.5 %d 2.5>-2.5 %d\n", dqnan <= d25,
         dqnan > d25, d25 > f64v[2]);
  // ---- integer comparisons, signed and unsigned
  printf("-1<0 s %d u %d, -1>=0 s %d u %d, eqz(0) %d\n", m1 < zero,
         (uint32_t)m1 < (uint32_t)zero, m1 >= zero,
         (uint32_t)m1 >= (uint32_t)zero, !zero);
  printf("i64 -1<2 s %d u %d\n", lm1 < ltwo, (uint64_t)lm1 < (uint64_t)ltwo);
  return 0;
}

// CHECK: div_s -7/2 = -3
// CHECK-NEXT: rem_s -7%2 = -1
// CHECK-NEXT: div_s 7/-2 = -3
// CHECK-NEXT: rem_s 7%-2 = 1
// CHECK-NEXT: div_s INT_MIN/1 = -2147483648
// CHECK-NEXT: rem_s INT_MIN%-1 = 0
// CHECK-NEXT: div_u -7/2 = 2147483644
// CHECK-NEXT: rem_u -7%10 = 9
// CHECK-NEXT: rem_u INT_MIN%-1 = 2147483648
// CHECK-NEXT: i64 div_s -7/2 = -3
// CHECK-NEXT: i64 rem_s -7%2 = -1
// CHECK-NEXT: i64 rem_s INT64_MIN%-1 = 0
// CHECK-NEXT: i64 div_u -1/3 = 6148914691236517205
// CHECK-NEXT: i64 rem_u -7%10 = 9
// CHECK-NEXT: shl 1<<1 = 2, shr_s -16>>1 = -8, shr_u -16>>1 = 2147483640
// CHECK-NEXT: shl 1<<33 = 2, shr_s -16>>33 = -8, shr_u -16>>33 = 2147483640
// CHECK-NEXT: shl 1<<36 = 16, shr_s -16>>36 = -1, shr_u -16>>36 = 268435455
// CHECK-NEXT: shl 1<<31 = -2147483648, shr_s -16>>31 = -1, shr_u -16>>31 = 1
// CHECK-NEXT: shl 1<<32 = 1, shr_s -16>>32 = -16, shr_u -16>>32 = 4294967280
// CHECK-NEXT: shl 1<<4294967265 = 2, shr_s -16>>4294967265 = -8, shr_u -16>>4294967265 = 2147483640
// CHECK-NEXT: i64 shl 1<<65 = 2
// CHECK-NEXT: i64 shr_s INT64_MIN>>63 = -1
// CHECK-NEXT: i64 shr_u INT64_MIN>>63 = 1
// CHECK-NEXT: rotl 0x12345678,36 = 0x23456781
// CHECK-NEXT: rotr 0x12345678,36 = 0x81234567
// CHECK-NEXT: rotl 0x80000001,1 = 0x00000003
// CHECK-NEXT: i64 rotl 0x0123456789abcdef,4 = 0x123456789abcdef0
// CHECK-NEXT: i64 rotr 0x0123456789abcdef,68 = 0xf0123456789abcde
// CHECK-NEXT: clz 0 = 32, ctz 0 = 32, popcnt -1 = 32
// CHECK-NEXT: clz 1 = 31, ctz INT_MIN = 31, popcnt 0x12345678 = 13
// CHECK-NEXT: i64 clz 0 = 64, ctz 0 = 64, popcnt = 32
// CHECK-NEXT: extend8_s 0x80 = -128
// CHECK-NEXT: extend16_s 0x18000 = -32768
// CHECK-NEXT: i64 extend32_s 0x80000000 = -2147483648
// CHECK-NEXT: i64 extend8_s 0xef = -17
// CHECK-NEXT: f32 min(+0,-0) = -0x0p+0
// CHECK-NEXT: f32 min(-0,+0) = -0x0p+0
// CHECK-NEXT: f32 max(-0,+0) = 0x0p+0
// CHECK-NEXT: f32 max(+0,-0) = 0x0p+0
// CHECK-NEXT: f32 min(nan,1.5) = nan
// CHECK-NEXT: f32 max(1.5,nan) = nan
// CHECK-NEXT: f32 min(1.5,snan) = nan
// CHECK-NEXT: f32 max(snan,1.5) = nan
// CHECK-NEXT: f32 min(1.5,-inf) = -inf
// CHECK-NEXT: f64 min(+0,-0) = -0x0p+0
// CHECK-NEXT: f64 max(-0,+0) = 0x0p+0
// CHECK-NEXT: f64 min(nan,2.5) = nan
// CHECK-NEXT: f64 max(2.5,snan) = nan
// CHECK-NEXT: f64 max(2.5,-2.5) = 0x1.4p+1
// CHECK-NEXT: f32 0x1.8p+0: nearest 0x1p+1 ceil 0x1p+1 floor 0x1p+0 trunc 0x1p+0
// CHECK-NEXT: f32 0x1.4p+1: nearest 0x1p+1 ceil 0x1.8p+1 floor 0x1p+1 trunc 0x1p+1
// CHECK-NEXT: f32 -0x1.4p+1: nearest -0x1p+1 ceil -0x1p+1 floor -0x1.8p+1 trunc -0x1p+1
// CHECK-NEXT: f32 0x1.cp+1: nearest 0x1p+2 ceil 0x1p+2 floor 0x1.8p+1 trunc 0x1.8p+1
// CHECK-NEXT: f32 -0x1p-1: nearest -0x0p+0 ceil -0x0p+0 floor -0x1p+0 trunc -0x0p+0
// CHECK-NEXT: f64 0x1.4p+1: nearest 0x1p+1 ceil 0x1.8p+1 floor 0x1p+1 trunc 0x1p+1
// CHECK-NEXT: f64 -0x1.4p+1: nearest -0x1p+1 ceil -0x1p+1 floor -0x1.8p+1 trunc -0x1p+1
// CHECK-NEXT: f64 0x1p-1: nearest 0x0p+0 ceil 0x1p+0 floor 0x0p+0 trunc 0x0p+0
// CHECK-NEXT: f64 0x1.0000000000001p+52: nearest 0x1.0000000000001p+52 ceil 0x1.0000000000001p+52 floor 0x1.0000000000001p+52 trunc 0x1.0000000000001p+52
// CHECK-NEXT: f32 nearest(snan) = nan
// CHECK-NEXT: f64 ceil(snan) = nan
// CHECK-NEXT: f32 sqrt(2.25) = 0x1.8p+0
// CHECK-NEXT: f32 sqrt(-1.5) = nan
// CHECK-NEXT: f64 sqrt(-0) = -0x0p+0
// CHECK-NEXT: f64 copysign(2.5,-0) = -0x1.4p+1
// CHECK-NEXT: f32 abs(-1.5) = 0x1.8p+0
// CHECK-NEXT: f32 neg(+0) = -0x0p+0
// CHECK-NEXT: f32 inf-inf = nan
// CHECK-NEXT: f64 0/0 = nan
// CHECK-NEXT: f64 1/-0 = -inf
// CHECK-NEXT: f32 add(snan,1.5) = nan
// CHECK-NEXT: f64 mul = 0x1.4000000000001p+53
// CHECK-NEXT: nan==nan 0 nan!=nan 1 nan<1 0 nan>=1 0 -0==+0 1
// CHECK-NEXT: f64 nan<=2.5 0 nan>2.5 0 2.5>-2.5 1
// CHECK-NEXT: -1<0 s 1 u 0, -1>=0 s 0 u 1, eqz(0) 1
// CHECK-NEXT: i64 -1<2 s 1 u 0
