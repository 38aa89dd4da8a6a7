// clock_gettime: CLOCK_MONOTONIC never goes backwards and advances during a
// busy loop; CLOCK_REALTIME is a plausible date; clock_getres works.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out
// RUN: %if node %{ %node-wasi %t.wasm > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.out %}

#include <stdint.h>
#include <stdio.h>
#include <time.h>

static int64_t ns(clockid_t id) {
  struct timespec ts;
  if (clock_gettime(id, &ts) != 0)
    return -1;
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(void) {
  int64_t first = ns(CLOCK_MONOTONIC), prev = first;
  int backwards = 0;
  for (int i = 0; i < 1000; ++i) {
    int64_t now = ns(CLOCK_MONOTONIC);
    backwards += now < prev;
    prev = now;
  }
  // Spin until at least 5 ms have passed (bounded: gives up after 2 s).
  volatile unsigned spin = 0;
  while (prev - first < 5000000 && prev - first >= 0 && prev - first < 2000000000) {
    for (int i = 0; i < 1000; ++i)
      spin++;
    prev = ns(CLOCK_MONOTONIC);
  }
  printf("monotonic ok=%s\n", first >= 0 && backwards == 0 ? "yes" : "no");
  printf("monotonic advanced=%s\n", prev - first >= 5000000 ? "yes" : "no");

  int64_t real = ns(CLOCK_REALTIME);
  // After 2020-01-01 and before 2100-01-01.
  printf("realtime plausible=%s\n",
         real > 1577836800LL * 1000000000 && real < 4102444800LL * 1000000000
             ? "yes" : "no");
  time_t t = time(NULL);
  printf("time() agrees=%s\n",
         t >= real / 1000000000 - 2 && t <= real / 1000000000 + 2 ? "yes" : "no");
  struct timespec res;
  printf("getres=%s\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 &&
                                res.tv_sec == 0 && res.tv_nsec > 0
                            ? "ok" : "failed");
  return 0;
}

// CHECK:      monotonic ok=yes
// CHECK-NEXT: monotonic advanced=yes
// CHECK-NEXT: realtime plausible=yes
// CHECK-NEXT: time() agrees=yes
// CHECK-NEXT: getres=ok
