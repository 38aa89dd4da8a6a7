// A trap returns to the innermost host-to-wasm entry and never unwinds the
// host's frames: here wasm calls a C++ host function, which calls back into
// wasm twice; both calls trap, the host function sees the trap codes, its
// destructors run, it returns normally, and the outer wasm call completes.
// RUN: %wat2wasm %S/Inputs/reenter.wat -o %t.wasm
// RUN: %w2n -O2 -c %t.wasm -o %t.o
// RUN: %host-cxx %s %t.o %w2n-rt -o %t
// RUN: %t | FileCheck %s
// RUN: %w2n -O0 -fbounds-checks=explicit -c %t.wasm -o %t.explicit.o
// RUN: %host-cxx %s %t.explicit.o %w2n-rt -o %t.explicit
// RUN: %t.explicit | FileCheck %s
// CHECK: inner boom: unreachable
// CHECK-NEXT: inner store: out of bounds memory access
// CHECK-NEXT: destructor ran
// CHECK-NEXT: outer: trap none, result 105
// CHECK-NEXT: guards alive: 0
#include "wasm2native-embed.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

extern "C" const w2n_module wasm2native_module;

static int Alive = 0;
struct Guard {
  const char *What;
  explicit Guard(const char *What) : What(What) { ++Alive; }
  ~Guard() {
    --Alive;
    std::printf("%s\n", What);
  }
};

static w2n_trap_code call(w2n_instance *Inst, const char *Name,
                          w2n_value *Args) {
  w2n_extern Ex;
  if (w2n_instance_export(Inst, Name, &Ex) != 0)
    return W2N_TRAP_NONE;
  return w2n_invoke(Inst, Ex.u.func, Args, nullptr);
}

static int32_t host(w2n_instance *Ctx, int32_t X) {
  Guard G("destructor ran");
  w2n_value Args[1] = {};
  std::printf("inner boom: %s\n", w2n_trap_message(call(Ctx, "boom", Args)));
  Args[0].i32 = 70000;
  std::printf("inner store: %s\n",
              w2n_trap_message(call(Ctx, "store", Args)));
  return X;
}

static w2n_funcref *HostFunc;

static int resolve(void *, const w2n_module *, const w2n_import *Imp,
                   w2n_extern *Out) {
  if (std::strcmp(Imp->name, "host") != 0)
    return 1;
  static const char Params[] = {char(W2N_TYPE_I32), 0};
  Out->kind = W2N_EXTERN_FUNC;
  if (!HostFunc)
    HostFunc = w2n_host_func_new((void *)&host, Params, Params);
  Out->u.func = HostFunc;
  return 0;
}

int main() {
  char Err[256];
  w2n_trap_code Trap;
  w2n_import_resolver R = {resolve, nullptr};
  w2n_instance *Inst =
      w2n_instantiate(&wasm2native_module, &R, nullptr, &Trap, Err, sizeof Err);
  if (!Inst) {
    std::printf("instantiate: %s\n", Err);
    return 1;
  }
  w2n_value Args[1];
  Args[0].i32 = 5;
  w2n_trap_code T = call(Inst, "run", Args);
  std::printf("outer: trap %s, result %d\n",
              T == W2N_TRAP_NONE ? "none" : w2n_trap_message(T), Args[0].i32);
  std::printf("guards alive: %d\n", Alive);
  w2n_instance_delete(Inst);
  std::free(HostFunc);
  return 0;
}
