// A thread's wasm stack (8 MiB, all of it touched by a stack overflow) and
// alternate signal stack are unmapped when the thread exits, in every
// runtime copy: 300 short-lived threads, each running wasm of a statically
// linked module and of a -shared library until the call stack is
// exhausted, leave the address space and RSS about where they were.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %wat2wasm %S/Inputs/shared-a.wat -o %t/a.wasm
// RUN: %w2n -c --header --module-name=stat %t/a.wasm -o %t/stat.o
// RUN: %w2n -shared --header --module-name=moda %t/a.wasm -o %t/libmoda.so
// RUN: %host-cc -std=gnu99 -Wall -Werror -I%t %s %t/stat.o %w2n-rt -L%t -lmoda -Wl,-rpath,%t -lpthread -o %t/host
// RUN: %t/host | FileCheck %s
// CHECK: 300 threads: every call trapped as expected
// CHECK-NEXT: address space: bounded
// CHECK-NEXT: rss: bounded
#include "libmoda.h"
#include "stat.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void note(void *host, void *caller, int32_t v) {
  (void)host;
  (void)caller;
  (void)v;
}
static void pair(void *host, void *caller, int32_t x, int32_t *a,
                 int64_t *b) {
  (void)host;
  (void)caller;
  *a = x;
  *b = x;
}

static stat_instance *s;
static moda_instance *m;
static int wrong;

static void *run(void *arg) {
  int32_t v;
  /* Instances are used by one thread at a time: the threads run in turn. */
  wrong += stat_recurse(s, 0, &v) != W2N_TRAP_CALL_STACK_EXHAUSTED;
  wrong += moda_recurse(m, 0, &v) != W2N_TRAP_CALL_STACK_EXHAUSTED;
  wrong += moda_peek(m, 0x40000000, &v) != W2N_TRAP_OOB_MEMORY;
  return arg;
}

static long status_kb(const char *field) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kb = -1;
  size_t n = strlen(field);
  while (f && fgets(line, sizeof line, f))
    if (strncmp(line, field, n) == 0)
      sscanf(line + n, "%ld", &kb);
  if (f)
    fclose(f);
  return kb;
}

static void spawn(int count) {
  for (int i = 0; i < count; ++i) {
    pthread_t t;
    pthread_create(&t, NULL, run, NULL);
    pthread_join(t, NULL);
  }
}

int main(void) {
  char err[256];
  stat_imports si;
  memset(&si, 0, sizeof si);
  si.env_note = (void (*)(void *, stat_instance *, int32_t))note;
  si.env_pair =
      (void (*)(void *, stat_instance *, int32_t, int32_t *, int64_t *))pair;
  moda_imports mi;
  memset(&mi, 0, sizeof mi);
  mi.env_note = (void (*)(void *, moda_instance *, int32_t))note;
  mi.env_pair =
      (void (*)(void *, moda_instance *, int32_t, int32_t *, int64_t *))pair;
  s = stat_new(&si, err, sizeof err);
  m = moda_new(&mi, err, sizeof err);
  if (!s || !m) {
    printf("new: %s\n", err);
    return 1;
  }
  spawn(10); /* warm up: thread caches, first mappings */
  long vm = status_kb("VmSize:"), rss = status_kb("VmRSS:");
  spawn(290);
  long dvm = status_kb("VmSize:") - vm, drss = status_kb("VmRSS:") - rss;
  if (wrong)
    printf("%d wrong codes\n", wrong);
  else
    printf("300 threads: every call trapped as expected\n");
  /* Without the cleanup: 290 x (2 x 8 MiB) of address space and as much
   * RSS (the overflow touches every page). */
  printf("address space: %s (%ld KiB)\n", dvm < 64 * 1024 ? "bounded" : "grew",
         dvm);
  printf("rss: %s (%ld KiB)\n", drss < 32 * 1024 ? "bounded" : "grew", drss);
  stat_delete(s);
  moda_delete(m);
  return 0;
}
