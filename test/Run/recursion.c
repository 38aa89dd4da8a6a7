// Deep and branching recursion (no setjmp): non-tail recursion 10000 deep,
// mutual recursion, Ackermann and naive Fibonacci.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out
// RUN: %if node %{ %node-wasi %t.wasm > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.out %}

#include <stdint.h>
#include <stdio.h>

volatile uint32_t sink;

// The recursive result feeds another call, so this cannot become a loop.
__attribute__((noinline)) static uint32_t mix(uint32_t a, uint32_t b) {
  sink = a;
  return a * 31u + b;
}

__attribute__((noinline)) static uint32_t deep(uint32_t n) {
  if (n == 0)
    return 1;
  return mix(deep(n - 1), n);
}

__attribute__((noinline)) static int is_odd(unsigned n);
__attribute__((noinline)) static int is_even(unsigned n) {
  return n == 0 ? 1 : is_odd(n - 1) + 0 * (int)sink;
}
__attribute__((noinline)) static int is_odd(unsigned n) {
  return n == 0 ? 0 : is_even(n - 1) + 0 * (int)sink;
}

__attribute__((noinline)) static unsigned ack(unsigned m, unsigned n) {
  if (m == 0)
    return n + 1;
  if (n == 0)
    return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

__attribute__((noinline)) static unsigned fib(unsigned n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(void) {
  printf("deep(10000)=%u\n", deep(10000));
  printf("is_even(5001)=%d is_odd(5001)=%d\n", is_even(5001), is_odd(5001));
  printf("ack(2,3)=%u ack(3,5)=%u\n", ack(2, 3), ack(3, 5));
  printf("fib(27)=%u\n", fib(27));
  return 0;
}

// CHECK:      deep(10000)=1588990601
// CHECK-NEXT: is_even(5001)=0 is_odd(5001)=1
// CHECK-NEXT: ack(2,3)=9 ack(3,5)=253
// CHECK-NEXT: fib(27)=196418
