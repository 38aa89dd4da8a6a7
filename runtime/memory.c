/*===- memory.c - Linear memories and the bulk memory instructions --------===*
 *
 * A memory reserves its whole address range up front, PROT_NONE, and makes
 * pages accessible as it grows, so `base` never moves. With guard pages
 * (the default) the reservation is W2N_GUARD_RESERVATION, 8 GiB and a bit:
 * any i32 address plus any static offset plus the access lands inside it,
 * and a fault there is an out-of-bounds trap. With
 * explicit bounds checks the code compares against `size` itself and only
 * the declared maximum is reserved.
 *
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Reservations the SIGSEGV handler can look at without locks, in chunks
 * that are only ever added (a chunk holds as many entries as the peak number
 * of live memories needed, so there is no fixed limit). hi == 0 is a free
 * entry, hi == 1 one being filled in. The registry is process-wide because
 * a fault signal is. */
#define RESERVATIONS_PER_CHUNK 256
struct rt_reservation {
  uintptr_t lo, hi;
};
typedef struct reservation_chunk {
  struct rt_reservation entries[RESERVATIONS_PER_CHUNK];
  struct reservation_chunk *next;
} reservation_chunk;
static reservation_chunk *chunks;

static struct rt_reservation *claim(reservation_chunk *c) {
  for (unsigned i = 0; i < RESERVATIONS_PER_CHUNK; ++i) {
    uintptr_t expected = 0;
    if (__atomic_compare_exchange_n(&c->entries[i].hi, &expected, 1, 0,
                                    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
      return &c->entries[i];
  }
  return NULL;
}

static struct rt_reservation *register_reservation(uintptr_t lo,
                                                   uintptr_t hi) {
  struct rt_reservation *r = NULL;
  for (reservation_chunk *c = __atomic_load_n(&chunks, __ATOMIC_ACQUIRE);
       c && !r; c = c->next)
    r = claim(c);
  if (!r) {
    reservation_chunk *c = calloc(1, sizeof *c);
    if (!c)
      return NULL;
    r = &c->entries[0];
    r->hi = 1;
    c->next = __atomic_load_n(&chunks, __ATOMIC_ACQUIRE);
    while (!__atomic_compare_exchange_n(&chunks, &c->next, c, 0,
                                        __ATOMIC_RELEASE, __ATOMIC_ACQUIRE))
      ;
  }
  __atomic_store_n(&r->lo, lo, __ATOMIC_RELAXED);
  __atomic_store_n(&r->hi, hi, __ATOMIC_RELEASE);
  return r;
}

int rt_in_memory_reservation(uintptr_t addr) {
  for (reservation_chunk *c = __atomic_load_n(&chunks, __ATOMIC_ACQUIRE); c;
       c = c->next)
    for (unsigned i = 0; i < RESERVATIONS_PER_CHUNK; ++i) {
      uintptr_t hi = __atomic_load_n(&c->entries[i].hi, __ATOMIC_ACQUIRE);
      if (hi > 1 && addr >= __atomic_load_n(&c->entries[i].lo,
                                            __ATOMIC_RELAXED) &&
          addr < hi)
        return 1;
    }
  return 0;
}

static void set_err(char *err, size_t errlen, const char *a, uint64_t n,
                    const char *b) {
  rt_buf buf;
  rt_buf_init(&buf, err, errlen);
  rt_buf_str(&buf, a);
  rt_buf_u64(&buf, n);
  rt_buf_str(&buf, b);
}

rt_memory *rt_memory_create(uint64_t min, uint64_t max, int has_max,
                            int guarded, char *err, size_t errlen) {
  if (!has_max || max > 65536)
    max = 65536;
  uint64_t reserve = guarded ? W2N_GUARD_RESERVATION : max * W2N_PAGE_SIZE;
  if (reserve == 0)
    reserve = 4096; /* A maximum of 0 pages still needs a valid base. */
  void *p = mmap(NULL, reserve, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  /* Without guards a smaller reservation still works: memory.grow just
   * fails sooner, which the spec allows. */
  while (p == MAP_FAILED && !guarded && reserve / 2 >= min * W2N_PAGE_SIZE &&
         reserve > W2N_PAGE_SIZE) {
    reserve /= 2;
    p = mmap(NULL, reserve, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  }
  if (p == MAP_FAILED) {
    rt_buf buf;
    rt_buf_init(&buf, err, errlen);
    if (guarded) {
      rt_buf_str(&buf, "cannot reserve 8 GiB of address space for a guarded "
                       "linear memory (");
      rt_buf_str(&buf, strerror(errno));
      rt_buf_str(&buf, "); rebuild with -fbounds-checks=explicit or raise "
                       "the limit");
    } else {
      set_err(err, errlen, "cannot reserve ", reserve,
              " bytes of address space for linear memory");
    }
    return NULL;
  }
  if (min > max ||
      (min && mprotect(p, min * W2N_PAGE_SIZE, PROT_READ | PROT_WRITE) != 0)) {
    munmap(p, reserve);
    set_err(err, errlen, "cannot allocate ", min, " pages of linear memory");
    return NULL;
  }
  rt_memory *m = calloc(1, sizeof *m);
  if (!m) {
    munmap(p, reserve);
    set_err(err, errlen, "out of memory", 0, "");
    return NULL;
  }
  m->pub.base = p;
  m->pub.size = min * W2N_PAGE_SIZE;
  m->pub.max_pages = max;
  m->pub.reserved = reserve;
  m->has_max = (uint8_t)has_max;
  m->slot = register_reservation((uintptr_t)p, (uintptr_t)p + reserve);
  return m;
}

void rt_memory_free(rt_memory *m) {
  if (!m)
    return;
  if (m->slot)
    __atomic_store_n(&m->slot->hi, 0, __ATOMIC_RELEASE);
  munmap(m->pub.base, m->pub.reserved);
  free(m);
}

w2n_memory *w2n_memory_new(uint64_t min_pages, uint64_t max_pages, int has_max,
                           char *err, size_t errlen) {
  /* Guarded, so that modules compiled either way can import it. */
  rt_memory *m =
      rt_memory_create(min_pages, max_pages, has_max, 1, err, errlen);
  if (!m)
    m = rt_memory_create(min_pages, max_pages, has_max, 0, err, errlen);
  return m ? &m->pub : NULL;
}

void w2n_memory_delete(w2n_memory *mem) { rt_memory_free((rt_memory *)mem); }

int64_t w2n_memory_grow_by(w2n_memory *mem, uint64_t delta) {
  uint64_t old = mem->size / W2N_PAGE_SIZE;
  if (delta > mem->max_pages - old)
    return -1;
  uint64_t new_size = (old + delta) * W2N_PAGE_SIZE;
  if (new_size > mem->reserved)
    return -1;
  if (delta && mprotect(mem->base + mem->size, new_size - mem->size,
                        PROT_READ | PROT_WRITE) != 0)
    return -1;
  mem->size = new_size;
  return (int64_t)old;
}

int32_t w2n_memory_grow(w2n_instance *ctx, uint32_t delta_pages) {
  if (!ctx->memory)
    return -1;
  return (int32_t)w2n_memory_grow_by(ctx->memory, delta_pages);
}

/* Bulk operations check the whole range before touching anything; n == 0
 * at exactly the end is in bounds. */
void w2n_memory_init(w2n_instance *ctx, uint32_t seg, uint32_t dst,
                     uint32_t src, uint32_t n) {
  const w2n_data_segment *s = &ctx->data[seg];
  if ((uint64_t)src + n > s->size || (uint64_t)dst + n > ctx->memory->size)
    rt_trap_at(W2N_TRAP_OOB_MEMORY, RT_CALLER_PC);
  if (n)
    memcpy(ctx->memory->base + dst, s->bytes + src, n);
}

void w2n_memory_copy(w2n_instance *ctx, uint32_t dst, uint32_t src,
                     uint32_t n) {
  uint64_t size = ctx->memory->size;
  if ((uint64_t)src + n > size || (uint64_t)dst + n > size)
    rt_trap_at(W2N_TRAP_OOB_MEMORY, RT_CALLER_PC);
  if (n)
    memmove(ctx->memory->base + dst, ctx->memory->base + src, n);
}

void w2n_memory_fill(w2n_instance *ctx, uint32_t dst, uint32_t value,
                     uint32_t n) {
  if ((uint64_t)dst + n > ctx->memory->size)
    rt_trap_at(W2N_TRAP_OOB_MEMORY, RT_CALLER_PC);
  if (n)
    memset(ctx->memory->base + dst, (int)(uint8_t)value, n);
}

void w2n_data_drop(w2n_instance *ctx, uint32_t seg) {
  ctx->data[seg].bytes = NULL;
  ctx->data[seg].size = 0;
}

int32_t w2n_memcmp(const uint8_t *a, const uint8_t *b, uint64_t n) {
  /* Words first, then the bytes of the first word that differs. */
  while (n >= 8) {
    uint64_t x, y;
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    if (x != y)
      break;
    a += 8, b += 8, n -= 8;
  }
  for (; n; --n, ++a, ++b)
    if (*a != *b)
      return (int32_t)*a - (int32_t)*b;
  return 0;
}
