/* qsort with a comparator function: indirect calls (call_indirect in wasm)
 * and memory traffic. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)atol(argv[1]) : 2000000;
  int reps = argc > 2 ? atoi(argv[2]) : 3;
  uint32_t *a = malloc(n * sizeof *a);
  if (!a)
    return 1;
  uint64_t check = 0;
  uint32_t x = 42;
  for (int r = 0; r < reps; ++r) {
    for (size_t i = 0; i < n; ++i) {
      x ^= x << 13; x ^= x >> 17; x ^= x << 5;
      a[i] = x;
    }
    qsort(a, n, sizeof *a, cmp);
    for (size_t i = 0; i < n; i += n / 64 + 1)
      check = check * 31 + a[i];
  }
  printf("sort n=%zu reps=%d check=%llu\n", n, reps, (unsigned long long)check);
  free(a);
  return 0;
}
