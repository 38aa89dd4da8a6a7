// Imports with several results get them from the host function through
// out-pointers after its parameters, and v128 values cross as w2n_v128 by
// value; the typed API's trampolines convert from the runtime's native
// convention. The same host runs over the -c header (static inline code,
// trampolines in the object) and over a -shared library linked with -l.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %wat2wasm %S/Inputs/multi.wat -o %t/multi.wasm
// RUN: %w2n -c --header --module-name=multi %t/multi.wasm -o %t/multi.o
// RUN: FileCheck %s --check-prefix=HDR --input-file %t/multi.h
// HDR: void (*env_divmod)(void *host, multi_instance *caller, int64_t p0, int64_t p1, int64_t *r0, int64_t *r1);
// HDR: void (*env_three)(void *host, multi_instance *caller, int32_t p0, int32_t *r0, double *r1, int64_t *r2);
// HDR: w2n_v128 (*env_vadd)(void *host, multi_instance *caller, w2n_v128 p0, w2n_v128 p1);
// RUN: %host-cc -std=c99 -Wall -Werror -I%t %s %t/multi.o %w2n-rt -o %t/static-host
// RUN: %t/static-host | FileCheck %s
// RUN: %host-cxx -x c++ -std=c++17 -Wall -Werror -I%t %s -x none %t/multi.o %w2n-rt -o %t/static-host-cxx
// RUN: %t/static-host-cxx | FileCheck %s
// The object archived into a static library links the same way.
// RUN: llvm-ar rcs %t/libmultistatic.a %t/multi.o
// RUN: %host-cc -std=c99 -Wall -Werror -I%t %s -L%t -lmultistatic %w2n-rt -o %t/archive-host
// RUN: %t/archive-host | FileCheck %s
// RUN: mkdir -p %t/lib
// RUN: %w2n -shared --header=%t/lib/multi.h --module-name=multi %t/multi.wasm -o %t/lib/libmulti.so
// RUN: %host-cc -std=c99 -Wall -Werror -I%t/lib %s -L%t/lib -lmulti -Wl,-rpath,%t/lib -o %t/shared-host
// RUN: %t/shared-host | FileCheck %s
// RUN: llvm-readelf -d %t/shared-host | FileCheck %s --check-prefix=NEEDED
// NEEDED: (NEEDED) Shared library: [libmulti.so]
// CHECK: qr: 0 3002 (host ok, caller ok)
// CHECK-NEXT: sum3: 0 108.5
// CHECK-NEXT: vtest: 0 9
// CHECK-NEXT: vmixed: 0 115
// CHECK-NEXT: vdouble: 0 2 4 6 8 3.5
// CHECK-NEXT: missing: unknown import
#include "multi.h"

#include <stdio.h>
#include <string.h>

static int host_token;
static multi_instance *current;
static int host_ok = 1, caller_ok = 1;

static void check(void *host, multi_instance *caller) {
  host_ok &= host == &host_token;
  caller_ok &= caller == current;
}

static void my_divmod(void *host, multi_instance *caller, int64_t a,
                      int64_t b, int64_t *q, int64_t *r) {
  check(host, caller);
  *q = a / b;
  *r = a % b;
}

static void my_three(void *host, multi_instance *caller, int32_t x,
                     int32_t *a, double *b, int64_t *c) {
  check(host, caller);
  *a = x * 2;
  *b = 0.5;
  *c = 100;
}

static int32_t lane(w2n_v128 v, int i) {
  int32_t x;
  memcpy(&x, v.bytes + 4 * i, 4);
  return x;
}

static w2n_v128 my_vadd(void *host, multi_instance *caller, w2n_v128 a,
                        w2n_v128 b) {
  check(host, caller);
  w2n_v128 r;
  for (int i = 0; i < 4; ++i) {
    int32_t x = lane(a, i) + lane(b, i);
    memcpy(r.bytes + 4 * i, &x, 4);
  }
  return r;
}

static int32_t my_vmix(void *host, multi_instance *caller, int32_t a,
                       int32_t b, int32_t c, int32_t d, int32_t e,
                       w2n_v128 v) {
  check(host, caller);
  return a + b + c + d + e + lane(v, 0) + lane(v, 1) + lane(v, 2) +
         lane(v, 3);
}

int main(void) {
  multi_imports imp;
  memset(&imp, 0, sizeof imp);
  imp.host = &host_token;
  imp.env_divmod = my_divmod;
  imp.env_three = my_three;
  imp.env_vadd = my_vadd;
  imp.env_vmix = my_vmix;
  char err[256];
  current = multi_new(&imp, err, sizeof err);
  if (!current) {
    printf("new: %s\n", err);
    return 1;
  }
  int64_t q = 0;
  w2n_trap_code t = multi_qr(current, 17, 5, &q);
  printf("qr: %d %lld (host %s, caller %s)\n", t, (long long)q,
         host_ok ? "ok" : "wrong", caller_ok ? "ok" : "wrong");
  double d = 0;
  t = multi_sum3(current, 4, &d);
  printf("sum3: %d %g\n", t, d);
  int32_t r = 0;
  t = multi_vtest(current, 5, &r);
  printf("vtest: %d %d\n", t, r);
  t = multi_vmixed(current, &r);
  printf("vmixed: %d %d\n", t, r);
  w2n_v128 in, out;
  for (int i = 0; i < 4; ++i) {
    int32_t x = i + 1;
    memcpy(in.bytes + 4 * i, &x, 4);
  }
  float f = 0;
  t = multi_vdouble(current, 7, in, 1.75f, &out, &f);
  printf("vdouble: %d %d %d %d %d %g\n", t, lane(out, 0), lane(out, 1),
         lane(out, 2), lane(out, 3), f);
  if (!host_ok || !caller_ok)
    printf("host or caller wrong\n");
  multi_delete(current);

  imp.env_three = NULL;
  multi_instance *bad = multi_new(&imp, err, sizeof err);
  printf("missing: %.14s\n", bad ? "created" : err);
  return 0;
}
