// Reads standard input to the end (from a pipe, a file and /dev/null).
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: printf 'abc\nxyz\n' | %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out
// RUN: %t.exe < /dev/null | FileCheck %s --check-prefix=EMPTY
// RUN: %t.exe < %s | FileCheck %s --check-prefix=FILE
// RUN: %if node %{ printf 'abc\nxyz\n' | %node-wasi %t.wasm > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.out %}

#include <ctype.h>
#include <stdio.h>

int main(void) {
  char buf[256];
  unsigned long bytes = 0, lines = 0, sum = 0;
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
    for (size_t i = 0; i < n; ++i) {
      unsigned char c = (unsigned char)buf[i];
      ++bytes;
      lines += c == '\n';
      sum = sum * 31 + c;
      if (bytes <= 64)
        putchar(toupper(c));
    }
  }
  if (ferror(stdin)) {
    printf("read error\n");
    return 1;
  }
  printf("bytes=%lu lines=%lu hash=%lu\n", bytes, lines, sum % 1000003);
  return 0;
}

// CHECK:      ABC
// CHECK-NEXT: XYZ
// CHECK-NEXT: bytes=8 lines=2
// EMPTY: bytes=0 lines=0 hash=0
// FILE: // READS STANDARD INPUT
// FILE: bytes={{[1-9][0-9]*}} lines={{[1-9][0-9]*}}
