/*===- wasm2native-embed.h - C API for programs that host wasm modules ----===*
 *
 * For embedders (the spec-test runner, tests, hosts written in C/C++) that
 * link compiled modules and libwasm2native-rt.a into their own program:
 * create host objects, instantiate modules with their imports, look up
 * exports and call them with trap recovery.
 *
 * Threads: every call runs wasm on the calling thread's own wasm stack; the
 * objects themselves are not synchronised (do not grow one memory from two
 * threads at once).
 *
 *===----------------------------------------------------------------------===*/
#ifndef WASM2NATIVE_EMBED_H
#define WASM2NATIVE_EMBED_H

#include "wasm2native-rt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A global: the value comes first, so an instance's globals[i] pointer is
 * also a pointer to its w2n_global. */
typedef struct w2n_global {
  w2n_value value;
  uint8_t type;       /* W2N_TYPE_* */
  uint8_t mutability; /* 1 if mutable */
} w2n_global;

/* An exported or importable object. */
typedef struct w2n_extern {
  uint8_t kind; /* W2N_EXTERN_* */
  union {
    w2n_funcref *func;
    w2n_table *table;
    w2n_memory *memory;
    w2n_global *global;
  } u;
} w2n_extern;

/* Supplies the import `imp` of module `m`: fills *out and returns 0, or
 * returns nonzero if it has no such import ("unknown import"). The runtime
 * then checks the type. A funcref whose `instance` is NULL is a host
 * function: the importing instance gets its own copy bound to itself, so the
 * host function's ctx is the importer (and sees its memory). */
typedef int (*w2n_resolve_fn)(void *data, const w2n_module *m,
                              const w2n_import *imp, w2n_extern *out);
typedef struct w2n_import_resolver {
  w2n_resolve_fn resolve;
  void *data;
} w2n_import_resolver;

/* ---- Instances --------------------------------------------------------- */

/* Instantiates `m`: resolves imports (r may be NULL if there are none),
 * creates its memory, tables and globals, then runs its initialisation and
 * start function on the wasm stack. `host` becomes instance->host (WASI
 * functions expect a w2n_wasi there). On failure returns NULL, writes a
 * message to err (it starts with the spec's wording, e.g. "unknown import",
 * "incompatible import type", or the trap reason) and, if the failure was a
 * trap, stores its code to *trap (else W2N_TRAP_NONE). An instance whose
 * initialisation trapped is kept alive on purpose: elements it already wrote
 * to imported tables may still refer to its functions. */
w2n_instance *w2n_instantiate(const w2n_module *m, const w2n_import_resolver *r,
                              void *host, w2n_trap_code *trap, char *err,
                              size_t errlen);
/* Frees the instance and what it defined (not what it imported). */
void w2n_instance_delete(w2n_instance *inst);

/* The export `name` of kind `kind` (W2N_EXTERN_*, or -1 for any), or NULL. */
const w2n_export *w2n_find_export(const w2n_module *m, const char *name,
                                  int kind);
/* Looks up an export of an instance; returns 0 and fills *out, or -1. */
int w2n_instance_export(w2n_instance *inst, const char *name, w2n_extern *out);
/* The same for a name of `len` bytes that may contain NUL bytes. */
int w2n_instance_export_n(w2n_instance *inst, const char *name, size_t len,
                          w2n_extern *out);
const w2n_export *w2n_find_export_n(const w2n_module *m, const char *name,
                                    size_t len, int kind);

/* ---- Calling ----------------------------------------------------------- */

/* The canonical, process-wide id of a signature (strings of W2N_TYPE_*
 * bytes). Never 0. */
uint32_t w2n_type_id(const char *params, const char *results);

/* The signature of a funcref, found among its instance's types (then
 * `inst`'s), or NULL for an unbound host function. */
const w2n_func_type *w2n_funcref_type(const w2n_instance *inst,
                                      const w2n_funcref *f);

