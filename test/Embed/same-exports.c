// Two modules with the same export names (here: one module compiled twice
// under two prefixes) link into one program: with --module-name every
// external symbol of the object carries the prefix (the wasm functions
// stay local symbols, named for trap reports), so nothing clashes.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %wat2wasm %S/Inputs/shared-a.wat -o %t/a.wasm
// RUN: %w2n -c --header --module-name=one %t/a.wasm -o %t/one.o
// RUN: %w2n -c --header --module-name=two %t/a.wasm -o %t/two.o
// RUN: llvm-nm --defined-only --extern-only %t/one.o | FileCheck %s --check-prefix=SYMS
// RUN: llvm-nm --defined-only --extern-only %t/one.o | not grep -v ' one_'
// SYMS: one_module
// RUN: llvm-nm --defined-only %t/one.o | FileCheck %s --check-prefix=LOCAL
// LOCAL: t wasm.peek
// RUN: %host-cc -std=c99 -Wall -Werror -I%t %s %t/one.o %t/two.o %w2n-rt -o %t/host
// RUN: %t/host 2>&1 | FileCheck %s
// CHECK: one 11, two 22
// CHECK-NEXT: wasm trap: out of bounds memory access in function peek
// CHECK: one div: integer divide by zero
#include "one.h"
#include "two.h"

#include <stdio.h>
#include <string.h>

static void note1(void *h, one_instance *c, int32_t v) {
  (void)h;
  (void)c;
  (void)v;
}
static void pair1(void *h, one_instance *c, int32_t x, int32_t *a,
                  int64_t *b) {
  (void)h;
  (void)c;
  *a = x;
  *b = x;
}
static void note2(void *h, two_instance *c, int32_t v) {
  (void)h;
  (void)c;
  (void)v;
}
static void pair2(void *h, two_instance *c, int32_t x, int32_t *a,
                  int64_t *b) {
  (void)h;
  (void)c;
  *a = x;
  *b = x;
}

int main(void) {
  char err[256];
  one_imports i1;
  memset(&i1, 0, sizeof i1);
  i1.env_note = note1;
  i1.env_pair = pair1;
  two_imports i2;
  memset(&i2, 0, sizeof i2);
  i2.env_note = note2;
  i2.env_pair = pair2;
  one_instance *a = one_new(&i1, err, sizeof err);
  two_instance *b = two_new(&i2, err, sizeof err);
  if (!a || !b) {
    printf("new: %s\n", err);
    return 1;
  }
  int32_t x = 0, y = 0;
  one_poke(a, 8, 11);
  two_poke(b, 8, 22);
  one_peek(a, 8, &x);
  two_peek(b, 8, &y);
  printf("one %d, two %d\n", x, y);
  fflush(stdout);
  w2n_trap_code t = one_peek(a, 0x7fff0000, &x);
  one_report_trap(t);
  t = one_div(a, 1, 0, &x);
  printf("one div: %s\n", one_trap_message(t));
  one_delete(a);
  two_delete(b);
  return 0;
}
