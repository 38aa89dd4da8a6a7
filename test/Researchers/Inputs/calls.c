#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int step(int x) { return x % 2 ? 3 * x + 1 : x / 2; }

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 27, steps = 0;
  while (n != 1) {
    n = step(n);
    ++steps;
  }
  printf("steps: %d\n", steps);
  return 0;
}
