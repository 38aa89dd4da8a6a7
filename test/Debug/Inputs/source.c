// For test/Debug/source-dwarf.test: keep the line numbers.
#include <stdio.h>

static int counter;

static inline void bump(int by) {
  counter += by; // line 7
}

__attribute__((noinline)) void report(const char *what, int n) {
  bump(n);                          // line 11
  printf("%s %d\n", what, counter); // line 12
}

int main(int argc, char **argv) {
  report("args", argc);      // line 16
  report("twice", argc * 2); // line 17
  return 0;
}
