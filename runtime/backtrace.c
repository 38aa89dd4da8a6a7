/*===- backtrace.c - The wasm call stack of a trap ------------------------===*
 *
 * Compiled wasm functions and the runtime keep frame pointers, so a trap
 * walks the chain of frame records up the wasm stack and records the
 * return addresses. That is all a trap does: embedders (and the spec
 * runner) trap often and may never look. The text, one wasm frame per line
 * innermost first, is made only when asked for: from the symbol table of
 * the program (the executable, or a -shared library), where every wasm
 * function is a local symbol "wasm.<name>" with its size, and with -g from
 * its DWARF (dwarf.c): the source file and line, and inlined functions as
 * frames of their own.
 *
 * The walk never leaves the wasm stack of the thread: every frame record
 * read lies inside its mapping, so a frame of host code without frame
 * pointers (whose frame-pointer register holds anything) ends the walk
 * instead of faulting. Formatting does plain system calls only and no
 * allocation, so the report of an executable can run in the signal
 * handler.
 *
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_FRAMES 64

#pragma weak rt_dwarf_open
#pragma weak rt_dwarf_describe

/* A fault may hit a leaf function, which has no frame record of its own
 * (frame pointers are kept in functions that call): its caller's return
 * address is then in the link register or near the stack pointer, and up
 * to MAX_CANDIDATES such words are kept to be checked when formatting. */
#define MAX_CANDIDATES 8

static __thread struct {
  /* [0] the trapping pc, [1, 1 + ncand) candidate return addresses of a
   * leaf function at pc, then the return addresses of the chain (each
   * minus 1, so that it lies in the call instruction). */
  uintptr_t pc[1 + MAX_CANDIDATES + MAX_FRAMES];
  unsigned n, ncand;
  int truncated; /* the stack went on beyond MAX_FRAMES */
} bt;

/* The frame record a frame pointer designates: {caller's fp, return
 * address}. RISC-V's frame pointer points just above it. */
static const uintptr_t *frame_record(uintptr_t fp) {
#if defined(__riscv)
  return (const uintptr_t *)(fp - 16);
#else
  return (const uintptr_t *)fp;
#endif
}

/* Not instrumented by AddressSanitizer (the spec runner's runtime copy):
 * the words above a faulting stack pointer may be a frame's redzone. */
__attribute__((no_sanitize_address)) void
rt_backtrace_capture(uintptr_t pc, uintptr_t fp, uintptr_t sp, uintptr_t lr,
                     uintptr_t from_pc) {
  bt.n = 0;
  bt.ncand = 0;
  bt.truncated = 0;
  if (pc)
    bt.pc[bt.n++] = pc;
  uintptr_t lo, hi;
  if (!rt_wasm_stack_bounds(&lo, &hi)) {
    if (from_pc)
      bt.pc[bt.n++] = from_pc;
    return;
  }
  if (pc) {
#if defined(__x86_64__)
    /* The return address is the top of a leaf's frame: just above sp,
     * after the registers it saved. */
    (void)lr;
    for (uintptr_t a = sp;
         a >= lo && a + sizeof a <= hi && a < fp && bt.ncand < MAX_CANDIDATES;
         a += sizeof a)
      bt.pc[bt.n + bt.ncand++] = *(const uintptr_t *)a - 1;
#else
    (void)sp;
    bt.pc[bt.n + bt.ncand++] = lr - 1;
#endif
    bt.n += bt.ncand;
  }
  int skipping = from_pc != 0;
  unsigned chain_max = bt.n + MAX_FRAMES;
  for (;;) {
    const uintptr_t *rec = frame_record(fp);
    if ((uintptr_t)rec < lo || (uintptr_t)rec > hi - 2 * sizeof(uintptr_t) ||
        ((uintptr_t)rec & (sizeof(uintptr_t) - 1)))
      break;
    uintptr_t next = rec[0], ret = rec[1];
    if (!ret)
      break;
    /* The runtime's own frames down to from_pc (the trap's caller) are
     * not part of the wasm stack. */
    if (skipping) {
      if (ret - 1 == from_pc) {
        skipping = 0;
        bt.pc[bt.n++] = from_pc;
      }
    } else if (bt.n == chain_max) {
      bt.truncated = 1;
      break;
    } else {
      bt.pc[bt.n++] = ret - 1;
    }
    if (next <= fp)
      break;
    fp = next;
  }
  if (skipping && !bt.n)
    bt.pc[bt.n++] = from_pc; /* the chain was broken: the trap's site only */
}

