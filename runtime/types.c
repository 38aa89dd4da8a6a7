/*===- types.c - Process-wide canonical signature ids ---------------------===*
 *
 * call_indirect compares a funcref's type id with the id of the expected
 * type index, and funcrefs cross module boundaries, so equal signatures must
 * get equal ids in every module. This open-addressing table, keyed by
 * "params:results", is the runtime's one piece of global type state.
 *
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct slot {
  char *key; /* "params:results", or NULL if free */
  uint32_t id;
} slot;

static slot *slots;
static uint32_t cap, count;
static int lock;

#define FNV_BASIS 14695981039346656037ull

/* FNV-1a over n bytes, continuing from h. */
static uint64_t fnv(uint64_t h, const char *s, size_t n) {
  for (size_t i = 0; i < n; ++i)
    h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
  return h;
}

/* strncmp, not memcmp: it stops at the end of a shorter key (memcmp may
 * read all np bytes, past the key's allocation). */
static int matches(const char *key, const char *params, size_t np,
                   const char *results) {
  return strncmp(key, params, np) == 0 && key[np] == ':' &&
         strcmp(key + np + 1, results) == 0;
}

static int grow(void) {
  uint32_t ncap = cap ? cap * 2 : 64;
  slot *n = calloc(ncap, sizeof *n);
  if (!n)
    return -1;
  for (uint32_t i = 0; i < cap; ++i) {
    if (!slots[i].key)
      continue;
    uint64_t h = fnv(FNV_BASIS, slots[i].key, strlen(slots[i].key));
    uint32_t j = (uint32_t)h & (ncap - 1);
    while (n[j].key)
      j = (j + 1) & (ncap - 1);
    n[j] = slots[i];
  }
  free(slots);
  slots = n;
  cap = ncap;
  return 0;
}

uint32_t w2n_type_id(const char *params, const char *results) {
  size_t np = strlen(params), nr = strlen(results);
  /* The hash of the key "params:results" without building it. */
  uint64_t h = fnv(fnv(fnv(FNV_BASIS, params, np), ":", 1), results, nr);
  uint32_t id = 0;
  while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE))
    ;
  if (count * 2 >= cap && grow() != 0)
    goto out;
  uint32_t i = (uint32_t)h & (cap - 1);
  for (; slots[i].key; i = (i + 1) & (cap - 1))
    if (matches(slots[i].key, params, np, results)) {
      id = slots[i].id;
      goto out;
    }
  char *key = malloc(np + nr + 2);
  if (!key)
    goto out;
  memcpy(key, params, np);
  key[np] = ':';
  memcpy(key + np + 1, results, nr + 1);
  slots[i].key = key;
  slots[i].id = id = ++count; /* ids start at 1: 0 never matches */
out:
  __atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
  return id;
}
