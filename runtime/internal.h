/*===- internal.h - Shared declarations of the runtime's files ------------===*/
#ifndef WASM2NATIVE_RT_INTERNAL_H
#define WASM2NATIVE_RT_INTERNAL_H

#include "wasm2native/Runtime/wasm2native-embed.h"

#include <stddef.h>
#include <stdint.h>

/* Nothing declared here is part of the library's interface. */
#pragma GCC visibility push(hidden)

/* The code address that called the current runtime function, minus one so
 * it stays inside the caller even when the call was its last instruction. */
/* Whether this thread runs inside w2n_call (an embedder's recovery point). */
int rt_in_guarded_call(void);

#define RT_CALLER_PC ((uintptr_t)__builtin_return_address(0) - 1)

/* RT_ASAN: built with AddressSanitizer (the spec runner's sanitized copy
 * of the runtime, see runtime/CMakeLists.txt). */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RT_ASAN 1
#endif
#endif
#if !defined(RT_ASAN) && defined(__SANITIZE_ADDRESS__)
#define RT_ASAN 1
#endif

/* Private tails of the objects the runtime allocates. */
typedef struct rt_memory {
  w2n_memory pub;
  uint8_t has_max;
  struct rt_reservation *slot; /* in the fault-address registry, or NULL */
} rt_memory;

typedef struct rt_table {
  w2n_table pub;
  uint8_t has_max;
} rt_table;

typedef struct rt_instance {
  w2n_instance pub;
  w2n_funcref *own_funcs; /* by function index; also bound host imports */
  w2n_global *own_globals;
  rt_table **own_tables;
  rt_memory *own_memory;
  uint32_t *type_ids;
} rt_instance;

/* util.c: bounded string building instead of stdio. */
typedef struct rt_buf {
  char *p;
  size_t cap, len; /* len < cap always (NUL-terminated) */
} rt_buf;
void rt_buf_init(rt_buf *b, char *p, size_t cap);
void rt_buf_str(rt_buf *b, const char *s);
/* Appends the wasm function containing pc from the executable's symbol
 * table; returns 0 if there is none (stripped, JIT code, not wasm). */
int rt_symbolize(uintptr_t pc, rt_buf *b);
/* Finds the file this runtime copy was loaded from (needed by rt_symbolize
 * in a shared library); call before traps can happen. */
void rt_image_init(void);
/* That file, whose section headers and symbols describe the code of this
 * copy (__ehdr_start): "/proc/self/exe" in an executable, the library's
 * path in a -shared library, NULL if unknown. Async-signal-safe. */
const char *rt_image_file(void);
void rt_buf_u64(rt_buf *b, uint64_t v);
void rt_write_all(int fd, const char *s, size_t n);
void rt_write_str(int fd, const char *s);

/* wasi_opts.c: shell-like words of s into *out (allocated); -1 for an
 * unterminated quote. */
int rt_split_words(const char *s, char ***out);

/* trap.c */
__attribute__((noreturn)) void rt_trap_at(w2n_trap_code code, uintptr_t pc);
void rt_register_module(const w2n_module *m);

/* memory.c */
rt_memory *rt_memory_create(uint64_t min, uint64_t max, int has_max,
                            int guarded, char *err, size_t errlen);
void rt_memory_free(rt_memory *mem);
int rt_in_memory_reservation(uintptr_t addr); /* async-signal-safe */

/* table.c */
rt_table *rt_table_create(uint8_t elem_type, uint32_t min, uint32_t max,
                          int has_max, void *init);
void rt_table_free(rt_table *t);

/* stack.c, async-signal-safe */
int rt_in_stack_guard(uintptr_t addr);
int rt_on_wasm_stack(void);
/* The usable part [lo, hi) of this thread's wasm stack while wasm runs on
 * it; 0 when it does not. */
int rt_wasm_stack_bounds(uintptr_t *lo, uintptr_t *hi);

/* backtrace.c: records the wasm call stack of a trap: from pc and the
 * frame pointer, stack pointer and link register there (a fault), or,
 * with pc 0, from the frames above fp down to the one returning to
 * from_pc (a trap called by wasm code). */
void rt_backtrace_capture(uintptr_t pc, uintptr_t fp, uintptr_t sp,
                          uintptr_t lr, uintptr_t from_pc);
void rt_backtrace_clear(void);
int rt_backtrace_enabled(void); /* not WASM2NATIVE_BACKTRACE=0 */
/* Appends the recorded frames, one line each; async-signal-safe. */
void rt_backtrace_format(rt_buf *out);

/* dwarf.c: the executable's own DWARF (compiled with -g), read with
 * pread at a trap: no allocation. */
typedef struct rt_dwarf {
  int fd;
  /* File offset and size of each section, in this order. */
  uint64_t info_off, info_size, abbrev_off, abbrev_size, line_off,
      line_size, str_off, str_size, ranges_off, ranges_size;
} rt_dwarf;
/* eh is the executable's ELF header (Elf64_Ehdr). 0 without DWARF. */
int rt_dwarf_open(rt_dwarf *d, int fd, const void *eh);
/* Appends "  #N function at file:line" for pc (a link-time address) and
 * one such line per function inlined there, innermost first, numbering
 * from *frame; 0 (nothing appended) if the DWARF does not cover pc. */
int rt_dwarf_describe(const rt_dwarf *d, uintptr_t pc, unsigned *frame,
                      rt_buf *out);
/* Under ASan: clears the shadow of the wasm stack below the caller's
 * frame, which a trap abandoned. */
#ifdef RT_ASAN
void rt_asan_forget_wasm_frames(void);
#else
static inline void rt_asan_forget_wasm_frames(void) {}
#endif

#pragma GCC visibility pop

#endif