/* Calls f with args[0..num_params) and stores its results to args[0..);
 * args needs max(num_params, num_results) slots. Returns the trap code (also
 * stored to *trap if not NULL), W2N_TRAP_NONE on success. A NULL f gives
 * W2N_TRAP_UNINITIALIZED_ELEMENT, an unknown signature
 * W2N_TRAP_INDIRECT_CALL_TYPE_MISMATCH. */
w2n_trap_code w2n_invoke(w2n_instance *inst, const w2n_funcref *f,
                         w2n_value *args, w2n_trap_code *trap);

/* Runs fn(arg) on the wasm stack with a trap recovery point: a trap (by
 * w2n_trap or a fault) inside unwinds back here. Returns the trap code or
 * W2N_TRAP_NONE. Nests: host functions called from wasm may use it. */
w2n_trap_code w2n_call(void (*fn)(void *), void *arg);

/* Runs fn(arg) on this thread's wasm stack (created on first use), or
 * directly if already on it. Without a recovery point a trap prints
 * "wasm trap: ..." and ends the process with status 134. */
void w2n_call_on_wasm_stack(void (*fn)(void *), void *arg);

/* Size of wasm stacks created from now on (default 8 MiB). */
void w2n_set_wasm_stack_size(size_t bytes);

/* Installs the SIGSEGV/SIGBUS/SIGFPE handlers; w2n_instantiate does it. */
void w2n_init_signals(void);

/* The spec's text for a trap code, e.g. "integer divide by zero". */
const char *w2n_trap_message(w2n_trap_code code);
/* Writes "wasm trap: <reason>[ in function <name>]" for this thread's last
 * trap (the function is known only if `code` is that trap) to stderr,
 * followed by its backtrace (w2n_trap_backtrace). */
void w2n_report_trap(w2n_trap_code code);
/* The wasm call stack of this thread's last trap, innermost frame first,
 * one line each: "  #0 <function>\n", with " at <file>:<line>" and inlined
 * functions as frames of their own when the program has DWARF (-g). ""
 * when no frame is known (a stripped program, no trap) or the environment
 * has WASM2NATIVE_BACKTRACE=0. The text is made when asked for (a trap
 * only records return addresses) and stays valid until the thread's next
 * call of this function. */
const char *w2n_trap_backtrace(void);

/* ---- Host objects -------------------------------------------------------- */

/* A host function with the native signature RESULT fn(w2n_instance *ctx,
 * PARAMS...), see wasm2native-rt.h. Its instance is NULL (bound per import).
 * Free with free(). */
w2n_funcref *w2n_host_func_new(void *fn, const char *params,
                               const char *results);

/* A memory with guard regions if the address space allows, which any
 * module can import. NULL on failure, with a message in err. */
w2n_memory *w2n_memory_new(uint64_t min_pages, uint64_t max_pages, int has_max,
                           char *err, size_t errlen);
void w2n_memory_delete(w2n_memory *mem);
/* Returns the old size in pages, or -1. */
int64_t w2n_memory_grow_by(w2n_memory *mem, uint64_t delta_pages);

/* A table of `min` elements set to `init`. NULL if too large. */
w2n_table *w2n_table_new(uint8_t elem_type, uint32_t min, uint32_t max,
                         int has_max, void *init);
void w2n_table_delete(w2n_table *table);
/* Returns the old size, or -1. */
int64_t w2n_table_grow_by(w2n_table *table, uint32_t delta, void *init);

w2n_global *w2n_global_new(uint8_t type, int mutability, w2n_value init);
void w2n_global_delete(w2n_global *global);

/* ---- WASI preview 1 ---------------------------------------------------- */

/* The instance->host of a module that imports WASI. */
typedef struct w2n_wasi {
  int argc;
  char **argv;
  char **envp; /* NULL-terminated; NULL for an empty environment */
  /* The guest's descriptor table, the runtime's: created on first use (so
   * zero-initialise the struct), one per w2n_wasi, so instances with their
   * own w2n_wasi never share descriptors. Freed by w2n_wasi_close(). */
  struct rt_wasi_fds *fds;
  /* proc_exit's status after a call ended with W2N_TRAP_PROC_EXIT. */
  int exit_status;
} w2n_wasi;