void rt_backtrace_clear(void) {
  bt.n = 0;
  bt.ncand = 0;
  bt.truncated = 0;
}

int rt_backtrace_enabled(void) {
  const char *e = getenv("WASM2NATIVE_BACKTRACE");
  return !(e && e[0] == '0' && !e[1]);
}

static int read_at(int fd, void *buf, size_t n, off_t off) {
  return pread(fd, buf, n, off) == (ssize_t)n;
}

/* The executable's ELF header as mapped (its address is the load bias of
 * a PIE); both GNU ld and lld define it. */
extern const Elf64_Ehdr __ehdr_start
    __attribute__((weak, visibility("hidden")));

/* Finds, for each recorded pc, the function symbol containing it: one pass
 * over the symbol table for all frames. name[i] is the symbol's string
 * table offset, or 0 if none contains pc[i]; entry[i] its address. */
static int find_symbols(int fd, const Elf64_Ehdr *eh, uintptr_t bias,
                        uint32_t *name, uintptr_t *entry, Elf64_Shdr *strtab) {
  Elf64_Shdr symtab = {0};
  for (unsigned i = 0; i < eh->e_shnum && !symtab.sh_entsize; ++i) {
    Elf64_Shdr sh;
    if (!read_at(fd, &sh, sizeof sh, eh->e_shoff + (off_t)i * sizeof sh))
      return 0;
    if (sh.sh_type == SHT_SYMTAB && sh.sh_link < eh->e_shnum &&
        read_at(fd, strtab, sizeof *strtab,
                eh->e_shoff + (off_t)sh.sh_link * sizeof sh))
      symtab = sh;
  }
  if (symtab.sh_entsize != sizeof(Elf64_Sym))
    return 0;
  Elf64_Sym syms[64];
  size_t count = symtab.sh_size / sizeof(Elf64_Sym);
  for (size_t i = 0; i < count; i += 64) {
    size_t n = count - i < 64 ? count - i : 64;
    if (!read_at(fd, syms, n * sizeof(Elf64_Sym),
                 symtab.sh_offset + (off_t)i * sizeof(Elf64_Sym)))
      return 0;
    for (size_t k = 0; k < n; ++k) {
      const Elf64_Sym *s = &syms[k];
      if (ELF64_ST_TYPE(s->st_info) != STT_FUNC || !s->st_name)
        continue;
      for (unsigned f = 0; f < bt.n; ++f) {
        uintptr_t addr = bt.pc[f] - bias;
        if (addr >= s->st_value && addr < s->st_value + s->st_size) {
          name[f] = s->st_name;
          entry[f] = s->st_value;
        }
      }
    }
  }
  return 1;
}

/* The compiler's entry thunks (wasm.invoke.<type>, wasm.initialize) are
 * not wasm functions. A wasm function named exactly so is left out too. */
static int is_thunk(const char *name) {
  if (!strcmp(name, "initialize"))
    return 1;
  if (strncmp(name, "invoke.", 7))
    return 0;
  for (name += 7; *name >= '0' && *name <= '9'; ++name)
    ;
  return !*name;
}

/* Whether the instruction before return address ret calls the function
 * at entry: on x86-64 a direct call (E8 rel32); elsewhere the candidate
 * comes from the link register, which holds return addresses only. */
