// Several copies of the runtime in one process cooperate: the host links a
// module with its own copy (the static runtime) and dlopen()s two -shared
// libraries, each with a hidden copy. Each copy installs its fault handler
// when it first instantiates and passes faults it does not own to the
// handler installed before it, so a guard-page fault or a stack overflow in
// any copy's wasm is that copy's trap whichever handler was installed last
// (both orders run), also on several threads at once; a fault of the host
// itself still kills the process.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %wat2wasm %S/Inputs/shared-a.wat -o %t/a.wasm
// RUN: %wat2wasm %S/Inputs/shared-b.wat -o %t/b.wasm
// RUN: %w2n -c --header --module-name=stat %t/a.wasm -o %t/stat.o
// RUN: %w2n -shared --header --module-name=moda %t/a.wasm -o %t/libmoda.so
// RUN: %w2n -shared --header --module-name=modb %t/b.wasm -o %t/libmodb.so
// RUN: %host-cc -std=gnu99 -Wall -Werror -I%t %s %t/stat.o %w2n-rt -ldl -lpthread -o %t/host
// RUN: %t/host %t static-first | FileCheck %s
// RUN: %t/host %t shared-first | FileCheck %s
// RUN: not --crash %t/host %t crash 2>&1 | FileCheck %s --check-prefix=CRASH
// CHECK: static oob: out of bounds memory access
// CHECK-NEXT: a oob: out of bounds memory access
// CHECK-NEXT: b oob: out of bounds memory access
// CHECK-NEXT: static stack: call stack exhausted
// CHECK-NEXT: a stack: call stack exhausted
// CHECK-NEXT: static div: integer divide by zero
// CHECK-NEXT: still usable: 7 8 55
// CHECK-NEXT: threads: 4 x 200 traps, all right
// CRASH: host fault next
// CRASH-NOT: trap
#include "libmoda.h"
#include "libmodb.h"
#include "stat.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define API(x) __typeof__(x) *x
static struct {
  API(moda_new);
  API(moda_delete);
  API(moda_poke);
  API(moda_peek);
  API(moda_recurse);
  API(moda_trap_message);
} A;
static struct {
  API(modb_new);
  API(modb_delete);
  API(modb_fib);
  API(modb_load_at);
} B;

static void *sym(void *h, const char *name) {
  void *p = dlsym(h, name);
  if (!p) {
    printf("missing %s\n", name);
    exit(1);
  }
  return p;
}
#define LOAD(api, h, x) (*(void **)&(api).x = sym(h, #x))

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
static int32_t call_a(void *host, modb_instance *caller, int32_t x) {
  (void)host;
  (void)caller;
  return x;
}

static stat_instance *new_stat(void) {
  stat_imports imp;
  memset(&imp, 0, sizeof imp);
  imp.env_note = (void (*)(void *, stat_instance *, int32_t))note;
  imp.env_pair =
      (void (*)(void *, stat_instance *, int32_t, int32_t *, int64_t *))pair;
  char err[256];
  stat_instance *s = stat_new(&imp, err, sizeof err);
  if (!s) {
    printf("stat_new: %s\n", err);
    exit(1);
  }
  return s;
}

static moda_instance *new_a(void) {
  moda_imports imp;
  memset(&imp, 0, sizeof imp);
  imp.env_note = (void (*)(void *, moda_instance *, int32_t))note;
  imp.env_pair =
      (void (*)(void *, moda_instance *, int32_t, int32_t *, int64_t *))pair;
  char err[256];
  moda_instance *a = A.moda_new(&imp, err, sizeof err);
  if (!a) {
    printf("moda_new: %s\n", err);
    exit(1);
  }
  return a;
}

static modb_instance *new_b(void) {
  modb_imports imp;
  memset(&imp, 0, sizeof imp);
  imp.env_call_a = call_a;
  char err[256];
  modb_instance *b = B.modb_new(&imp, err, sizeof err);
  if (!b) {
    printf("modb_new: %s\n", err);
    exit(1);
  }
  return b;
}

