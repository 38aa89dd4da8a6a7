// proc_exit from deep in the call stack ends the program at once with its
// status; unicode arguments and environment pass unchanged; random_get fills
// buffers; proc_raise delivers a signal; sched_yield works.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe && %w2n --env=GREETING=héllo-wörld-✓ %t.wasm -o %t.exe
// RUN: %t.exe 'naïve' '日本語' '🙂 x' > %t.out
// RUN: FileCheck %s --input-file %t.out --match-full-lines
// RUN: %expect-exit 77 %t.exe deep > %t.deep.out
// RUN: FileCheck %s --input-file %t.deep.out --check-prefix=DEEP
// RUN: %expect-exit 143 %t.exe raise
// RUN: %if node %{ env GREETING=héllo-wörld-✓ %node-wasi %t.wasm 'naïve' '日本語' '🙂 x' > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.out %}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
int32_t proc_raise(int32_t sig);

__attribute__((noinline)) static int deep(int n) {
  if (n == 0) {
    printf("at the bottom\n");
    fflush(stdout);
    __wasi_proc_exit(77);
  }
  return deep(n - 1) + 1;
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "deep"))
    return deep(10000);
  if (argc > 1 && !strcmp(argv[1], "raise")) {
    printf("raise 0: %d, raise 99: %d\n", proc_raise(0), proc_raise(99));
    fflush(stdout);
    proc_raise(15); // SIGTERM
    return 1;
  }
  for (int i = 1; i < argc; ++i)
    printf("arg %d: %s (%zu bytes)\n", i, argv[i], strlen(argv[i]));
  const char *g = getenv("GREETING");
  printf("GREETING=%s\n", g ? g : "(unset)");
  unsigned char a[256] = {0}, b[256] = {0};
  int ok = !__wasi_random_get(a, sizeof a) && !__wasi_random_get(b, sizeof b);
  int differ = memcmp(a, b, sizeof a) != 0, nonzero = 0;
  for (int i = 0; i < 256; ++i)
    nonzero += a[i] != 0;
  printf("random: %d differ=%d mostly-nonzero=%d\n", ok, differ, nonzero > 200);
  printf("yield: %d\n", __wasi_sched_yield());
  return 0;
}

// CHECK:      arg 1: naïve (6 bytes)
// CHECK-NEXT: arg 2: 日本語 (9 bytes)
// CHECK-NEXT: arg 3: 🙂 x (6 bytes)
// CHECK-NEXT: GREETING=héllo-wörld-✓
// CHECK-NEXT: random: 1 differ=1 mostly-nonzero=1
// CHECK-NEXT: yield: 0
// DEEP: at the bottom
