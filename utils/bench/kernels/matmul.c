/* Dense double-precision matrix multiply (i-k-j order): loads, stores and
 * floating-point throughput in linear memory. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 512;
  int reps = argc > 2 ? atoi(argv[2]) : 20;
  double *a = malloc(sizeof(double) * n * n);
  double *b = malloc(sizeof(double) * n * n);
  double *c = malloc(sizeof(double) * n * n);
  if (!a || !b || !c)
    return 1;
  for (int i = 0; i < n * n; ++i) {
    a[i] = (double)((i * 7) % 13) / 13.0;
    b[i] = (double)((i * 11) % 17) / 17.0;
  }
  double check = 0;
  for (int r = 0; r < reps; ++r) {
    for (int i = 0; i < n * n; ++i)
      c[i] = 0;
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < n; ++k) {
        double aik = a[i * n + k];
        for (int j = 0; j < n; ++j)
          c[i * n + j] += aik * b[k * n + j];
      }
    check += c[(r * 31) % (n * n)];
    a[r % (n * n)] += 1.0; /* keep repetitions from being folded */
  }
  double sum = 0;
  for (int i = 0; i < n * n; ++i)
    sum += c[i];
  printf("matmul n=%d reps=%d sum=%.6f check=%.6f\n", n, reps, sum, check);
  free(a);
  free(b);
  free(c);
  return 0;
}
