/*===- wasm2native-rt.h - ABI between generated code and the runtime ------===*
 *
 * The one contract between code that wasm2native generates and the C runtime
 * in runtime/. The IR generator includes this header and uses offsetof() on
 * these structs, so the layout here is the layout the generated code uses.
 *
 * A compiled module is described by one constant `w2n_module` object. The
 * runtime instantiates it into a `w2n_instance`, which every generated
 * function receives as its first parameter:
 *
 *     RESULT fn(w2n_instance *ctx, PARAMS...)
 *
 * with i32/i64/f32/f64 as the C types, v128 as a 16-byte vector, references
 * as pointers, and more than one result returned as an LLVM first-class
 * struct. Host functions (WASI, spectest) have the same shape; their `ctx` is
 * the instance that imports them.
 *
 *===----------------------------------------------------------------------===*/
#ifndef WASM2NATIVE_RT_H
#define WASM2NATIVE_RT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define W2N_ABI_VERSION 1u
#define W2N_PAGE_SIZE 65536u

/* Value types, in the encoding of the binary format. */
enum {
  W2N_TYPE_I32 = 0x7f,
  W2N_TYPE_I64 = 0x7e,
  W2N_TYPE_F32 = 0x7d,
  W2N_TYPE_F64 = 0x7c,
  W2N_TYPE_V128 = 0x7b,
  W2N_TYPE_FUNCREF = 0x70,
  W2N_TYPE_EXTERNREF = 0x6f,
};

/* External kinds, as in the binary format's import/export descriptors. */
enum {
  W2N_EXTERN_FUNC = 0,
  W2N_EXTERN_TABLE = 1,
  W2N_EXTERN_MEMORY = 2,
  W2N_EXTERN_GLOBAL = 3,
};

/* Trap reasons. The generated code passes one of these to w2n_trap(). */
typedef enum w2n_trap_code {
  W2N_TRAP_NONE = 0,
  W2N_TRAP_UNREACHABLE,
  W2N_TRAP_INT_DIV_BY_ZERO,
  W2N_TRAP_INT_OVERFLOW,
  W2N_TRAP_INVALID_CONVERSION,
  W2N_TRAP_OOB_MEMORY,
  W2N_TRAP_OOB_TABLE,
  W2N_TRAP_UNDEFINED_ELEMENT,
  W2N_TRAP_UNINITIALIZED_ELEMENT,
  W2N_TRAP_INDIRECT_CALL_TYPE_MISMATCH,
  W2N_TRAP_CALL_STACK_EXHAUSTED,
  /* Not a trap: the guest called WASI proc_exit inside a call from an
   * embedder (w2n_call/w2n_invoke), which ends only that call; the status
   * is in the instance's w2n_wasi. */
  W2N_TRAP_PROC_EXIT,
  W2N_TRAP_COUNT
} w2n_trap_code;

/* The lowest stack pointer wasm code may run with on this thread, 0 for no
 * limit. Code for targets without inline stack probes (riscv64) compares
 * against it on entry, so that no frame can step over the wasm stack's
 * guard region. */
extern __thread uintptr_t w2n_stack_limit;

/* Flags of w2n_module::flags. */
enum {
  /* Accesses are checked against w2n_memory::size in the code; the memory
   * needs no guard region. Otherwise the code relies on a reservation of
   * W2N_GUARD_RESERVATION bytes and faults become traps. */
  W2N_MODULE_EXPLICIT_BOUNDS_CHECKS = 1u << 0,
};

/* Bytes a guard-page memory reserves: the last byte any access can touch,
 * 0xffffffff + 0xffffffff + 15 (address + offset + a v128's last byte), lies
 * inside it, so no access reaches past it into another mapping. The 64 KiB
 * beyond 8 GiB keep whole pages on every host. */
#define W2N_GUARD_RESERVATION ((8ull << 30) + (64ull << 10))

typedef struct w2n_instance w2n_instance;

