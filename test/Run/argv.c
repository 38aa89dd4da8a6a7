// Command-line arguments reach main() unchanged, including spaces and
// empty strings; argv[argc] is NULL. argv[0] differs between the native
// executable and the node reference, so only its presence is printed.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: %t.exe a 'b c' '' 'd"e' -x --y=z > %t.out
// RUN: FileCheck %s --input-file %t.out --match-full-lines
// RUN: %t.exe > %t.noargs.out
// RUN: FileCheck %s --input-file %t.noargs.out --check-prefix=NOARGS
// RUN: %if node %{ %node-wasi %t.wasm a 'b c' '' 'd"e' -x --y=z > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.out %}

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  printf("argv0 %s\n", argv[0] && argv[0][0] ? "non-empty" : "empty");
  for (int i = 1; i < argc; ++i)
    printf("argv[%d]=<%s> len %zu\n", i, argv[i], strlen(argv[i]));
  printf("argv[argc] %s\n", argv[argc] == NULL ? "is NULL" : "NOT NULL");
  return 0;
}

// CHECK:      argc=7
// CHECK-NEXT: argv0 non-empty
// CHECK-NEXT: argv[1]=<a> len 1
// CHECK-NEXT: argv[2]=<b c> len 3
// CHECK-NEXT: argv[3]=<> len 0
// CHECK-NEXT: argv[4]=<d"e> len 3
// CHECK-NEXT: argv[5]=<-x> len 2
// CHECK-NEXT: argv[6]=<--y=z> len 5
// CHECK-NEXT: argv[argc] is NULL
// NOARGS:      argc=1
// NOARGS-NEXT: argv0 non-empty
// NOARGS-NEXT: argv[argc] is NULL
