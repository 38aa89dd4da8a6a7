// malloc of 300 MiB grows linear memory well past its initial size; every
// page is written and read back. memory.grow past the 4 GiB limit fails
// with -1 instead of crashing.
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

#define SIZE (300u << 20)
#define STEP 4096u

int main(void) {
  unsigned before = (unsigned)__builtin_wasm_memory_size(0);
  unsigned char *p = malloc(SIZE);
  if (!p) {
    printf("malloc failed\n");
    return 1;
  }
  for (uint32_t off = 0; off < SIZE; off += STEP)
    p[off] = (unsigned char)(off / STEP * 7 + 1);
  p[SIZE - 1] = 0x5a;
  uint64_t sum = 0;
  for (uint32_t off = 0; off < SIZE; off += STEP)
    sum += p[off];
  sum += p[SIZE - 1];
  unsigned after = (unsigned)__builtin_wasm_memory_size(0);
  printf("sum=%llu\n", (unsigned long long)sum);
  printf("grew=%s\n", after >= before + SIZE / 65536 ? "yes" : "no");
  printf("grow 4GiB=%ld\n", (long)__builtin_wasm_memory_grow(0, 65536));
  printf("size unchanged=%s\n",
         (unsigned)__builtin_wasm_memory_size(0) == after ? "yes" : "no");
  free(p);
  return 0;
}

// CHECK:      sum=9792090
// CHECK-NEXT: grew=yes
// CHECK-NEXT: grow 4GiB=-1
// CHECK-NEXT: size unchanged=yes
