// qsort calls its comparator through a function pointer (call_indirect);
// so does a small table of operations. Output is a checksum of the result.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out
// RUN: %if node %{ %node-wasi %t.wasm > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.out %}

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 200000

static uint32_t seed = 12345;
static uint32_t rnd(void) {
  seed = seed * 1103515245u + 12345u;
  return seed >> 1;
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }

struct rec {
  char name[12];
  int id;
};

static int cmp_rec(const void *a, const void *b) {
  const struct rec *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  return c ? c : x->id - y->id;
}

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int xor_(int a, int b) { return a ^ b; }

int main(void) {
  int *a = malloc(N * sizeof *a);
  for (int i = 0; i < N; ++i)
    a[i] = (int)(rnd() % 1000000) - 500000;

  qsort(a, N, sizeof *a, cmp_int);
  int sorted = 1;
  uint32_t h = 0;
  for (int i = 0; i < N; ++i) {
    if (i && a[i - 1] > a[i])
      sorted = 0;
    h = h * 2654435761u + (uint32_t)a[i];
  }
  printf("ascending sorted=%d min=%d max=%d hash=%u\n", sorted, a[0], a[N - 1], h);

  qsort(a, N, sizeof *a, cmp_int_desc);
  sorted = 1;
  for (int i = 1; i < N; ++i)
    if (a[i - 1] < a[i])
      sorted = 0;
  printf("descending sorted=%d first=%d\n", sorted, a[0]);

  static struct rec recs[1000];
  for (int i = 0; i < 1000; ++i) {
    snprintf(recs[i].name, sizeof recs[i].name, "k%05u", rnd() % 500);
    recs[i].id = i;
  }
  qsort(recs, 1000, sizeof recs[0], cmp_rec);
  printf("records first=%s/%d last=%s/%d\n", recs[0].name, recs[0].id,
         recs[999].name, recs[999].id);

  int (*ops[])(int, int) = {add, sub, mul, xor_};
  int acc = 1;
  for (int i = 0; i < 1000; ++i)
    acc = ops[rnd() & 3](acc, (int)(rnd() & 0xff) + 1);
  printf("ops acc=%d\n", acc);
  free(a);
  return 0;
}

// CHECK:      ascending sorted=1 min=-499993 max=499997 hash=3251785200
// CHECK-NEXT: descending sorted=1 first=499997
// CHECK-NEXT: records first=k00001/173 last=k00499/208
// CHECK-NEXT: ops acc=677455333
