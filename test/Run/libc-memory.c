// wasi-libc's memcpy/memmove/memset/memcmp/memchr/strlen are recognised (by their
// exact code) and get a fast path through the host's libc when every byte
// they touch is in linear memory; otherwise their own wasm code runs. Both
// paths must give exactly what the wasm code gives (node runs it as is).
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: %w2n -O2 %t.wasm -o %t.exe
// RUN: llvm-nm %t.exe | FileCheck %s --check-prefix=SYMS
// SYMS-DAG: t wasm.memcpy.generic
// SYMS-DAG: t wasm.memmove.generic
// RUN: %t.exe > %t.out
// RUN: FileCheck %s < %t.out
// RUN: %if node %{ %node-wasi %t.wasm > %t.node.out && diff %t.node.out %t.out %}
// RUN: %expect-exit 134 %t.exe oob 2>&1 | FileCheck %s --check-prefix=OOB
// OOB: wasm trap: out of bounds memory access
// RUN: %expect-exit 134 %t.exe strlen-oob 2>&1 | FileCheck %s --check-prefix=OOB
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static char buf[256];
// Keep the compiler from folding the calls.
static void *(*volatile copy)(void *, const void *, size_t) = memcpy;
static void *(*volatile move)(void *, const void *, size_t) = memmove;
static void *(*volatile fill)(void *, int, size_t) = memset;
static int (*volatile compare)(const void *, const void *, size_t) = memcmp;
static void *(*volatile find)(const void *, int, size_t) = memchr;
static size_t (*volatile length)(const char *) = strlen;

static void show(const char *what) { printf("%s: %.40s\n", what, buf); }

int main(int argc, char **argv) {
  uintptr_t end = __builtin_wasm_memory_size(0) * 65536;
  if (argc > 1 && !strcmp(argv[1], "strlen-oob")) {
    // A string that runs into the end of memory: must trap there.
    fill((void *)(end - 16), 'x', 16);
    printf("%zu\n", length((const char *)(end - 16)));
    return 1;
  }
  if (argc > 1) {
    // Past the end of the program's memory: must trap.
    copy((void *)(end - 8), buf, 16);
    puts("not reached");
    return 1;
  }
  fill(buf, 'a', 40);
  show("memset");
  copy(buf + 10, "0123456789", 10);
  show("memcpy");
  // Overlapping memcpy: the wasm code's own forward copy decides.
  copy(buf + 1, buf, 20);
  show("memcpy overlap");
  move(buf + 5, buf, 20);
  show("memmove fwd");
  move(buf, buf + 7, 20);
  show("memmove back");
  fill(buf, 0x1ff, 3); // the value is truncated to a byte
  printf("memset byte: %d\n", buf[0]);
  // CHECK: memset: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
  // CHECK: memcpy: aaaaaaaaaa0123456789aaaaaaaaaaaaaaaaaaaa
  // CHECK: memset byte: -1
  char a[64], b[64];
  for (int i = 0; i < 64; ++i)
    a[i] = b[i] = (char)(i * 7);
  printf("memcmp equal: %d\n", compare(a, b, 64));
  b[37] = (char)200;
  printf("memcmp diff: %d %d\n", compare(a, b, 64), compare(b, a, 64));
  printf("memcmp prefix: %d\n", compare(a, b, 37));
  // CHECK: memcmp equal: 0
  // CHECK: memcmp diff: -197 197
  // CHECK: memcmp prefix: 0
  char *hit = find(a, 7 * 9, 64);
  printf("memchr: %d\n", hit ? (int)(hit - a) : -1);
  printf("memchr miss: %d\n", find(a, 1, 64) ? 1 : 0);
  printf("memchr high byte: %d\n", find(b, 200 + 256, 64) ? 1 : 0);
  printf("strlen: %zu %zu\n", length("hello, world"), length(""));
  // CHECK: memchr: 9
  // CHECK: memchr miss: 0
  // CHECK: memchr high byte: 1
  // CHECK: strlen: 12 0
  return 0;
}
