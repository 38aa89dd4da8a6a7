// Two instances of one module in one process: accesses of instance B at the
// highest addresses (0xffffffff + offset 0xffffffff + up to 16 bytes) trap
// and never read or write instance A's memory, whose reservation may well
// follow B's in the address space. After the traps both instances still
// work.
// RUN: %wat2wasm %S/Inputs/max-offset.wat -o %t.wasm
// RUN: %w2n -O0 -c %t.wasm -o %t.O0.o
// RUN: %host-cc %s %t.O0.o %w2n-rt -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %w2n -O2 -c %t.wasm -o %t.O2.o
// RUN: %host-cc %s %t.O2.o %w2n-rt -o %t.O2
// RUN: %t.O2 | FileCheck %s
// RUN: %w2n -O2 -fbounds-checks=explicit -c %t.wasm -o %t.explicit.o
// RUN: %host-cc %s %t.explicit.o %w2n-rt -o %t.explicit
// RUN: %t.explicit | FileCheck %s
// Even the inexact lowering, whose loads LLVM narrows to the bytes used
// (at a higher address), stays inside B's reservation.
// RUN: %w2n -O2 -fbounds-checks=inexact -c %t.wasm -o %t.inexact.o
// RUN: %host-cc %s %t.inexact.o %w2n-rt -o %t.inexact
// RUN: %t.inexact | FileCheck %s
// CHECK: lane3-max: out of bounds memory access
// CHECK-NEXT: shr-max: out of bounds memory access
// CHECK-NEXT: rmw-max: out of bounds memory access
// CHECK-NEXT: store-max: out of bounds memory access
// CHECK-NEXT: v128-store-max: out of bounds memory access
// CHECK-NEXT: A untouched: 1
// CHECK-NEXT: B untouched: 1
// CHECK-NEXT: A after: 170
// CHECK-NEXT: B after: 7
#include "wasm2native-embed.h"

#include <stdio.h>
#include <string.h>

extern const w2n_module wasm2native_module;

static w2n_trap_code call(w2n_instance *inst, const char *name,
                          w2n_value *args) {
  w2n_extern ex;
  if (w2n_instance_export(inst, name, &ex) != 0) {
    printf("no export %s\n", name);
    return W2N_TRAP_NONE;
  }
  return w2n_invoke(inst, ex.u.func, args, NULL);
}

static int all(const uint8_t *p, size_t n, uint8_t v) {
  for (size_t i = 0; i < n; ++i)
    if (p[i] != v)
      return 0;
  return 1;
}

int main(void) {
  char err[256];
  w2n_trap_code trap;
  w2n_instance *a =
      w2n_instantiate(&wasm2native_module, NULL, NULL, &trap, err, sizeof err);
  w2n_instance *b =
      w2n_instantiate(&wasm2native_module, NULL, NULL, &trap, err, sizeof err);
  if (!a || !b) {
    printf("instantiate: %s\n", err);
    return 1;
  }
  memset(a->memory->base, 0xaa, a->memory->size);
  memset(b->memory->base, 0xbb, b->memory->size);
  static const char *const names[] = {"lane3-max", "shr-max", "rmw-max",
                                      "store-max", "v128-store-max"};
  for (unsigned i = 0; i < sizeof names / sizeof *names; ++i) {
    w2n_value args[2] = {{0}};
    w2n_trap_code t = call(b, names[i], args);
    printf("%s: %s\n", names[i],
           t == W2N_TRAP_NONE ? "returned" : w2n_trap_message(t));
  }
  printf("A untouched: %d\n", all(a->memory->base, a->memory->size, 0xaa));
  printf("B untouched: %d\n", all(b->memory->base, b->memory->size, 0xbb));
  w2n_value args[2];
  args[0].i32 = 5;
  call(a, "load-in-bounds", args);
  printf("A after: %d\n", args[0].i32);
  args[0].i32 = 9;
  args[1].i32 = 7;
  call(b, "store-in-bounds", args);
  args[0].i32 = 9;
  call(b, "load-in-bounds", args);
  printf("B after: %d\n", args[0].i32);
  w2n_instance_delete(b);
  w2n_instance_delete(a);
  return 0;
}
