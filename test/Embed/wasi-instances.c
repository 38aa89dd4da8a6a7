// WASI state belongs to each w2n_wasi, not to the process: two embedded
// instances with their own w2n_wasi have separate descriptor tables (the
// same numbers name different files, and one cannot use the other's), two
// instances sharing a w2n_wasi share it, and w2n_wasi_close frees it.
// proc_exit inside an embedder's call ends only that call: the call returns
// W2N_TRAP_PROC_EXIT, the status is in the w2n_wasi, the host goes on.
// RUN: %wasi-cc -O2 %S/Inputs/fd-probe.c -o %t.wasm
// RUN: %w2n -c %t.wasm -o %t.o
// RUN: %host-cc %s %t.o %w2n-rt -o %t.host
// RUN: rm -rf %t.a %t.b && mkdir -p %t.a %t.b
// RUN: echo alpha > %t.a/f.txt && echo beta > %t.b/f.txt
// RUN: %t.host %t.a %t.b | FileCheck %s
// CHECK: A: opened /d/f.txt as 4: alpha
// CHECK-NEXT: B: probe 4: 8
// CHECK-NEXT: B: opened /d/f.txt as 4: beta
// CHECK-NEXT: A again: probe 4: 0
// CHECK-NEXT: A after close: probe 4: 8
// CHECK-NEXT: A after close: probe 3: 8
// CHECK-NEXT: B: exiting with 7
// CHECK-NEXT: call ended: proc_exit, status 7
// CHECK-NEXT: B: probe 3: 0
#include "wasm2native-embed.h"

#include <stdio.h>
#include <string.h>

extern const w2n_module wasm2native_module;

static void run_start(void *p) {
  w2n_funcref *f = p;
  ((void (*)(w2n_instance *))f->fn)(f->instance);
}

/* A fresh instance of the module using `wasi`, running its _start. */
static void run(w2n_wasi *wasi, const char *label, char *a1, char *a2) {
  char *argv[] = {"fd-probe", a1, a2, NULL};
  wasi->argc = 3;
  wasi->argv = argv;
  printf("%s: ", label);
  fflush(stdout);
  w2n_import_resolver r = {w2n_wasi_resolve, NULL};
  w2n_trap_code trap;
  char err[256];
  w2n_instance *inst =
      w2n_instantiate(&wasm2native_module, &r, wasi, &trap, err, sizeof err);
  w2n_extern start;
  if (!inst || w2n_instance_export(inst, "_start", &start) != 0) {
    printf("cannot instantiate: %s\n", err);
    return;
  }
  w2n_trap_code t = w2n_call(run_start, start.u.func);
  if (t != W2N_TRAP_NONE)
    printf("call ended: %s, status %d\n", w2n_trap_message(t),
           wasi->exit_status);
  w2n_instance_delete(inst);
}

static void grant(w2n_wasi *w, const char *dir) {
  char word[4096], err[256];
  snprintf(word, sizeof word, "--dir=%s::/d", dir);
  const char *words[] = {word};
  if (w2n_wasi_grant(w, 1, words, NULL, err, sizeof err) != 0)
    printf("grant: %s\n", err);
}

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  w2n_wasi a = {0}, b = {0};
  grant(&a, argv[1]);
  grant(&b, argv[2]);
  run(&a, "A", "open", "/d/f.txt");
  run(&b, "B", "probe", "4");
  run(&b, "B", "open", "/d/f.txt");
  run(&a, "A again", "probe", "4");
  w2n_wasi_close(&a);
  run(&a, "A after close", "probe", "4");
  run(&a, "A after close", "probe", "3");
  run(&b, "B", "exit", "7");
  run(&b, "B", "probe", "3");
  w2n_wasi_close(&b);
  return 0;
}
