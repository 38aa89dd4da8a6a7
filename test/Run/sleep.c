// nanosleep (WASI poll_oneoff with a clock subscription) sleeps at least as
// long as asked, and not absurdly longer.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: %t.exe | FileCheck %s
// RUN: %if node %{ %node-wasi %t.wasm | FileCheck %s --check-prefix=NODE %}

#include <stdint.h>
#include <stdio.h>
#include <time.h>

static int64_t ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(void) {
  int64_t start = ns();
  struct timespec req = {0, 20 * 1000 * 1000}; // 20 ms
  int rc = nanosleep(&req, NULL);
  int64_t took = ns() - start;
  printf("nanosleep rc=%d\n", rc);
  printf("slept >= 18ms=%s\n", took >= 18000000 ? "yes" : "no");
  printf("slept >= 20ms=%s\n", took >= 20000000 ? "yes" : "no");
  printf("slept < 1s=%s\n", took < 1000000000 ? "yes" : "no");
  return 0;
}

// CHECK:      nanosleep rc=0
// CHECK-NEXT: slept >= 18ms=yes
// CHECK-NEXT: slept >= 20ms=yes
// CHECK-NEXT: slept < 1s=yes
// node's timers have millisecond granularity and may wake a little early.
// NODE:      nanosleep rc=0
// NODE-NEXT: slept >= 18ms=yes
// NODE:      slept < 1s=yes
