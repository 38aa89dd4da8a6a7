/*===- dwarf.c - Source locations of a trap from the executable's DWARF ---===*
 *
 * With -g the compiler emits DWARF 4 (line tables and the subprogram and
 * inlined-subroutine tree), and a trap backtrace names, for each return
 * address, the chain of functions inlined there with their files and
 * lines. This is a reader for that subset, as LLVM writes it: .debug_info
 * with .debug_abbrev, .debug_str and .debug_ranges, and .debug_line.
 * Anything else (other versions, 64-bit DWARF) is skipped, and the
 * backtrace falls back to the symbol name.
 *
 * It runs after a trap, possibly in a signal handler on the alternate
 * stack: pread through a small window, no allocation, bounded state.
 *
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <elf.h>
#include <string.h>
#include <unistd.h>

#define DW_TAG_compile_unit 0x11
#define DW_TAG_subprogram 0x2e
#define DW_TAG_inlined_subroutine 0x1d
#define DW_AT_name 0x03
#define DW_AT_stmt_list 0x10
#define DW_AT_low_pc 0x11
#define DW_AT_high_pc 0x12
#define DW_AT_abstract_origin 0x31
#define DW_AT_specification 0x47
#define DW_AT_ranges 0x55
#define DW_AT_call_file 0x58
#define DW_AT_call_line 0x59
#define DW_AT_linkage_name 0x6e

/* ---- Reading a section through a window ---------------------------------- */

typedef struct cursor {
  int fd;
  uint64_t base, size; /* the section in the file */
  uint64_t pos;        /* offset in the section */
  uint64_t win_pos;    /* section offset of win[0] */
  unsigned win_len;
  int bad; /* read past the end or failed */
  uint8_t win[1024];
} cursor;

static void cur_init(cursor *c, int fd, uint64_t base, uint64_t size,
                     uint64_t pos) {
  c->fd = fd;
  c->base = base;
  c->size = size;
  c->pos = pos;
  c->win_len = 0;
  c->win_pos = 0;
  c->bad = pos > size;
}

static uint8_t u8(cursor *c) {
  if (c->bad || c->pos >= c->size) {
    c->bad = 1;
    return 0;
  }
  if (c->pos < c->win_pos || c->pos >= c->win_pos + c->win_len) {
    uint64_t n = c->size - c->pos;
    if (n > sizeof c->win)
      n = sizeof c->win;
    ssize_t got = pread(c->fd, c->win, n, (off_t)(c->base + c->pos));
    if (got <= 0) {
      c->bad = 1;
      return 0;
    }
    c->win_pos = c->pos;
    c->win_len = (unsigned)got;
  }
  return c->win[c->pos++ - c->win_pos];
}

static uint64_t uN(cursor *c, unsigned n) {
  uint64_t v = 0;
  for (unsigned i = 0; i < n; ++i)
    v |= (uint64_t)u8(c) << (8 * i);
  return v;
}

static uint64_t uleb(cursor *c) {
  uint64_t v = 0;
  unsigned shift = 0;
  uint8_t b;
  do {
    b = u8(c);
    if (shift < 64)
      v |= (uint64_t)(b & 0x7f) << shift;
    shift += 7;
  } while ((b & 0x80) && !c->bad);
  return v;
}

static int64_t sleb(cursor *c) {
  int64_t v = 0;
  unsigned shift = 0;
  uint8_t b;
  do {
    b = u8(c);
    if (shift < 64)
      v |= (int64_t)(b & 0x7f) << shift;
    shift += 7;
  } while ((b & 0x80) && !c->bad);
  if (shift < 64 && (b & 0x40))
    v |= -((int64_t)1 << shift);
  return v;
}

static void skip_cstr(cursor *c) {
  while (u8(c) && !c->bad)
    ;
}

/* Copies a NUL-terminated string at section offset off into buf. */
static void read_str(int fd, uint64_t base, uint64_t size, uint64_t off,
                     char *buf, size_t cap) {
  buf[0] = 0;
  if (off >= size || cap < 2)
    return;
  size_t n = size - off < cap - 1 ? (size_t)(size - off) : cap - 1;
  ssize_t got = pread(fd, buf, n, (off_t)(base + off));
  buf[got > 0 ? got : 0] = 0;
}

/* ---- Sections ------------------------------------------------------------ */

