// A trap three calls deep, through a function that clang inlines
// (divide) and two it must not (middle, outer). Line numbers are checked
// by test/Debug/trap-backtrace.test: keep them.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

volatile int zero = 0, sink;

static inline int divide(int a, int b) {
  return a / b; // line 11
}
__attribute__((noinline)) static int keep(int a, int b) { return sink = a + b; }

// A leaf: no frame record of its own.
__attribute__((noinline)) int load(uintptr_t p) {
  return *(volatile int *)p; // line 17
}

__attribute__((noinline)) int middle(int x, const char *what) {
  if (!strcmp(what, "oob"))
    return *(volatile int *)(uintptr_t)0xfffffff0u; // line 22
  if (!strcmp(what, "leaf"))
    return load(0xfffffff0u + x) + 1; // line 24
  if (!strcmp(what, "deep"))
    return keep(middle(x + 1, what), x); // line 26
  return divide(x, zero) + 1; // line 27
}

__attribute__((noinline)) int outer(int x, const char *what) {
  return middle(x * 2, what) + 3; // line 31
}

int main(int argc, char **argv) {
  printf("started\n");
  return outer(argc, argc > 1 ? argv[1] : "div"); // line 36
}
