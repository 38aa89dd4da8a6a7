// The exit status of the program is that of exit() or main's return value,
// and stdio buffers are flushed on both paths.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: %expect-exit 42 %t.exe > %t.ret.out
// RUN: FileCheck %s --input-file %t.ret.out --check-prefix=RET
// RUN: %expect-exit 7 %t.exe exit 7 > %t.exit.out
// RUN: FileCheck %s --input-file %t.exit.out --check-prefix=EXIT
// RUN: %expect-exit 0 %t.exe exit 0
// RUN: %expect-exit 255 %t.exe exit 255
// RUN: %expect-exit 3 %t.exe _Exit 3
// RUN: %if node %{ %expect-exit 42 %node-wasi %t.wasm > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.ret.out %}
// RUN: %if node %{ %expect-exit 7 %node-wasi %t.wasm exit 7 %}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("buffered output before leaving\n"); // stdout is not a tty: buffered
  if (argc > 2 && strcmp(argv[1], "exit") == 0)
    exit(atoi(argv[2]));
  if (argc > 2 && strcmp(argv[1], "_Exit") == 0) {
    fflush(stdout);
    _Exit(atoi(argv[2]));
  }
  return 42;
}

// RET: buffered output before leaving
// EXIT: buffered output before leaving
