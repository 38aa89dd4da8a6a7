// Conversions with Wasm's exact semantics: trapping truncations right at
// the edges of their ranges, saturating truncations (NaN -> 0, clamping),
// correctly rounded int -> float, demote/promote and reinterpret.
// (Truncations that do trap are in test/Traps/trunc-*.wat.)
// RUN: %wasi-cc -O2 -mnontrapping-fptoint %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out --match-full-lines
// RUN: %w2n -O0 %t.wasm -o %t.O0.exe
// RUN: %t.O0.exe > %t.O0.out
// RUN: diff %t.out %t.O0.out
// RUN: %if node %{ %node-wasi %t.wasm > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.out %}

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// Volatile, so every conversion happens at run time on the Wasm side.
static volatile float f32in[] = {
    -2147483648.0f, 2147483520.0f,         // i32 limits representable in f32
    -1.9f,          -0.9f,                 // trunc toward zero; (-1, 0) -> 0
    4294967040.0f,                         // largest f32 < 2^32
    -9223372036854775808.0f,               // -2^63
    9223371487098961920.0f,                // largest f32 < 2^63
    18446742974197923840.0f,               // largest f32 < 2^64
};
static volatile double f64in[] = {
    -2147483648.9, 2147483647.9, // truncate into the i32 range
    4294967295.9,  -0.999,       // u32 edges
    -9223372036854775808.0,      // -2^63
    9223372036854774784.0,       // largest double < 2^63
    18446744073709549568.0,      // largest double < 2^64
    9223372036854775808.0,       // 2^63: fits u64 only
};
static volatile uint32_t f32sat[] = {
    0x7fc00000u, 0xffc00000u, 0x7fa00000u, // NaNs (quiet, negative, sNaN)
    0x7f800000u, 0xff800000u,              // +-inf
    0x4f000000u, 0xcf000000u,              // 2^31, -2^31
    0x4f800000u, 0xbf800000u,              // 2^32, -1
    0x5f000000u, 0x5f800000u, 0xdf000001u, // 2^63, 2^64, < -2^63
    0x3f7fffffu, 0xbf7fffffu,              // just below +-1
};
static volatile uint64_t f64sat[] = {
    0x7ff8000000000000ull, 0x7ff0000000000001ull, // qNaN, sNaN
    0xfff0000000000000ull,                        // -inf
    0x41dfffffffffffffull,                        // 2^31 - 2^-22
    0xc1e0000000200000ull,                        // -2^31 - 1
    0x41efffffffffffffull,                        // just below 2^32
    0x43e0000000000000ull, 0xc3e0000000000001ull, // 2^63, < -2^63
    0x43f0000000000000ull,                        // 2^64
};
// Loaded as floats, so the bit casts are real reinterprets.
static volatile float snan32 = __builtin_nansf("0x200000");
static volatile double snan64 = __builtin_nans("0x1");
static volatile int32_t i32in[] = {16777217, -1, INT32_MIN, 2147483647};
static volatile uint64_t i64in[] = {
    0x8000008000000001ull, // u64 -> f32: must round up (no double rounding)
    0xffffffffffffffffull, 0x0020000020000001ull, 0x8000000000000401ull,
    0xfff0000000000001ull, 0x7fffffffffffffffull,
};

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
static uint32_t bits32(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}
static uint64_t bits64(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  return u;
}

