/* The embedder's view of a benchmark: the module compiled with -c (state
 * after a trap exact, exports kept) and linked into this host, which gives
 * it WASI through the resolver and calls _start with a trap recovery point,
 * as a program that keeps its instances after a trap would. */
#include "wasm2native-embed.h"

#include <stdio.h>

extern const w2n_module wasm2native_module;

static void run_start(void *p) {
  w2n_funcref *f = p;
  ((void (*)(w2n_instance *))f->fn)(f->instance);
}

int main(int argc, char **argv) {
  w2n_wasi wasi = {argc, argv, NULL};
  w2n_import_resolver wasi_imports = {w2n_wasi_resolve, NULL};
  w2n_trap_code trap;
  char err[512];
  w2n_instance *inst = w2n_instantiate(&wasm2native_module, &wasi_imports,
                                       &wasi, &trap, err, sizeof err);
  w2n_extern start;
  if (!inst || w2n_instance_export(inst, "_start", &start) != 0) {
    fprintf(stderr, "embed-harness: %s\n", inst ? "no _start" : err);
    return 1;
  }
  trap = w2n_call(run_start, start.u.func);
  if (trap != W2N_TRAP_NONE) {
    w2n_report_trap(trap);
    return 134;
  }
  w2n_instance_delete(inst);
  return 0;
}