/* A funcref value is a pointer to one of these (NULL is ref.null). */
typedef struct w2n_funcref {
  void *fn;                  /* native entry, see the file comment */
  w2n_instance *instance;    /* the ctx argument to pass to fn */
  uint32_t type_id;          /* canonical signature id, see w2n_type_id() */
} w2n_funcref;

typedef struct w2n_memory {
  uint8_t *base;       /* never moves after creation */
  uint64_t size;       /* current size in bytes */
  uint64_t max_pages;  /* declared maximum, or 65536 */
  uint64_t reserved;   /* bytes of address space reserved at base */
} w2n_memory;

typedef struct w2n_table {
  void **elems;        /* w2n_funcref* for funcref tables, opaque for externref */
  uint32_t size;
  uint32_t max;        /* declared maximum, or UINT32_MAX */
  uint8_t elem_type;   /* W2N_TYPE_FUNCREF or W2N_TYPE_EXTERNREF */
} w2n_table;

/* Storage of a global: big enough for any value type. */
typedef union w2n_value {
  int32_t i32;
  int64_t i64;
  float f32;
  double f64;
  uint8_t v128[16];
  void *ref;
} w2n_value;

/* A data or element segment of an instance; size becomes 0 on *.drop. */
typedef struct w2n_data_segment {
  const uint8_t *bytes;
  uint32_t size;
} w2n_data_segment;

typedef struct w2n_elem_segment {
  void **items;
  uint32_t size;
} w2n_elem_segment;

/* Per-instance state. The generated code reads the fields before `module`;
 * everything after it is the runtime's own business. */
struct w2n_instance {
  uint8_t *mem_base;           /* memory 0 base (== memory->base), or NULL */
  w2n_memory *memory;          /* memory 0, own or imported, or NULL */
  w2n_table **tables;          /* by table index (imports first) */
  w2n_value **globals;         /* by global index (imports first) */
  w2n_funcref **funcs;         /* by function index (imports first) */
  const uint32_t *type_ids;    /* canonical id of each type index */
  w2n_data_segment *data;      /* by data segment index */
  w2n_elem_segment *elems;     /* by element segment index */
  const struct w2n_module *module;
  void *host;                  /* embedder state, e.g. the WASI context */
};

/* ---- The static description of a compiled module ---------------------- */

typedef struct w2n_func_type {
  /* Parameter and result types as strings of W2N_TYPE_* bytes. */
  const char *params;
  const char *results;
  uint32_t num_params;
  uint32_t num_results;
  /* Calls fn(ctx, args[0..num_params)) and stores the results to args[0..).
   * Lets a C embedder call a function of any signature. */
  void (*invoke)(void *fn, w2n_instance *ctx, w2n_value *args);
} w2n_func_type;

/* Names are UTF-8 and may contain NUL bytes, hence the lengths; the
 * strings are NUL-terminated as well for convenience. */
typedef struct w2n_import {
  const char *module;
  const char *name;
  uint32_t module_len;
  uint32_t name_len;
  uint8_t kind;          /* W2N_EXTERN_* */
  uint8_t value_type;    /* global: W2N_TYPE_*; table: element type */
  uint8_t mutability;    /* global: 1 if mutable */
  uint8_t has_max;       /* table/memory */
  uint32_t type_index;   /* func: index into w2n_module::types */
  uint64_t min, max;     /* table/memory limits (pages for memories) */
} w2n_import;

typedef struct w2n_export {
  const char *name;
  uint32_t name_len;
  uint8_t kind;          /* W2N_EXTERN_* */
  uint32_t index;        /* in the kind's index space (imports first) */
} w2n_export;

typedef struct w2n_func {
  void *fn;              /* NULL for imports */
  uint32_t type_index;
  const char *name;      /* from the name section, or NULL */
} w2n_func;

typedef struct w2n_global_desc {
  uint8_t value_type;
  uint8_t mutability;
  /* Storage the compiled code reaches directly, laid out as the embedder
   * API's w2n_global (value first), or NULL for the runtime to allocate.
   * Only a module that can have one instance (an executable) has it. */
  void *storage;
} w2n_global_desc;