int main(void) {
  // ---- trapping truncations, in range
  for (int i = 0; i < 4; ++i) {
    float x = f32in[i];
    printf("i32.trunc_f32_s(%a) = %d\n", (double)x,
           __builtin_wasm_trunc_s_i32_f32(x));
  }
  for (int i = 3; i < 5; ++i) {
    float x = f32in[i];
    printf("i32.trunc_f32_u(%a) = %u\n", (double)x,
           (uint32_t)__builtin_wasm_trunc_u_i32_f32(x));
  }
  for (int i = 0; i < 2; ++i) {
    double x = f64in[i];
    printf("i32.trunc_f64_s(%a) = %d\n", x, __builtin_wasm_trunc_s_i32_f64(x));
  }
  for (int i = 2; i < 4; ++i) {
    double x = f64in[i];
    printf("i32.trunc_f64_u(%a) = %u\n", x,
           (uint32_t)__builtin_wasm_trunc_u_i32_f64(x));
  }
  for (int i = 5; i < 7; ++i) {
    float x = f32in[i];
    printf("i64.trunc_f32_s(%a) = %lld\n", (double)x,
           (long long)__builtin_wasm_trunc_s_i64_f32(x));
  }
  for (int i = 6; i < 8; ++i) {
    float x = f32in[i];
    printf("i64.trunc_f32_u(%a) = %llu\n", (double)x,
           (unsigned long long)__builtin_wasm_trunc_u_i64_f32(x));
  }
  for (int i = 4; i < 6; ++i) {
    double x = f64in[i];
    printf("i64.trunc_f64_s(%a) = %lld\n", x,
           (long long)__builtin_wasm_trunc_s_i64_f64(x));
  }
  for (int i = 5; i < 8; ++i) {
    double x = f64in[i];
    printf("i64.trunc_f64_u(%a) = %llu\n", x,
           (unsigned long long)__builtin_wasm_trunc_u_i64_f64(x));
  }
  printf("i64.trunc_f64_u(%a) = %llu\n", f64in[3],
         (unsigned long long)__builtin_wasm_trunc_u_i64_f64(f64in[3]));

  // ---- saturating truncations (the input is printed as bits: NaNs)
  for (unsigned i = 0; i < sizeof(f32sat) / sizeof(f32sat[0]); ++i) {
    float x = f32bits(f32sat[i]);
    printf("sat f32 0x%08x: i32_s %d i32_u %u i64_s %lld i64_u %llu\n",
           f32sat[i], __builtin_wasm_trunc_saturate_s_i32_f32(x),
           (uint32_t)__builtin_wasm_trunc_saturate_u_i32_f32(x),
           (long long)__builtin_wasm_trunc_saturate_s_i64_f32(x),
           (unsigned long long)__builtin_wasm_trunc_saturate_u_i64_f32(x));
  }
  for (unsigned i = 0; i < sizeof(f64sat) / sizeof(f64sat[0]); ++i) {
    double x = f64bits(f64sat[i]);
    printf("sat f64 0x%016llx: i32_s %d i32_u %u i64_s %lld i64_u %llu\n",
           (unsigned long long)f64sat[i],
           __builtin_wasm_trunc_saturate_s_i32_f64(x),
           (uint32_t)__builtin_wasm_trunc_saturate_u_i32_f64(x),
           (long long)__builtin_wasm_trunc_saturate_s_i64_f64(x),
           (unsigned long long)__builtin_wasm_trunc_saturate_u_i64_f64(x));
  }

  // ---- int -> float, round to nearest even
  for (int i = 0; i < 4; ++i) {
    int32_t v = i32in[i];
    printf("convert i32 %d: f32_s %a f32_u %a f64_s %a f64_u %a\n", v,
           (double)(float)v, (double)(float)(uint32_t)v, (double)v,
           (double)(uint32_t)v);
  }
  for (int i = 0; i < 6; ++i) {
    uint64_t v = i64in[i];
    printf("convert i64 0x%016llx: f32_s %a f32_u %a f64_s %a f64_u %a\n",
           (unsigned long long)v, (double)(float)(int64_t)v, (double)(float)v,
           (double)(int64_t)v, (double)v);
  }

  // ---- demote / promote (NaN results only need to be NaN)
  static volatile double dv[] = {9223372036854774784.0, 1e300, -1e-300, 0.1,
                                 NAN};
  for (int i = 0; i < 5; ++i) {
    float f = (float)dv[i];
    if (isnan(f))
      printf("demote nan = nan\n");
    else
      printf("demote %a = %a\n", dv[i], (double)f);
  }
  printf("promote %a = %a\n", (double)f32in[3], (double)f32in[3]);
  printf("promote nan quiet = %d\n",
         (int)((bits64((double)f32bits(f32sat[2])) >> 51) & 1));

  // ---- reinterpret keeps every bit, NaN payloads included
  printf("i32.reinterpret_f32 = 0x%08x\n", bits32(snan32));
  printf("i64.reinterpret_f64 = 0x%016llx\n",
         (unsigned long long)bits64(snan64));
  printf("reinterpret -0.0f = 0x%08x\n", bits32(f32in[3] * 0.0f));

  // ---- wrap / extend
  uint64_t big = i64in[4];
  printf("wrap 0x%016llx = %d\n", (unsigned long long)big, (int32_t)big);
  printf("extend_s %d = %lld, extend_u = %llu\n", i32in[1],
         (long long)(int64_t)i32in[1],
         (unsigned long long)(uint64_t)(uint32_t)i32in[1]);
  return 0;
}