int rt_dwarf_open(rt_dwarf *d, int fd, const void *ehp) {
  const Elf64_Ehdr *eh = ehp;
  memset(d, 0, sizeof *d);
  d->fd = fd;
  Elf64_Shdr shstr;
  if (eh->e_shstrndx >= eh->e_shnum ||
      pread(fd, &shstr, sizeof shstr,
            (off_t)(eh->e_shoff + eh->e_shstrndx * sizeof shstr)) !=
          sizeof shstr)
    return 0;
  for (unsigned i = 0; i < eh->e_shnum; ++i) {
    Elf64_Shdr sh;
    if (pread(fd, &sh, sizeof sh, (off_t)(eh->e_shoff + i * sizeof sh)) !=
        sizeof sh)
      return 0;
    char name[24];
    read_str(fd, shstr.sh_offset, shstr.sh_size, sh.sh_name, name, sizeof name);
    if (strncmp(name, ".debug_", 7) || sh.sh_type != SHT_PROGBITS)
      continue;
    const char *n = name + 7;
    uint64_t *off = !strcmp(n, "info")     ? &d->info_off
                    : !strcmp(n, "abbrev") ? &d->abbrev_off
                    : !strcmp(n, "line")   ? &d->line_off
                    : !strcmp(n, "str")    ? &d->str_off
                    : !strcmp(n, "ranges") ? &d->ranges_off
                                           : NULL;
    if (off) {
      off[0] = sh.sh_offset;
      off[1] = sh.sh_size;
    }
  }
  return d->info_size && d->abbrev_size && d->line_size;
}

/* ---- Abbreviations and attributes ---------------------------------------- */

#define MAX_ABBREVS 96
#define MAX_ATTRS 20

typedef struct abbrev {
  uint32_t code;
  uint16_t tag;
  uint8_t children, nattrs;
  uint16_t attr[MAX_ATTRS], form[MAX_ATTRS];
} abbrev;

typedef struct unit {
  uint64_t start, end; /* .debug_info offsets of the header and the end */
  uint64_t low_pc;     /* base address of ranges */
  uint64_t stmt_list;
  int has_stmt_list;
  unsigned nabbrevs;
  abbrev abbrevs[MAX_ABBREVS];
} unit;

static int load_abbrevs(const rt_dwarf *d, unit *u, uint64_t off) {
  cursor c;
  cur_init(&c, d->fd, d->abbrev_off, d->abbrev_size, off);
  u->nabbrevs = 0;
  for (;;) {
    uint64_t code = uleb(&c);
    if (!code || c.bad)
      return !c.bad;
    if (u->nabbrevs == MAX_ABBREVS)
      return 0;
    abbrev *a = &u->abbrevs[u->nabbrevs++];
    a->code = (uint32_t)code;
    a->tag = (uint16_t)uleb(&c);
    a->children = u8(&c);
    a->nattrs = 0;
    for (;;) {
      uint64_t at = uleb(&c), form = uleb(&c);
      if (!at && !form)
        break;
      if (form == 0x21) /* DW_FORM_implicit_const: DWARF 5 only */
        return 0;
      if (a->nattrs == MAX_ATTRS || c.bad)
        return 0;
      a->attr[a->nattrs] = (uint16_t)at;
      a->form[a->nattrs++] = (uint16_t)form;
    }
  }
}

static const abbrev *find_abbrev(const unit *u, uint64_t code) {
  for (unsigned i = 0; i < u->nabbrevs; ++i)
    if (u->abbrevs[i].code == code)
      return &u->abbrevs[i];
  return NULL;
}

/* Reads an attribute value of a DWARF 4 form: constants, addresses,
 * references and offsets as numbers; strings as .debug_str offsets, with
 * *is_str set; blocks skipped. 0 for a form this reader does not know. */
static int read_form(cursor *c, unsigned form, uint64_t *v, int *is_str) {
  *is_str = 0;
  *v = 0;
  switch (form) {
  case 0x01: /* addr */
  case 0x07: /* data8 */
  case 0x14: /* ref8 */
    *v = uN(c, 8);
    return 1;
  case 0x0b: /* data1 */
  case 0x11: /* ref1 */
  case 0x0c: /* flag */
    *v = u8(c);
    return 1;
  case 0x05: /* data2 */
  case 0x12: /* ref2 */
    *v = uN(c, 2);
    return 1;
  case 0x06: /* data4 */
  case 0x13: /* ref4 */
  case 0x10: /* ref_addr */
  case 0x17: /* sec_offset */
    *v = uN(c, 4);
    return 1;
  case 0x0e: /* strp */
    *v = uN(c, 4);
    *is_str = 1;
    return 1;
  case 0x0d: /* sdata */
    *v = (uint64_t)sleb(c);
    return 1;
  case 0x0f: /* udata */
  case 0x15: /* ref_udata */
    *v = uleb(c);
    return 1;
  case 0x19: /* flag_present */
    *v = 1;
    return 1;
  case 0x08: /* string: inline, not returned */
    skip_cstr(c);
    return 1;
  case 0x18: /* exprloc */
  case 0x09: /* block */
    c->pos += uleb(c);
    return 1;
  case 0x0a: /* block1 */
    c->pos += u8(c);
    return 1;
  case 0x03: /* block2 */
    c->pos += uN(c, 2);
    return 1;
  case 0x04: /* block4 */
    c->pos += uN(c, 4);
    return 1;
  case 0x20: /* ref_sig8 */
    c->pos += 8;
    return 1;
  default:
    return 0;
  }
}

