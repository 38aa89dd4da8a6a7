// Traps end the program with `wasm trap: <reason>` on stderr and exit
// status 134, like wasmtime. Output already flushed before the trap stays.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: %expect-exit 0 %t.exe none | FileCheck %s --check-prefix=NONE
// RUN: %expect-exit 134 %t.exe unreachable > %t.unreachable.out 2> %t.unreachable.err
// RUN: FileCheck %s --check-prefix=STARTED --input-file %t.unreachable.out
// RUN: FileCheck %s --check-prefix=UNREACHABLE --input-file %t.unreachable.err
// RUN: %expect-exit 134 %t.exe div0 2>&1 | FileCheck %s --check-prefix=DIV0
// RUN: %expect-exit 134 %t.exe overflow 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// RUN: %expect-exit 134 %t.exe oob 2>&1 | FileCheck %s --check-prefix=OOB
// RUN: %expect-exit 134 %t.exe null-call 2>&1 | FileCheck %s --check-prefix=NULLCALL
// RUN: %expect-exit 134 %t.exe bad-signature 2>&1 | FileCheck %s --check-prefix=SIG
// RUN: %expect-exit 134 %t.exe stack 2>&1 | FileCheck %s --check-prefix=STACK
// The same module traps under node:wasi too (a RuntimeError there).
// RUN: %if node %{ %expect-exit 134 %node-wasi %t.wasm div0 2>&1 | FileCheck %s --check-prefix=DIV0 %}

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

volatile int hundred = 100;
volatile int zero = 0;
volatile int minus_one = -1;
volatile int int_min = INT_MIN;
volatile uint32_t sink;

__attribute__((noinline)) static uint32_t keep(uint32_t a, uint32_t b) {
  sink = a;
  return a + b;
}

// Unbounded non-tail recursion.
__attribute__((noinline)) static uint32_t forever(uint32_t n) {
  return keep(forever(n + 1), n);
}

static int one_arg(int x) { return x + 1; }

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "none";
  printf("started %s\n", what);
  fflush(stdout);
  if (!strcmp(what, "unreachable"))
    __builtin_trap();
  if (!strcmp(what, "div0"))
    printf("%d\n", hundred / zero);
  if (!strcmp(what, "overflow"))
    printf("%d\n", int_min / minus_one);
  if (!strcmp(what, "oob")) {
    // Far beyond the end of linear memory.
    volatile int *p = (volatile int *)(uintptr_t)0xfffffff0u;
    printf("%d\n", *p);
  }
  if (!strcmp(what, "null-call")) {
    int (*volatile f)(int) = 0;
    printf("%d\n", f(1));
  }
  if (!strcmp(what, "bad-signature")) {
    // Called with the wrong type: call_indirect's signature check fails.
    double (*volatile f)(double, double) = (double (*)(double, double))one_arg;
    printf("%g\n", f(1.0, 2.0));
  }
  if (!strcmp(what, "stack"))
    printf("%u\n", forever(0));
  printf("no trap\n");
  return 0;
}

// NONE: started none
// NONE-NEXT: no trap
// STARTED: started unreachable
// STARTED-NOT: no trap
// UNREACHABLE: wasm trap: {{.*}}unreachable
// DIV0: started div0
// DIV0-NEXT: wasm trap: {{.*}}divide by zero
// OVERFLOW: wasm trap: {{.*}}integer overflow
// OOB: wasm trap: {{.*}}out of bounds memory access
// NULLCALL: wasm trap: {{.*(uninitialized|undefined|null)}}
// SIG: wasm trap: {{.*(indirect call|signature|type mismatch).*}}
// STACK: wasm trap: {{.*}}call stack exhausted
