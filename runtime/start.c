/*===- start.c - main() of a compiled WASI command ------------------------===*
 *
 * In its own object so that the archive supplies main() only to programs
 * that do not define one. Instantiates the linked module with the WASI
 * imports and the granted directories, sockets and environment
 * (wasi_opts.c) and runs its `_start` on the wasm stack. Exit status: 0 when
 * _start returns, n after proc_exit(n), 134 after a trap, 1 if the module
 * cannot be instantiated.
 *
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Defined by the compiled module's object file. */
extern const w2n_module wasm2native_module __attribute__((weak));
/* The driver's grants (--dir, --env, ...): option words, each ended by a
 * NUL, then an empty one. Absent when nothing was granted. */
extern const char wasm2native_grants[] __attribute__((weak));

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

/* Applies the baked grants, then those of WASM2NATIVE_OPTS (later wins). */
static int grant(w2n_wasi *wasi, char **envp) {
  const char *opts = getenv("WASM2NATIVE_OPTS");
  if (!wasm2native_grants && !opts)
    return 0; /* nothing granted, nothing to do */
  int baked = 0, extra = 0;
  for (const char *w = wasm2native_grants; w && *w; w += strlen(w) + 1)
    ++baked;
  char **more = NULL;
  if (opts && (extra = rt_split_words(opts, &more)) < 0)
    return fail("WASM2NATIVE_OPTS: unterminated quote");
  const char **words = malloc(((size_t)baked + (size_t)extra + 1) *
                              sizeof *words);
  if (!words)
    return fail("out of memory");
  int n = 0;
  for (const char *w = wasm2native_grants; w && *w; w += strlen(w) + 1)
    words[n++] = w;
  for (int i = 0; i < extra; ++i)
    words[n++] = more[i];
  char err[512];
  if (w2n_wasi_grant(wasi, n, (const char *const *)words, envp, err,
                     sizeof err) != 0)
    return fail(err);
  for (int i = 0; i < extra; ++i)
    free(more[i]);
  free(more);
  free(words);
  return 0;
}

int main(int argc, char **argv, char **envp) {
  static w2n_wasi wasi;
  wasi.argc = argc;
  wasi.argv = argv;
  wasi.envp = NULL; /* none of the host's unless granted */
  if (!&wasm2native_module)
    return fail("no compiled wasm module was linked into this program");
  if (grant(&wasi, envp) != 0)
    return 1;

  /* The compiler binds every WASI import directly (w2n_module::funcs[i].fn
   * of the import), so no resolver is needed, and none is linked: the full
   * WASI table would pull in every host function. */
  w2n_trap_code trap;
  char err[512];
  w2n_instance *inst = w2n_instantiate(&wasm2native_module, NULL, &wasi,
                                       &trap, err, sizeof err);
  if (!inst) {
    if (trap == W2N_TRAP_NONE)
      return fail(err);
    if (trap == W2N_TRAP_PROC_EXIT) /* the start function called proc_exit */
      _exit(wasi.exit_status);
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