/* What a DIE says about code ranges, names and call sites. */
typedef struct die {
  const abbrev *ab;
  uint64_t low, high, ranges, name_str, origin, call_file, call_line;
  int has_low, high_is_offset, has_high, has_ranges, has_name, has_origin;
  uint64_t stmt_list;
  int has_stmt_list;
} die;

/* Reads the DIE at the cursor; 0 at the end of a sibling list (code 0,
 * ab NULL) is returned as 1 with d->ab == NULL; 0 on an error. */
static int read_die(cursor *c, const unit *u, die *d) {
  memset(d, 0, sizeof *d);
  uint64_t code = uleb(c);
  if (c->bad)
    return 0;
  if (!code)
    return 1;
  d->ab = find_abbrev(u, code);
  if (!d->ab)
    return 0;
  for (unsigned i = 0; i < d->ab->nattrs; ++i) {
    uint64_t v;
    int is_str;
    unsigned form = d->ab->form[i];
    if (!read_form(c, form, &v, &is_str) || c->bad)
      return 0;
    switch (d->ab->attr[i]) {
    case DW_AT_low_pc:
      d->low = v;
      d->has_low = 1;
      break;
    case DW_AT_high_pc:
      d->high = v;
      d->has_high = 1;
      d->high_is_offset = form != 0x01;
      break;
    case DW_AT_ranges:
      d->ranges = v;
      d->has_ranges = 1;
      break;
    case DW_AT_name:
    case DW_AT_linkage_name:
      /* The plain name wins over the mangled one. */
      if (is_str && (!d->has_name || d->ab->attr[i] == DW_AT_name)) {
        d->name_str = v;
        d->has_name = 1;
      }
      break;
    case DW_AT_abstract_origin:
    case DW_AT_specification:
      if (form != 0x10) { /* unit-relative */
        d->origin = u->start + v;
        d->has_origin = 1;
      }
      break;
    case DW_AT_call_file:
      d->call_file = v;
      break;
    case DW_AT_call_line:
      d->call_line = v;
      break;
    case DW_AT_stmt_list:
      d->stmt_list = v;
      d->has_stmt_list = 1;
      break;
    default:
      break;
    }
  }
  return 1;
}

static int die_covers(const rt_dwarf *dw, const unit *u, const die *d,
                      uint64_t pc) {
  if (d->has_low && d->has_high) {
    uint64_t end = d->high_is_offset ? d->low + d->high : d->high;
    return pc >= d->low && pc < end;
  }
  if (!d->has_ranges || !dw->ranges_size)
    return 0;
  cursor c;
  cur_init(&c, dw->fd, dw->ranges_off, dw->ranges_size, d->ranges);
  uint64_t base = u->low_pc;
  for (int i = 0; i < 4096 && !c.bad; ++i) {
    uint64_t b = uN(&c, 8), e = uN(&c, 8);
    if (!b && !e)
      break;
    if (b == ~(uint64_t)0) {
      base = e;
      continue;
    }
    if (pc >= base + b && pc < base + e)
      return 1;
  }
  return 0;
}

/* The name of the DIE at .debug_info offset off, following abstract
 * origins and specifications. */
static void die_name(const rt_dwarf *dw, const unit *u, uint64_t off, char *buf,
                     size_t cap) {
  buf[0] = 0;
  for (int hops = 0; hops < 4; ++hops) {
    cursor c;
    cur_init(&c, dw->fd, dw->info_off, dw->info_size, off);
    die d;
    if (!read_die(&c, u, &d) || !d.ab)
      return;
    if (d.has_name) {
      read_str(dw->fd, dw->str_off, dw->str_size, d.name_str, buf, cap);
      return;
    }
    if (!d.has_origin)
      return;
    off = d.origin;
  }
}

