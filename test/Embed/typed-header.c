// -c --header writes a typed C/C++ header for the module: NAME_new with one
// typed field per import, a function per export with C types and one
// out-pointer per result, accessors for memories and globals, traps as
// codes; it compiles as C99 and C++17 with -Wall -Werror, and two instances
// keep separate memories and globals.
// RUN: %wat2wasm %S/Inputs/calc.wat -o %t.wasm
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %w2n -c --header --module-name=calc %t.wasm -o %t.dir/calc.o
// RUN: FileCheck %s --check-prefix=HDR --input-file %t.dir/calc.h
// HDR: typedef struct calc_imports {
// HDR: void (*env_log)(void *host, calc_instance *caller, int32_t p0);
// HDR: double (*env_scale)(void *host, calc_instance *caller, double p0);
// HDR: static inline w2n_trap_code calc_divmod(calc_instance *self, int64_t p0, int64_t p1, int64_t *r0, int64_t *r1)
// HDR: static inline w2n_trap_code calc__1st_x2dname_x2ewith_x3aodd_x20chars(
// RUN: llvm-nm %t.dir/calc.o | FileCheck %s --check-prefix=SYM
// SYM: {{[DR]}} calc_module
// RUN: %host-cc -std=c99 -Wall -Werror -I%t.dir %s %t.dir/calc.o %w2n-rt -o %t.c.exe
// RUN: %t.c.exe | FileCheck %s
// RUN: %host-cxx -x c++ -std=c++17 -Wall -Werror -I%t.dir %s -x none %t.dir/calc.o %w2n-rt -o %t.cxx.exe
// RUN: %t.cxx.exe | FileCheck %s
// The header's default name and module name come from the output/input.
// RUN: cp %t.wasm %t.dir/my-mod.wasm
// RUN: %w2n -c --header %t.dir/my-mod.wasm -o %t.dir/other.o
// RUN: FileCheck %s --check-prefix=DEFAULT --input-file %t.dir/other.h
// DEFAULT: extern const w2n_module my_x2dmod_module;
// RUN: not %w2n --header %t.wasm -o %t.dir/x 2>&1 | FileCheck %s --check-prefix=NEEDC
// NEEDC: error: --header and --module-name need -c
// CHECK: add: 0 5
// CHECK-NEXT: divmod: 0 -3 -2
// CHECK-NEXT: log from instance a: 10 holds 42
// CHECK-NEXT: poke: 0
// CHECK-NEXT: half: 1.25, scaled: 30
// CHECK-NEXT: splat: 9 9
// CHECK-NEXT: odd name: 7
// CHECK-NEXT: boom: unreachable
// CHECK-NEXT: after trap: 0 3
// CHECK-NEXT: a count 2, b count 0, version 3
// CHECK-NEXT: a mem[10] 42, b mem[10] 0, size 65536
// CHECK-NEXT: missing import: unknown import
#include "calc.h"

#include <stdio.h>

typedef struct host_state {
  const char *name;
} host_state;

static void my_log(void *host, calc_instance *caller, int32_t addr) {
  printf("log from %s: %d holds %d\n", ((host_state *)host)->name, addr,
         calc_mem(caller)[addr]);
}

static double my_scale(void *host, calc_instance *caller, double v) {
  (void)host;
  (void)caller;
  return v * 10;
}

int main(void) {
  host_state hs = {"instance a"};
  calc_imports imp;
  memset(&imp, 0, sizeof imp);
  imp.host = &hs;
  imp.env_log = my_log;
  imp.env_scale = my_scale;
  char err[256];
  calc_instance *a = calc_new(&imp, err, sizeof err);
  calc_instance *b = calc_new(&imp, err, sizeof err);
  if (!a || !b) {
    printf("new: %s\n", err);
    return 1;
  }
  int32_t sum = 0;
  w2n_trap_code t = calc_add(a, 2, 3, &sum);
  printf("add: %d %d\n", (int)t, sum);
  int64_t q = 0, r = 0;
  t = calc_divmod(a, -17, 5, &q, &r);
  printf("divmod: %d %lld %lld\n", (int)t, (long long)q, (long long)r);
  t = calc_poke(a, 10, 42);
  printf("poke: %d\n", (int)t);
  float h = 0;
  double s = 0;
  calc_half(a, 2.5f, &h);
  calc_scaled(a, 3.0, &s);
  printf("half: %.2f, scaled: %g\n", h, s);
  w2n_v128 v;
  calc_splat(a, 9, &v);
  printf("splat: %d %d\n", v.bytes[0], v.bytes[12]);
  int32_t seven = 0;
  calc__1st_x2dname_x2ewith_x3aodd_x20chars(a, &seven);
  printf("odd name: %d\n", seven);
  t = calc_boom(a);
  printf("boom: %s\n", w2n_trap_message(t));
  t = calc_add(a, 1, 2, &sum);
  printf("after trap: %d %d\n", (int)t, sum);
  printf("a count %lld, b count %lld, version %d\n", (long long)calc_count(a),
         (long long)calc_count(b), calc_version(a));
  printf("a mem[10] %d, b mem[10] %d, size %llu\n", calc_mem(a)[10],
         calc_mem(b)[10], (unsigned long long)calc_mem_size(b));
  calc_delete(b);
  calc_delete(a);
  calc_imports none;
  memset(&none, 0, sizeof none);
  calc_instance *c = calc_new(&none, err, sizeof err);
  printf("missing import: %s\n", c ? "created" : err);
  calc_delete(c);
  return 0;
}