// CHECK: i32.trunc_f32_s(-0x1p+31) = -2147483648
// CHECK-NEXT: i32.trunc_f32_s(0x1.fffffep+30) = 2147483520
// CHECK-NEXT: i32.trunc_f32_s(-0x1.e66666p+0) = -1
// CHECK-NEXT: i32.trunc_f32_s(-0x1.ccccccp-1) = 0
// CHECK-NEXT: i32.trunc_f32_u(-0x1.ccccccp-1) = 0
// CHECK-NEXT: i32.trunc_f32_u(0x1.fffffep+31) = 4294967040
// CHECK-NEXT: i32.trunc_f64_s(-0x1.00000001ccccdp+31) = -2147483648
// CHECK-NEXT: i32.trunc_f64_s(0x1.ffffffff9999ap+30) = 2147483647
// CHECK-NEXT: i32.trunc_f64_u(0x1.ffffffffccccdp+31) = 4294967295
// CHECK-NEXT: i32.trunc_f64_u(-0x1.ff7ced916872bp-1) = 0
// CHECK-NEXT: i64.trunc_f32_s(-0x1p+63) = -9223372036854775808
// CHECK-NEXT: i64.trunc_f32_s(0x1.fffffep+62) = 9223371487098961920
// CHECK-NEXT: i64.trunc_f32_u(0x1.fffffep+62) = 9223371487098961920
// CHECK-NEXT: i64.trunc_f32_u(0x1.fffffep+63) = 18446742974197923840
// CHECK-NEXT: i64.trunc_f64_s(-0x1p+63) = -9223372036854775808
// CHECK-NEXT: i64.trunc_f64_s(0x1.fffffffffffffp+62) = 9223372036854774784
// CHECK-NEXT: i64.trunc_f64_u(0x1.fffffffffffffp+62) = 9223372036854774784
// CHECK-NEXT: i64.trunc_f64_u(0x1.fffffffffffffp+63) = 18446744073709549568
// CHECK-NEXT: i64.trunc_f64_u(0x1p+63) = 9223372036854775808
// CHECK-NEXT: i64.trunc_f64_u(-0x1.ff7ced916872bp-1) = 0
// CHECK-NEXT: sat f32 0x7fc00000: i32_s 0 i32_u 0 i64_s 0 i64_u 0
// CHECK-NEXT: sat f32 0xffc00000: i32_s 0 i32_u 0 i64_s 0 i64_u 0
// CHECK-NEXT: sat f32 0x7fa00000: i32_s 0 i32_u 0 i64_s 0 i64_u 0
// CHECK-NEXT: sat f32 0x7f800000: i32_s 2147483647 i32_u 4294967295 i64_s 9223372036854775807 i64_u 18446744073709551615
// CHECK-NEXT: sat f32 0xff800000: i32_s -2147483648 i32_u 0 i64_s -9223372036854775808 i64_u 0
// CHECK-NEXT: sat f32 0x4f000000: i32_s 2147483647 i32_u 2147483648 i64_s 2147483648 i64_u 2147483648
// CHECK-NEXT: sat f32 0xcf000000: i32_s -2147483648 i32_u 0 i64_s -2147483648 i64_u 0
// CHECK-NEXT: sat f32 0x4f800000: i32_s 2147483647 i32_u 4294967295 i64_s 4294967296 i64_u 4294967296
// CHECK-NEXT: sat f32 0xbf800000: i32_s -1 i32_u 0 i64_s -1 i64_u 0
// CHECK-NEXT: sat f32 0x5f000000: i32_s 2147483647 i32_u 4294967295 i64_s 9223372036854775807 i64_u 9223372036854775808
// CHECK-NEXT: sat f32 0x5f800000: i32_s 2147483647 i32_u 4294967295 i64_s 9223372036854775807 i64_u 18446744073709551615
// CHECK-NEXT: sat f32 0xdf000001: i32_s -2147483648 i32_u 0 i64_s -9223372036854775808 i64_u 0
// CHECK-NEXT: sat f32 0x3f7fffff: i32_s 0 i32_u 0 i64_s 0 i64_u 0
// CHECK-NEXT: sat f32 0xbf7fffff: i32_s 0 i32_u 0 i64_s 0 i64_u 0
// CHECK-NEXT: sat f64 0x7ff8000000000000: i32_s 0 i32_u 0 i64_s 0 i64_u 0
// CHECK-NEXT: sat f64 0x7ff0000000000001: i32_s 0 i32_u 0 i64_s 0 i64_u 0
// CHECK-NEXT: sat f64 0xfff0000000000000: i32_s -2147483648 i32_u 0 i64_s -9223372036854775808 i64_u 0
// CHECK-NEXT: sat f64 0x41dfffffffffffff: i32_s 2147483647 i32_u 2147483647 i64_s 2147483647 i64_u 2147483647
// CHECK-NEXT: sat f64 0xc1e0000000200000: i32_s -2147483648 i32_u 0 i64_s -2147483649 i64_u 0
// CHECK-NEXT: sat f64 0x41efffffffffffff: i32_s 2147483647 i32_u 4294967295 i64_s 4294967295 i64_u 4294967295
// CHECK-NEXT: sat f64 0x43e0000000000000: i32_s 2147483647 i32_u 4294967295 i64_s 9223372036854775807 i64_u 9223372036854775808
// CHECK-NEXT: sat f64 0xc3e0000000000001: i32_s -2147483648 i32_u 0 i64_s -9223372036854775808 i64_u 0
// CHECK-NEXT: sat f64 0x43f0000000000000: i32_s 2147483647 i32_u 4294967295 i64_s 9223372036854775807 i64_u 18446744073709551615
// CHECK-NEXT: convert i32 16777217: f32_s 0x1p+24 f32_u 0x1p+24 f64_s 0x1.000001p+24 f64_u 0x1.000001p+24
// CHECK-NEXT: convert i32 -1: f32_s -0x1p+0 f32_u 0x1p+32 f64_s -0x1p+0 f64_u 0x1.fffffffep+31
// CHECK-NEXT: convert i32 -2147483648: f32_s -0x1p+31 f32_u 0x1p+31 f64_s -0x1p+31 f64_u 0x1p+31
// CHECK-NEXT: convert i32 2147483647: f32_s 0x1p+31 f32_u 0x1p+31 f64_s 0x1.fffffffcp+30 f64_u 0x1.fffffffcp+30
// CHECK-NEXT: convert i64 0x8000008000000001: f32_s -0x1.fffffep+62 f32_u 0x1.000002p+63 f64_s -0x1.fffffep+62 f64_u 0x1.000001p+63
// CHECK-NEXT: convert i64 0xffffffffffffffff: f32_s -0x1p+0 f32_u 0x1p+64 f64_s -0x1p+0 f64_u 0x1p+64
// CHECK-NEXT: convert i64 0x0020000020000001: f32_s 0x1.000002p+53 f32_u 0x1.000002p+53 f64_s 0x1.000001p+53 f64_u 0x1.000001p+53
// CHECK-NEXT: convert i64 0x8000000000000401: f32_s -0x1p+63 f32_u 0x1p+63 f64_s -0x1.fffffffffffffp+62 f64_u 0x1.0000000000001p+63
// CHECK-NEXT: convert i64 0xfff0000000000001: f32_s -0x1p+52 f32_u 0x1.ffep+63 f64_s -0x1.ffffffffffffep+51 f64_u 0x1.ffep+63
// CHECK-NEXT: convert i64 0x7fffffffffffffff: f32_s 0x1p+63 f32_u 0x1p+63 f64_s 0x1p+63 f64_u 0x1p+63
// CHECK-NEXT: demote 0x1.fffffffffffffp+62 = 0x1p+63
// CHECK-NEXT: demote 0x1.7e43c8800759cp+996 = inf
// CHECK-NEXT: demote -0x1.56e1fc2f8f359p-997 = -0x0p+0
// CHECK-NEXT: demote 0x1.999999999999ap-4 = 0x1.99999ap-4
// CHECK-NEXT: demote nan = nan
// CHECK-NEXT: promote -0x1.ccccccp-1 = -0x1.ccccccp-1
// CHECK-NEXT: promote nan quiet = 1
// CHECK-NEXT: i32.reinterpret_f32 = 0x7fa00000
// CHECK-NEXT: i64.reinterpret_f64 = 0x7ff0000000000001
// CHECK-NEXT: reinterpret -0.0f = 0x80000000
// CHECK-NEXT: wrap 0xfff0000000000001 = 1
// CHECK-NEXT: extend_s -1 = -1, extend_u = 4294967295
