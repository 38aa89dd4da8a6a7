/*===- table.c - Tables, element segments and their instructions ----------===*/
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Keeps a runaway table.grow from eating all memory. */
#define TABLE_LIMIT 10000000u

rt_table *rt_table_create(uint8_t elem_type, uint32_t min, uint32_t max,
                          int has_max, void *init) {
  if (min > TABLE_LIMIT)
    return NULL;
  rt_table *t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  if (min && !(t->pub.elems = malloc((size_t)min * sizeof(void *)))) {
    free(t);
    return NULL;
  }
  for (uint32_t i = 0; i < min; ++i)
    t->pub.elems[i] = init;
  t->pub.size = min;
  t->pub.max = has_max ? max : UINT32_MAX;
  t->pub.elem_type = elem_type;
  t->has_max = (uint8_t)has_max;
  return t;
}

void rt_table_free(rt_table *t) {
  if (!t)
    return;
  free(t->pub.elems);
  free(t);
}

w2n_table *w2n_table_new(uint8_t elem_type, uint32_t min, uint32_t max,
                         int has_max, void *init) {
  rt_table *t = rt_table_create(elem_type, min, max, has_max, init);
  return t ? &t->pub : NULL;
}

void w2n_table_delete(w2n_table *t) { rt_table_free((rt_table *)t); }

int64_t w2n_table_grow_by(w2n_table *t, uint32_t delta, void *init) {
  uint64_t old = t->size, n = old + delta;
  if (n > t->max || n > TABLE_LIMIT)
    return -1;
  if (delta) {
    void **e = realloc(t->elems, n * sizeof(void *));
    if (!e)
      return -1;
    for (uint64_t i = old; i < n; ++i)
      e[i] = init;
    t->elems = e;
    t->size = (uint32_t)n;
  }
  return (int64_t)old;
}

int32_t w2n_table_grow(w2n_instance *ctx, uint32_t table, void *init,
                       uint32_t delta) {
  return (int32_t)w2n_table_grow_by(ctx->tables[table], delta, init);
}

/* The instance owns a copy of each segment's items. */
void w2n_elem_segment_init(w2n_instance *ctx, uint32_t seg, void **items,
                           uint32_t n) {
  w2n_elem_segment *s = &ctx->elems[seg];
  free(s->items);
  s->items = NULL;
  s->size = 0;
  if (!n)
    return;
  s->items = malloc((size_t)n * sizeof(void *));
  if (!s->items) {
    rt_write_str(2, "wasm2native: out of memory for an element segment\n");
    _Exit(1);
  }
  memcpy(s->items, items, (size_t)n * sizeof(void *));
  s->size = n;
}

void w2n_table_init(w2n_instance *ctx, uint32_t table, uint32_t seg,
                    uint32_t dst, uint32_t src, uint32_t n) {
  w2n_table *t = ctx->tables[table];
  const w2n_elem_segment *s = &ctx->elems[seg];
  if ((uint64_t)src + n > s->size || (uint64_t)dst + n > t->size)
    rt_trap_at(W2N_TRAP_OOB_TABLE, RT_CALLER_PC);
  if (n)
    memcpy(t->elems + dst, s->items + src, (size_t)n * sizeof(void *));
}

void w2n_elem_drop(w2n_instance *ctx, uint32_t seg) {
  w2n_elem_segment *s = &ctx->elems[seg];
  free(s->items);
  s->items = NULL;
  s->size = 0;
}

void w2n_table_copy(w2n_instance *ctx, uint32_t dst_table, uint32_t src_table,
                    uint32_t dst, uint32_t src, uint32_t n) {
  w2n_table *d = ctx->tables[dst_table], *s = ctx->tables[src_table];
  if ((uint64_t)src + n > s->size || (uint64_t)dst + n > d->size)
    rt_trap_at(W2N_TRAP_OOB_TABLE, RT_CALLER_PC);
  if (n)
    memmove(d->elems + dst, s->elems + src, (size_t)n * sizeof(void *));
}

void w2n_table_fill(w2n_instance *ctx, uint32_t table, uint32_t dst,
                    void *value, uint32_t n) {
  w2n_table *t = ctx->tables[table];
  if ((uint64_t)dst + n > t->size)
    rt_trap_at(W2N_TRAP_OOB_TABLE, RT_CALLER_PC);
  for (uint32_t i = 0; i < n; ++i)
    t->elems[dst + i] = value;
}