static int calls(uintptr_t ret, uintptr_t entry) {
#if defined(__x86_64__)
  const uint8_t *p = (const uint8_t *)ret;
  int32_t rel;
  memcpy(&rel, p - 4, sizeof rel);
  return p[-5] == 0xe8 && ret + (uintptr_t)(intptr_t)rel == entry;
#else
  (void)ret;
  (void)entry;
  return 1;
#endif
}

/* Keeps at most one candidate return address of a leaf function at pc[0]
 * (name 0 drops a frame): the first in another wasm function that calls
 * pc[0]'s and that the chain does not already start with. A faulting
 * function with a frame record of its own has none: the words above its
 * stack pointer are its own data, and its link register was saved or
 * points into itself. */
static void pick_leaf_caller(uint32_t *name, const uintptr_t *entry,
                             uintptr_t bias) {
  int found = 0;
  uintptr_t chain_first = bt.n > 1 + bt.ncand ? bt.pc[1 + bt.ncand] : 0;
  for (unsigned i = 1; i <= bt.ncand; ++i) {
    if (!found && name[i] && name[0] && name[i] != name[0] &&
        bt.pc[i] != chain_first && calls(bt.pc[i] + 1, entry[0] + bias))
      found = 1;
    else
      name[i] = 0;
  }
}

void rt_backtrace_format(rt_buf *out) {
  if (!bt.n || !rt_backtrace_enabled() || !&__ehdr_start)
    return;
  const Elf64_Ehdr *eh = &__ehdr_start;
  uintptr_t bias = eh->e_type == ET_DYN ? (uintptr_t)eh : 0;
  /* The executable, or the -shared library this runtime copy is part of. */
  const char *image = rt_image_file();
  int fd = image ? open(image, O_RDONLY | O_CLOEXEC) : -1;
  if (fd < 0)
    return;
  uint32_t name[1 + MAX_CANDIDATES + MAX_FRAMES] = {0};
  uintptr_t entry[1 + MAX_CANDIDATES + MAX_FRAMES];
  Elf64_Shdr strtab;
  /* Without a symbol table (a stripped program) there is no telling wasm
   * frames from the runtime's: no backtrace then. */
  if (!find_symbols(fd, eh, bias, name, entry, &strtab)) {
    close(fd);
    return;
  }
  pick_leaf_caller(name, entry, bias);
  rt_dwarf dwarf;
  /* dwarf.c is linked only into programs compiled with -g (the compiler
   * references rt_dwarf_describe then): the weak references are null in
   * the others, which keeps the reader out of every other executable. */
  int have_dwarf =
      rt_dwarf_open && rt_dwarf_describe && rt_dwarf_open(&dwarf, fd, eh);
  unsigned printed = 0;
  for (unsigned f = 0; f < bt.n; ++f) {
    char sym[256];
    ssize_t got;
    if (!name[f] ||
        (got = pread(fd, sym, sizeof sym - 1, strtab.sh_offset + name[f])) <= 5)
      continue;
    sym[got] = 0;
    /* Only wasm code is reported: runtime and host frames are not wasm's.
     * Symbol names are sanitised by the compiler: no control characters. */
    if (sym[0] != 'w' || sym[1] != 'a' || sym[2] != 's' || sym[3] != 'm' ||
        sym[4] != '.' || is_thunk(sym + 5))
      continue;
    /* With -g, the DWARF's inline chain: one line per inlined function. */
    if (!have_dwarf ||
        !rt_dwarf_describe(&dwarf, bt.pc[f] - bias, &printed, out)) {
      rt_buf_str(out, "  #");
      rt_buf_u64(out, printed++);
      rt_buf_str(out, " ");
      rt_buf_str(out, sym + 5);
      rt_buf_str(out, "\n");
    }
  }
  if (bt.truncated && printed)
    rt_buf_str(out, "  ...\n");
  close(fd);
}

const char *w2n_trap_backtrace(void) {
  static __thread char *text;
  if (!text && !(text = malloc(8192)))
    return "";
  rt_buf b;
  rt_buf_init(&b, text, 8192);
  rt_backtrace_format(&b);
  return text;
}
