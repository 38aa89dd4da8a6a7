/* Naive recursive Fibonacci: call overhead and the native stack. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static unsigned fib(unsigned n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
  unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : 42;
  printf("fib(%u) = %u\n", n, fib(n));
  return 0;
}
