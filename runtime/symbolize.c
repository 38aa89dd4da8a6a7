/*===- symbolize.c - Name the wasm function at a code address -------------===*
 *
 * Only functions that can become funcrefs keep their address in the module
 * descriptor; the compiler lets LLVM inline and specialise the rest. To name
 * any of them in a trap report, read the executable's own symbol table,
 * where every wasm function is a local symbol "wasm.<name>" with its size.
 * Runs only after a trap, possibly in a signal handler: plain system calls,
 * no allocation.
 *
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

/* The ELF header of the executable, as mapped; in a PIE its address is the
 * load bias. Both GNU ld and lld define it. */
extern const Elf64_Ehdr __ehdr_start
    __attribute__((weak, visibility("hidden")));

static int read_at(int fd, void *buf, size_t n, off_t off) {
  return pread(fd, buf, n, off) == (ssize_t)n;
}

/* The file this copy of the runtime was loaded from when it is not the
 * executable: a shared library made by -shared carries its own runtime, and
 * its section headers are in its own file, not in /proc/self/exe. Found
 * once, before any trap (the loader's list is not async-signal-safe). */
static pthread_once_t image_once = PTHREAD_ONCE_INIT;
static char image_path[4096];
static int image_is_library;

static int find_image(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  (void)data;
  if (info->dlpi_addr != (uintptr_t)&__ehdr_start || !info->dlpi_name ||
      strlen(info->dlpi_name) >= sizeof image_path)
    return 0;
  strcpy(image_path, info->dlpi_name);
  return 1;
}

static void init_image(void) {
  if (!&__ehdr_start)
    return;
  /* The executable's program headers are where the kernel says. */
  if (getauxval(AT_PHDR) == (uintptr_t)&__ehdr_start + __ehdr_start.e_phoff)
    return;
  image_is_library = 1;
  dl_iterate_phdr(find_image, NULL);
}

void rt_image_init(void) { pthread_once(&image_once, init_image); }

const char *rt_image_file(void) {
  if (!image_is_library)
    return "/proc/self/exe";
  return image_path[0] ? image_path : NULL;
}

int rt_symbolize(uintptr_t pc, rt_buf *out) {
  if (!&__ehdr_start)
    return 0;
  const Elf64_Ehdr *eh = &__ehdr_start;
  uintptr_t bias = eh->e_type == ET_DYN ? (uintptr_t)eh : 0;
  /* A library whose file is unknown: reading the executable's tables with
   * its offsets would name the wrong function. */
  const char *file = rt_image_file();
  if (!file)
    return 0;
  int fd = open(file, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  int found = 0;
  /* symtab stays zeroed (sh_entsize 0) unless a symbol table is found. */
  Elf64_Shdr symtab = {0}, strtab = {0};
  for (unsigned i = 0; i < eh->e_shnum && !symtab.sh_entsize; ++i) {
    Elf64_Shdr sh;
    if (!read_at(fd, &sh, sizeof sh, eh->e_shoff + (off_t)i * sizeof sh))
      break;
    if (sh.sh_type == SHT_SYMTAB && sh.sh_link < eh->e_shnum &&
        read_at(fd, &strtab, sizeof strtab,
                eh->e_shoff + (off_t)sh.sh_link * sizeof sh)) {
      symtab = sh;
    }
  }
  if (symtab.sh_entsize == sizeof(Elf64_Sym)) {
    uintptr_t addr = pc - bias;
    Elf64_Sym syms[64];
    size_t count = symtab.sh_size / sizeof(Elf64_Sym);
    for (size_t i = 0; i < count && !found; i += 64) {
      size_t n = count - i < 64 ? count - i : 64;
      if (!read_at(fd, syms, n * sizeof(Elf64_Sym),
                   symtab.sh_offset + (off_t)i * sizeof(Elf64_Sym)))
        break;
      for (size_t k = 0; k < n; ++k) {
        const Elf64_Sym *s = &syms[k];
        if (ELF64_ST_TYPE(s->st_info) != STT_FUNC || addr < s->st_value ||
            addr >= s->st_value + s->st_size)
          continue;
        char name[256];
        ssize_t got =
            pread(fd, name, sizeof name - 1, strtab.sh_offset + s->st_name);
        if (got <= 0)
          break;
        name[got] = 0;
        name[sizeof name - 1] = 0;
        /* Only wasm code is reported; runtime frames are not wasm's. */
        if (name[0] == 'w' && name[1] == 'a' && name[2] == 's' &&
            name[3] == 'm' && name[4] == '.') {
          rt_buf_str(out, name + 5);
          found = 1;
        }
        break;
      }
    }
  }
  close(fd);
  return found;
}