/* ---- The line table ------------------------------------------------------ */

typedef struct line_header {
  uint64_t files; /* .debug_line offset of the file_names list */
  uint64_t program, end;
  uint8_t min_inst, default_is_stmt, line_range, opcode_base;
  int8_t line_base;
  uint8_t std_len[32];
} line_header;

static int read_line_header(const rt_dwarf *dw, uint64_t off, line_header *h) {
  cursor c;
  cur_init(&c, dw->fd, dw->line_off, dw->line_size, off);
  uint64_t len = uN(&c, 4);
  if (len >= 0xfffffff0u)
    return 0; /* 64-bit DWARF */
  h->end = c.pos + len;
  unsigned version = (unsigned)uN(&c, 2);
  if (version < 2 || version > 4)
    return 0;
  uint64_t header_len = uN(&c, 4);
  h->program = c.pos + header_len;
  h->min_inst = u8(&c);
  if (version >= 4)
    u8(&c); /* maximum_operations_per_instruction */
  h->default_is_stmt = u8(&c);
  h->line_base = (int8_t)u8(&c);
  h->line_range = u8(&c);
  h->opcode_base = u8(&c);
  if (!h->line_range || h->opcode_base == 0 || h->opcode_base > 32)
    return 0;
  for (unsigned i = 1; i < h->opcode_base; ++i)
    h->std_len[i] = u8(&c);
  /* include_directories: strings up to an empty one. */
  while (u8(&c) && !c.bad)
    skip_cstr(&c);
  h->files = c.pos;
  return !c.bad;
}

/* The name of file index n (1-based in DWARF 4) of a line table. */
static void line_file(const rt_dwarf *dw, const line_header *h, uint64_t n,
                      char *buf, size_t cap) {
  buf[0] = 0;
  cursor c;
  cur_init(&c, dw->fd, dw->line_off, dw->line_size, h->files);
  for (uint64_t i = 1; !c.bad; ++i) {
    uint64_t at = c.pos;
    if (!u8(&c))
      return; /* end of the list */
    c.pos = at;
    if (i == n) {
      read_str(dw->fd, dw->line_off, dw->line_size, at, buf, cap);
      return;
    }
    skip_cstr(&c);
    uleb(&c);
    uleb(&c);
    uleb(&c);
  }
}

/* Runs the line program for the row covering pc: its file and line. */
static int line_for(const rt_dwarf *dw, const line_header *h, uint64_t pc,
                    uint64_t *file, uint64_t *line) {
  cursor c;
  cur_init(&c, dw->fd, dw->line_off, dw->line_size, h->program);
  c.size = h->end < c.size ? h->end : c.size;
  uint64_t addr = 0, f = 1, l = 1;
  uint64_t prev_addr = 0, prev_file = 0, prev_line = 0;
  int have_prev = 0;
#define ROW()                                                                  \
  do {                                                                         \
    if (have_prev && prev_addr <= pc && pc < addr) {                           \
      *file = prev_file;                                                       \
      *line = prev_line;                                                       \
      return 1;                                                                \
    }                                                                          \
    prev_addr = addr;                                                          \
    prev_file = f;                                                             \
    prev_line = l;                                                             \
    have_prev = 1;                                                             \
  } while (0)
  while (!c.bad && c.pos < c.size) {
    uint8_t op = u8(&c);
    if (op >= h->opcode_base) {
      unsigned adj = op - h->opcode_base;
      addr += (adj / h->line_range) * h->min_inst;
      l += (int64_t)h->line_base + adj % h->line_range;
      ROW();
      continue;
    }
    switch (op) {
    case 0: { /* extended */
      uint64_t len = uleb(&c);
      uint64_t next = c.pos + len;
      uint8_t sub = len ? u8(&c) : 0;
      if (sub == 1) { /* end_sequence */
        ROW();
        have_prev = 0;
        addr = 0;
        f = 1;
        l = 1;
      } else if (sub == 2) { /* set_address */
        addr = uN(&c, 8);
      }
      c.pos = next;
      break;
    }
    case 1: /* copy */
      ROW();
      break;
    case 2: /* advance_pc */
      addr += uleb(&c) * h->min_inst;
      break;
    case 3: /* advance_line */
      l += (uint64_t)sleb(&c);
      break;
    case 4: /* set_file */
      f = uleb(&c);
      break;
    case 8: /* const_add_pc */
      addr += ((255u - h->opcode_base) / h->line_range) * h->min_inst;
      break;
    case 9: /* fixed_advance_pc */
      addr += uN(&c, 2);
      break;
    default: /* negate_stmt, basic_block, ...: skip their operands */
      for (unsigned i = 0; i < h->std_len[op]; ++i)
        uleb(&c);
      break;
    }
  }
#undef ROW
  return 0;
}