/* Each thread uses its own instances; every call must give its own code. */
static void *worker(void *arg) {
  long *wrong = arg;
  stat_instance *s = new_stat();
  moda_instance *a = new_a();
  modb_instance *b = new_b();
  int32_t v;
  for (int i = 0; i < 50; ++i) {
    *wrong += stat_peek(s, 0x10000000 + i, &v) != W2N_TRAP_OOB_MEMORY;
    *wrong += A.moda_peek(a, 0x20000000 + i, &v) != W2N_TRAP_OOB_MEMORY;
    *wrong += B.modb_load_at(b, 0x30000000 + i, &v) != W2N_TRAP_OOB_MEMORY;
    *wrong += (i % 2 ? A.moda_recurse(a, 0, &v) : stat_recurse(s, 0, &v)) !=
              W2N_TRAP_CALL_STACK_EXHAUSTED;
  }
  *wrong += stat_poke(s, 8, 1) != W2N_TRAP_NONE;
  stat_delete(s);
  A.moda_delete(a);
  B.modb_delete(b);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  char path[4096];
  snprintf(path, sizeof path, "%s/libmoda.so", argv[1]);
  void *ha = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  snprintf(path, sizeof path, "%s/libmodb.so", argv[1]);
  void *hb = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!ha || !hb) {
    printf("dlopen: %s\n", dlerror());
    return 1;
  }
  LOAD(A, ha, moda_new);
  LOAD(A, ha, moda_delete);
  LOAD(A, ha, moda_poke);
  LOAD(A, ha, moda_peek);
  LOAD(A, ha, moda_recurse);
  LOAD(A, ha, moda_trap_message);
  LOAD(B, hb, modb_new);
  LOAD(B, hb, modb_delete);
  LOAD(B, hb, modb_fib);
  LOAD(B, hb, modb_load_at);

  /* The first instantiation of a copy installs its handler. */
  stat_instance *s;
  moda_instance *a;
  modb_instance *b;
  if (strcmp(argv[2], "shared-first") == 0) {
    a = new_a();
    b = new_b();
    s = new_stat();
  } else {
    s = new_stat();
    a = new_a();
    b = new_b();
  }

  if (strcmp(argv[2], "crash") == 0) {
    /* Not wasm's: every copy passes it on, down to the default action. */
    printf("host fault next\n");
    fflush(stdout);
    volatile int *volatile p = (int *)16;
    *p = 1;
    printf("survived a host fault: trap\n");
    return 0;
  }

  int32_t v;
  w2n_trap_code t = stat_peek(s, 0x7fff0000, &v);
  printf("static oob: %s\n", stat_trap_message(t));
  t = A.moda_peek(a, 0x7fff0000, &v);
  printf("a oob: %s\n", A.moda_trap_message(t));
  t = B.modb_load_at(b, 0x7fff0000, &v);
  printf("b oob: %s\n", A.moda_trap_message(t));
  t = stat_recurse(s, 0, &v);
  printf("static stack: %s\n", stat_trap_message(t));
  t = A.moda_recurse(a, 0, &v);
  printf("a stack: %s\n", A.moda_trap_message(t));
  t = stat_div(s, 1, 0, &v);
  printf("static div: %s\n", stat_trap_message(t));
  int32_t x = 0, y = 0;
  int64_t f = 0;
  stat_poke(s, 4, 7);
  A.moda_poke(a, 4, 8);
  stat_peek(s, 4, &x);
  A.moda_peek(a, 4, &y);
  B.modb_fib(b, 10, &f);
  printf("still usable: %d %d %lld\n", x, y, (long long)f);

  enum { N = 4 };
  pthread_t th[N];
  long wrong[N] = {0};
  for (int i = 0; i < N; ++i)
    pthread_create(&th[i], NULL, worker, &wrong[i]);
  long total = 0;
  for (int i = 0; i < N; ++i) {
    pthread_join(th[i], NULL);
    total += wrong[i];
  }
  if (total)
    printf("threads: %ld wrong codes\n", total);
  else
    printf("threads: %d x 200 traps, all right\n", N);
  stat_delete(s);
  A.moda_delete(a);
  B.modb_delete(b);
  return 0;
}
