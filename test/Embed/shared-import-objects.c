// A -shared library's module importing a memory, a table and globals: the
// host makes them with the library's NAME_memory_new & co. (its runtime),
// the module uses them, a fault in the imported memory is the library's
// trap; a memory of another library (another runtime copy, whose fault
// handler would not return the trap to this library's call) is refused.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %wat2wasm %S/Inputs/imports-objects.wat -o %t/obj.wasm
// RUN: %w2n -shared --header --module-name=one %t/obj.wasm -o %t/libone.so
// RUN: %w2n -shared --header --module-name=two %t/obj.wasm -o %t/libtwo.so
// RUN: %host-cc -std=c99 -Wall -Werror -I%t %s -L%t -lone -ltwo -Wl,-rpath,%t -o %t/host
// RUN: %t/host | FileCheck %s
// CHECK: store/load: 0 1234, host sees 1234
// CHECK-NEXT: bump: 42 43, host sees 43
// CHECK-NEXT: gv lane: 30
// CHECK-NEXT: table size: 2
// CHECK-NEXT: oob: out of bounds memory access
// CHECK-NEXT: foreign memory: incompatible import type: "env" "mem" (the memory was made by another copy of the runtime (another -shared library))
#include "libone.h"
#include "libtwo.h"

#include <stdio.h>
#include <string.h>

int main(void) {
  char err[256];
  w2n_memory *mem = one_memory_new(1, 4, 1, err, sizeof err);
  w2n_table *tab = one_table_new(W2N_TYPE_FUNCREF, 2, 0, 0, NULL);
  w2n_value init;
  memset(&init, 0, sizeof init);
  init.i32 = 41;
  w2n_global *g = one_global_new(W2N_TYPE_I32, 1, init);
  for (int i = 0; i < 4; ++i) {
    int32_t lane = 10 * (i + 1);
    memcpy(init.v128 + 4 * i, &lane, 4);
  }
  w2n_global *gv = one_global_new(W2N_TYPE_V128, 0, init);
  if (!mem || !tab || !g || !gv) {
    printf("objects: %s\n", err);
    return 1;
  }
  one_imports imp;
  memset(&imp, 0, sizeof imp);
  imp.env_mem = mem;
  imp.env_tab = tab;
  imp.env_g = g;
  imp.env_gv = gv;
  one_instance *a = one_new(&imp, err, sizeof err);
  if (!a) {
    printf("new: %s\n", err);
    return 1;
  }
  int32_t v = 0, w = 0;
  w2n_trap_code t = one_store(a, 64, 1234);
  one_load(a, 64, &v);
  int32_t host;
  memcpy(&host, mem->base + 64, 4);
  printf("store/load: %d %d, host sees %d\n", t, v, host);
  one_bump(a, &v);
  one_bump(a, &w);
  printf("bump: %d %d, host sees %d\n", v, w, g->value.i32);
  one_gv_lane(a, &v);
  printf("gv lane: %d\n", v);
  one_tab_size(a, &v);
  printf("table size: %d\n", v);
  t = one_load(a, 70000, &v);
  printf("oob: %s\n", one_trap_message(t));

  two_imports imp2;
  memset(&imp2, 0, sizeof imp2);
  imp2.env_mem = mem; /* one's */
  imp2.env_tab = two_table_new(W2N_TYPE_FUNCREF, 2, 0, 0, NULL);
  imp2.env_g = two_global_new(W2N_TYPE_I32, 1, init);
  imp2.env_gv = two_global_new(W2N_TYPE_V128, 0, init);
  two_instance *b = two_new(&imp2, err, sizeof err);
  printf("foreign memory: %s\n", b ? "accepted" : err);

  one_delete(a);
  one_memory_delete(mem);
  one_table_delete(tab);
  one_global_delete(g);
  one_global_delete(gv);
  two_table_delete(imp2.env_tab);
  two_global_delete(imp2.env_g);
  two_global_delete(imp2.env_gv);
  return 0;
}