/* ---- The inline chain of an address -------------------------------------- */

#define MAX_DEPTH 32

typedef struct chain_entry {
  uint64_t die; /* .debug_info offset */
  uint64_t call_file, call_line;
} chain_entry;

/* Finds the subprogram covering pc in the unit and the inlined subroutines
 * nested in it that cover pc, outermost first. */
static unsigned find_chain(const rt_dwarf *dw, const unit *u, uint64_t first,
                           uint64_t pc, chain_entry *chain) {
  cursor c;
  cur_init(&c, dw->fd, dw->info_off, dw->info_size, first);
  c.size = u->end < c.size ? u->end : c.size;
  unsigned n = 0;
  /* depth counts open sibling lists below the unit DIE; match_depth is the
   * depth at which the next chain entry would be a child. */
  int depth = 0;
  while (!c.bad && c.pos < c.size && depth >= 0) {
    uint64_t at = c.pos;
    die d;
    if (!read_die(&c, u, &d))
      return 0;
    if (!d.ab) { /* end of a sibling list */
      if (--depth < (int)n)
        return n; /* left the innermost match: nothing deeper covers pc */
      continue;
    }
    int match = (d.ab->tag == DW_TAG_subprogram ||
                 d.ab->tag == DW_TAG_inlined_subroutine) &&
                depth == (int)n && die_covers(dw, u, &d, pc);
    if (match) {
      if (n == MAX_DEPTH)
        return n;
      chain[n].die = at;
      chain[n].call_file = d.call_file;
      chain[n].call_line = d.call_line;
      ++n;
    }
    if (d.ab->children)
      ++depth;
  }
  return n;
}

static void append_frame(rt_buf *out, unsigned *frame, const char *name,
                         const char *file, uint64_t line) {
  rt_buf_str(out, "  #");
  rt_buf_u64(out, (*frame)++);
  rt_buf_str(out, " ");
  rt_buf_str(out, name[0] ? name : "??");
  if (file[0]) {
    rt_buf_str(out, " at ");
    rt_buf_str(out, file);
    rt_buf_str(out, ":");
    rt_buf_u64(out, line);
  }
  rt_buf_str(out, "\n");
}

int rt_dwarf_describe(const rt_dwarf *dw, uintptr_t pc, unsigned *frame,
                      rt_buf *out) {
  unit u;
  cursor c;
  uint64_t off = 0;
  while (off + 11 <= dw->info_size) {
    cur_init(&c, dw->fd, dw->info_off, dw->info_size, off);
    uint64_t len = uN(&c, 4);
    if (len >= 0xfffffff0u || c.bad)
      return 0;
    u.start = off;
    u.end = off + 4 + len;
    off = u.end;
    unsigned version = (unsigned)uN(&c, 2);
    uint64_t abbrev_off = uN(&c, 4);
    unsigned addr_size = u8(&c);
    if (version < 2 || version > 4 || addr_size != 8 ||
        !load_abbrevs(dw, &u, abbrev_off))
      continue;
    die cu;
    if (!read_die(&c, &u, &cu) || !cu.ab || cu.ab->tag != DW_TAG_compile_unit)
      continue;
    u.low_pc = cu.has_low ? cu.low : 0;
    if (!die_covers(dw, &u, &cu, pc) || !cu.has_stmt_list)
      continue;
    chain_entry chain[MAX_DEPTH];
    unsigned n = find_chain(dw, &u, c.pos, pc, chain);
    line_header h;
    uint64_t file = 0, line = 0;
    if (!n || !read_line_header(dw, cu.stmt_list, &h) ||
        !line_for(dw, &h, pc, &file, &line))
      return 0;
    /* Innermost first: the line table's location in the innermost
     * function, then each call site in the function around it. */
    char name[128], path[256];
    for (unsigned i = n; i-- > 0;) {
      die_name(dw, &u, chain[i].die, name, sizeof name);
      line_file(dw, &h, file, path, sizeof path);
      append_frame(out, frame, name, path, line);
      file = chain[i].call_file;
      line = chain[i].call_line;
    }
    return 1;
  }
  return 0;
}