typedef struct w2n_table_desc {
  uint8_t elem_type;
  uint8_t has_max;
  uint32_t min, max;
} w2n_table_desc;

typedef struct w2n_module {
  uint32_t abi_version;  /* W2N_ABI_VERSION */
  uint32_t flags;        /* W2N_MODULE_* */
  const char *name;      /* module name from the name section, or NULL */

  uint32_t num_types;
  const w2n_func_type *types;

  uint32_t num_imports;
  const w2n_import *imports;

  /* All functions, imports first (their fn is NULL). */
  uint32_t num_funcs;
  const w2n_func *funcs;

  /* Tables, memories and globals defined by the module (not imported). */
  uint32_t num_tables;
  const w2n_table_desc *tables;
  uint32_t num_memories;       /* 0 or 1 */
  uint64_t memory_min_pages;
  uint64_t memory_max_pages;   /* 65536 when no maximum was declared */
  uint8_t memory_has_max;
  uint32_t num_globals;
  const w2n_global_desc *globals;

  /* Counts over the whole index spaces (imports + definitions). */
  uint32_t total_tables;
  uint32_t total_globals;

  uint32_t num_exports;
  const w2n_export *exports;

  uint32_t num_data;
  const w2n_data_segment *data;   /* the bytes of every data segment */
  uint32_t num_elems;

  /* Generated: evaluates global initialisers, builds element segments,
   * applies active segments (trapping as the spec says), then runs the
   * start function. The runtime has set every other instance field. */
  void (*initialize)(w2n_instance *ctx);
} w2n_module;

/* ---- Runtime entry points the generated code calls -------------------- */

/* Never returns: reports the trap to the embedder or ends the process. */
__attribute__((noreturn)) void w2n_trap(w2n_trap_code code);

/* Stand-ins for the code of constant table entries that must trap, so that
 * call_indirect through such a table needs no branch: called with any
 * arguments, they trap with their reason. */
__attribute__((noreturn)) void w2n_trap_undefined_element(void);
__attribute__((noreturn)) void w2n_trap_uninitialized_element(void);
__attribute__((noreturn)) void w2n_trap_indirect_call_type_mismatch(void);

/* memcmp with musl's result (the difference of the first differing bytes),
 * for the fast path of a recognised wasi-libc memcmp. */
int32_t w2n_memcmp(const uint8_t *a, const uint8_t *b, uint64_t n);

/* memory.grow: returns the old size in pages, or -1. */
int32_t w2n_memory_grow(w2n_instance *ctx, uint32_t delta_pages);
void w2n_memory_init(w2n_instance *ctx, uint32_t seg, uint32_t dst,
                     uint32_t src, uint32_t n);
void w2n_memory_copy(w2n_instance *ctx, uint32_t dst, uint32_t src,
                     uint32_t n);
void w2n_memory_fill(w2n_instance *ctx, uint32_t dst, uint32_t value,
                     uint32_t n);
void w2n_data_drop(w2n_instance *ctx, uint32_t seg);

/* Element segments are built by the generated initialize(). */
void w2n_elem_segment_init(w2n_instance *ctx, uint32_t seg, void **items,
                           uint32_t n);
void w2n_table_init(w2n_instance *ctx, uint32_t table, uint32_t seg,
                    uint32_t dst, uint32_t src, uint32_t n);
void w2n_elem_drop(w2n_instance *ctx, uint32_t seg);
void w2n_table_copy(w2n_instance *ctx, uint32_t dst_table, uint32_t src_table,
                    uint32_t dst, uint32_t src, uint32_t n);
int32_t w2n_table_grow(w2n_instance *ctx, uint32_t table, void *init,
                       uint32_t delta);
void w2n_table_fill(w2n_instance *ctx, uint32_t table, uint32_t dst,
                    void *value, uint32_t n);

#ifdef __cplusplus
}
#endif

#endif /* WASM2NATIVE_RT_H */
