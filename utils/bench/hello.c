/* The canonical hello world whose stripped executable size the benchmark
 * reports (examples/hello.c also prints its arguments with printf). */
#include <stdio.h>

int main(void) {
  printf("hello, world\n");
  return 0;
}
