// printf/puts to stdout and fprintf to stderr, exit status 0.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: %expect-exit 0 %t.exe > %t.out 2> %t.err
// RUN: FileCheck %s --input-file %t.out --match-full-lines --strict-whitespace
// RUN: FileCheck %s --input-file %t.err --check-prefix=ERR
// RUN: %if node %{ %node-wasi %t.wasm > %t.ref 2> %t.ref.err %}
// RUN: %if node %{ diff %t.ref %t.out %}
// RUN: %if node %{ diff %t.ref.err %t.err %}

#include <stdio.h>

int main(void) {
  printf("hello, world\n");
  puts("second line");
  printf("%d %s %c %x|%5d|%-5d|\n", 42, "str", 'c', 0xbeef, 7, 7);
  fprintf(stderr, "to stderr\n");
  return 0;
}

// CHECK:hello, world
// CHECK-NEXT:second line
// CHECK-NEXT:42 str c beef|    7|7    |
// CHECK-NOT:{{.}}
// ERR: to stderr
