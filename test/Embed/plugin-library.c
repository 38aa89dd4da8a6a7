// A host's own shared library (a plugin) that links a -c module and the
// runtime archive: its runtime copy names trapping functions from the
// plugin's file, not the executable's, and its faults are its traps while
// the executable's own static runtime copy is there too.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %wat2wasm --debug-names %S/Inputs/shared-a.wat -o %t/a.wasm
// RUN: %w2n -c --header --module-name=plug %t/a.wasm -o %t/plug.o
// RUN: %w2n -c --header --module-name=main %t/a.wasm -o %t/main.o
// RUN: %host-cc -std=c99 -Wall -Werror -DPLUGIN -fPIC -shared -I%t %s %t/plug.o %w2n-rt -Wl,--exclude-libs=ALL -Wl,-z,nodelete -o %t/libplug.so
// RUN: %host-cc -std=c99 -Wall -Werror -I%t %s %t/main.o %w2n-rt -ldl -o %t/host
// RUN: %t/host %t/libplug.so 2>&1 | FileCheck %s
// CHECK: wasm trap: out of bounds memory access in function inner_load
// CHECK: main: out of bounds memory access
// CHECK-NEXT: wasm trap: out of bounds memory access in function inner_load
// CHECK: plugin: out of bounds memory access
// CHECK-NEXT: wasm trap: out of bounds memory access in function inner_load
// CHECK: main again: out of bounds memory access
#include <stdio.h>
#include <string.h>

#ifdef PLUGIN
#include "plug.h"
#define PREFIX(x) plug_##x
#else
#include "main.h"
#include <dlfcn.h>
#define PREFIX(x) main_##x
#endif

static void note(void *h, PREFIX(instance) * c, int32_t v) {
  (void)h;
  (void)c;
  (void)v;
}
static void pair(void *h, PREFIX(instance) * c, int32_t x, int32_t *a,
                 int64_t *b) {
  (void)h;
  (void)c;
  *a = x;
  *b = x;
}

/* Instantiates the module and traps in a function only the symbol table
 * names; returns the trap code. */
#ifdef PLUGIN
__attribute__((visibility("default")))
#else
static
#endif
int PREFIX(run)(void) {
  PREFIX(imports) imp;
  memset(&imp, 0, sizeof imp);
  imp.env_note = note;
  imp.env_pair = pair;
  char err[256];
  PREFIX(instance) *inst = PREFIX(new)(&imp, err, sizeof err);
  if (!inst)
    return -1;
  int32_t v;
  w2n_trap_code t = PREFIX(peek_inner)(inst, 0x7fff0000, &v);
  fflush(stdout);
  PREFIX(report_trap)(t);
  PREFIX(delete)(inst);
  return t;
}

#ifndef PLUGIN
int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  setvbuf(stdout, NULL, _IONBF, 0); /* in order with the trap reports */
  /* The executable's copy installs its handler first. */
  printf("main: %s\n", w2n_trap_message(main_run()));
  void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    printf("dlopen: %s\n", dlerror());
    return 1;
  }
  int (*run)(void) = (int (*)(void))dlsym(h, "plug_run");
  if (!run)
    return 1;
  printf("plugin: %s\n", w2n_trap_message(run()));
  printf("main again: %s\n", w2n_trap_message(main_run()));
  return 0;
}
#endif
