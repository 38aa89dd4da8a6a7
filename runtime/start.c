/*===- start.c - main() of a compiled WASI command ------------------------===*
 *
 * In its own object so that the archive supplies main() only to programs
 * that do not define one. Instantiates the linked module with the WASI
 * imports and runs its `_start` on the wasm stack. Exit status: 0 when
 * _start returns, n after proc_exit(n), 134 after a trap, 1 if the module
 * cannot be instantiated.
 *
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <unistd.h>

/* Defined by the compiled module's object file. */
extern const w2n_module wasm2native_module __attribute__((weak));

static int fail(const char *what) {
  rt_write_str(2, "wasm2native: ");
  rt_write_str(2, what);
  rt_write_str(2, "\n");
  return 1;
}

static void run_start(void *p) {
  w2n_funcref *f = p;
  ((void (*)(w2n_instance *))f->fn)(f->instance);
}

int main(int argc, char **argv, char **envp) {
  static w2n_wasi wasi;
  wasi.argc = argc;
  wasi.argv = argv;
  wasi.envp = envp;
  if (!&wasm2native_module)
    return fail("no compiled wasm module was linked into this program");

  w2n_import_resolver resolver = {w2n_wasi_resolve, NULL};
  w2n_trap_code trap;
  char err[512];
  w2n_instance *inst = w2n_instantiate(&wasm2native_module, &resolver, &wasi,
                                       &trap, err, sizeof err);
  if (!inst) {
    if (trap == W2N_TRAP_NONE)
      return fail(err);
    w2n_report_trap(trap); /* from the start function */
    _exit(134);
  }

  /* A module without _start has done its work in its start function. */
  w2n_extern start;
  if (w2n_instance_export(inst, "_start", &start) != 0)
    return 0;
  if (start.kind != W2N_EXTERN_FUNC ||
      start.u.func->type_id != w2n_type_id("", ""))
    return fail("the export _start is not a function of type [] -> []");
  /* No recovery point: a trap reports itself and exits with 134. */
  w2n_call_on_wasm_stack(run_start, start.u.func);
  return 0;
}
