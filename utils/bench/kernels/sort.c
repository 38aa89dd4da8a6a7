/* Sorting through a comparator function pointer: indirect calls
 * (call_indirect in wasm) and memory traffic. The sort is defined here, not
 * libc's qsort, so native and wasm run the same algorithm (glibc and
 * wasi-libc's musl sort differently). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *);

static int cmp(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* Quicksort (median of three) with insertion sort for small ranges. */
static void sort_u32(uint32_t *a, long lo, long hi, cmp_fn less) {
  while (hi - lo > 16) {
    long mid = lo + (hi - lo) / 2;
    if (less(&a[mid], &a[lo]) < 0) { uint32_t t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
    if (less(&a[hi], &a[lo]) < 0) { uint32_t t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
    if (less(&a[hi], &a[mid]) < 0) { uint32_t t = a[hi]; a[hi] = a[mid]; a[mid] = t; }
    uint32_t pivot = a[mid];
    long i = lo, j = hi;
    while (i <= j) {
      while (less(&a[i], &pivot) < 0) i++;
      while (less(&pivot, &a[j]) < 0) j--;
      if (i <= j) { uint32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    /* Recurse into the smaller half, loop on the larger. */
    if (j - lo < hi - i) { sort_u32(a, lo, j, less); lo = i; }
    else { sort_u32(a, i, hi, less); hi = j; }
  }
  for (long i = lo + 1; i <= hi; ++i) {
    uint32_t v = a[i];
    long j = i - 1;
    while (j >= lo && less(&a[j], &v) > 0) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)atol(argv[1]) : 2000000;
  int reps = argc > 2 ? atoi(argv[2]) : 3;
  uint32_t *a = malloc(n * sizeof *a);
  if (!a)
    return 1;
  /* Through a volatile pointer, so the comparator stays an indirect call. */
  cmp_fn volatile fn = cmp;
  uint64_t check = 0;
  uint32_t x = 42;
  for (int r = 0; r < reps; ++r) {
    for (size_t i = 0; i < n; ++i) {
      x ^= x << 13; x ^= x >> 17; x ^= x << 5;
      a[i] = x;
    }
    sort_u32(a, 0, (long)n - 1, fn);
    for (size_t i = 1; i < n; ++i)
      if (a[i - 1] > a[i]) {
        printf("not sorted at %zu\n", i);
        return 1;
      }
    for (size_t i = 0; i < n; i += n / 64 + 1)
      check = check * 31 + a[i];
  }
  printf("sort n=%zu reps=%d check=%llu\n", n, reps, (unsigned long long)check);
  free(a);
  return 0;
}