/* Closes every descriptor the guest opened or was granted through `w` (not
 * the host's stdio) and frees the table; `w` can be used again after. */
void w2n_wasi_close(w2n_wasi *w);

/* Grants the guest what the option words say, as the driver's options of
 * the same names do: --dir=HOST[::GUEST], --env=NAME=VALUE, --env=NAME
 * (the value in host_env, if any), --inherit-env (all of host_env but
 * WASM2NATIVE_OPTS), --tcplisten=HOST:PORT; "--dir HOST" as two words too.
 * Later words win. Sets w->envp (allocated) and preopens the directories,
 * then the listening sockets, as WASI descriptors 3 and up. Call once,
 * before instantiating. Without it the guest has stdio and nothing else.
 * Returns 0, or -1 with a message in err. */
int w2n_wasi_grant(w2n_wasi *w, int count, const char *const *words,
                   char **host_env, char *err, size_t errlen);

/* A w2n_resolve_fn for "wasi_snapshot_preview1" functions (see
 * WASIFunctions.def); anything else is unknown. `data` is unused. */
int w2n_wasi_resolve(void *data, const w2n_module *m, const w2n_import *imp,
                     w2n_extern *out);

/* ---- Typed module APIs ------------------------------------------------- */

/* What the code the driver generates for a typed API (a -shared library's
 * NAME_* functions, the import trampolines of --header) calls. Hosts use the
 * generated NAME_* functions, not these. */

/* One non-WASI import of the module as a field of NAME_imports. */
typedef struct w2n_api_import {
  uint32_t position;     /* index in w2n_module::imports */
  uint32_t field_offset; /* of its field in NAME_imports */
  /* Functions: the entry with the runtime's signature that calls the typed
   * field (it finds it with w2n_api_import_target); NULL for the others. */
  void *trampoline;
} w2n_api_import;

typedef struct w2n_api_desc {
  const w2n_module *module;
  uint32_t imports_size; /* sizeof(NAME_imports) */
  int32_t wasi_offset;   /* of NAME_imports' `wasi` member, -1 if none */
  uint32_t num_imports;
  const w2n_api_import *imports;
} w2n_api_desc;

/* The `wasi` member of NAME_imports. */
typedef struct w2n_api_wasi_config {
  int argc;
  char **argv;
  char **envp;
  int num_grants;
  const char *const *grants;
} w2n_api_wasi_config;

/* The start of every NAME_instance (the header's own for -c, this one for
 * -shared): the instance's host pointer is the NAME_instance, and
 * `imports` points to its copy of NAME_imports. */
typedef struct w2n_api_instance {
  w2n_wasi wasi;
  w2n_instance *raw;
  void *imports;
} w2n_api_instance;

/* NAME_new of a -shared library: NULL with a message in err on failure. */
w2n_api_instance *w2n_api_new(const w2n_api_desc *d, const void *imports,
                              char *err, size_t errlen);
void w2n_api_delete(w2n_api_instance *self);
/* Calls the function exported as export index k (w2n_invoke's args). */
w2n_trap_code w2n_api_call(w2n_api_instance *self, uint32_t k, w2n_value *args);
/* The object exported as export index k: w2n_memory *, w2n_table * or
 * w2n_global *. */
void *w2n_api_export(w2n_api_instance *self, uint32_t k);
int w2n_api_exit_status(w2n_api_instance *self);
/* For an import trampoline called with `ctx`: the typed function at
 * field_offset of the caller's NAME_imports, its `host` pointer and the
 * calling NAME_instance. */
void *w2n_api_import_target(w2n_instance *ctx, uint32_t field_offset,
                            void **host, void **self);

#ifdef __cplusplus
}
#endif

#endif /* WASM2NATIVE_EMBED_H */
