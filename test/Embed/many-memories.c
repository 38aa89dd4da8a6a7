// More live memories than any fixed table would hold (the runtime once had
// room for 2048): each one's faults are still out-of-bounds traps, not
// crashes, also after some memories in the middle were freed and reused.
// RUN: %wat2wasm %S/Inputs/max-offset.wat -o %t.wasm
// RUN: %w2n -O2 -c %t.wasm -o %t.o
// RUN: %host-cc %s %t.o %w2n-rt -o %t
// RUN: %t | FileCheck %s
// CHECK: instances: 2600
// CHECK-NEXT: traps: 2600 of 2600
// CHECK-NEXT: after reuse: 100 of 100
// CHECK-NEXT: in bounds: 42
#include "wasm2native-embed.h"

#include <stdio.h>

extern const w2n_module wasm2native_module;

enum { N = 2600 };
static w2n_instance *insts[N];

static w2n_trap_code call(w2n_instance *inst, const char *name,
                          w2n_value *args) {
  w2n_extern ex;
  if (w2n_instance_export(inst, name, &ex) != 0)
    return W2N_TRAP_NONE;
  return w2n_invoke(inst, ex.u.func, args, NULL);
}

static w2n_instance *make(void) {
  char err[256];
  w2n_trap_code trap;
  w2n_instance *i =
      w2n_instantiate(&wasm2native_module, NULL, NULL, &trap, err, sizeof err);
  if (!i)
    printf("instantiate: %s\n", err);
  return i;
}

int main(void) {
  unsigned made = 0, trapped = 0;
  for (unsigned i = 0; i < N; ++i)
    if ((insts[i] = make()))
      ++made;
  printf("instances: %u\n", made);
  for (unsigned i = 0; i < N; ++i) {
    w2n_value args[2] = {{0}};
    if (insts[i] &&
        call(insts[i], "shr-max", args) == W2N_TRAP_OOB_MEMORY)
      ++trapped;
  }
  printf("traps: %u of %u\n", trapped, made);
  // Free a hundred in the middle and make new ones in their place.
  unsigned reused = 0;
  for (unsigned i = 1000; i < 1100; ++i) {
    w2n_instance_delete(insts[i]);
    insts[i] = make();
    w2n_value args[2] = {{0}};
    if (insts[i] && call(insts[i], "store-max", args) == W2N_TRAP_OOB_MEMORY)
      ++reused;
  }
  printf("after reuse: %u of 100\n", reused);
  w2n_value args[2];
  args[0].i32 = 3;
  args[1].i32 = 42;
  call(insts[N - 1], "store-in-bounds", args);
  args[0].i32 = 3;
  call(insts[N - 1], "load-in-bounds", args);
  printf("in bounds: %d\n", args[0].i32);
  for (unsigned i = 0; i < N; ++i)
    w2n_instance_delete(insts[i]);
  return 0;
}
