// -shared: two different modules and a second copy of one of them, each a
// library with its own hidden runtime, dlopen()ed into one process. Each is
// instantiated and called; guard-page faults, a stack overflow and explicit
// traps in one are returned as codes while the others (and the trapped
// instance) keep working, also when the fault is in a library whose signal
// handler was installed first and so runs last in the chain; a host import
// of B calls into A, which traps inside it.
// RUN: rm -rf %t && mkdir -p %t/part
// RUN: %wat2wasm --debug-names %S/Inputs/shared-a.wat -o %t/a.wasm
// RUN: %wat2wasm %S/Inputs/shared-b.wat -o %t/b.wasm
// RUN: %w2n -shared --header --module-name=moda %t/a.wasm -o %t/libmoda.so
// RUN: %w2n -shared --header=%t/modb.h --module-name=modb %t/b.wasm -o %t/libmodb.so
// The second copy of A is compiled in partitions, as a big module would be
// (the same API, the same header, nothing else exported).
// RUN: %w2n -v -shared --partition-size=16 --threads=2 --header=%t/part/libmoda.h --module-name=moda %t/a.wasm -o %t/libmoda-copy.so 2>&1 | FileCheck %s --check-prefix=PARTS
// PARTS: compiled in 2 partitions
// RUN: diff %t/libmoda.h %t/part/libmoda.h
// RUN: llvm-nm -D --defined-only %t/libmoda-copy.so | not grep -v ' moda_'
// Only the typed API is exported: no runtime symbol, nothing unprefixed.
// RUN: llvm-nm -D --defined-only %t/libmoda.so | FileCheck %s --check-prefix=DYN
// RUN: llvm-nm -D --defined-only %t/libmoda.so | not grep -v ' moda_'
// RUN: llvm-nm -D --defined-only %t/libmodb.so | not grep -v ' modb_'
// DYN-DAG: T moda_new
// DYN-DAG: T moda_delete
// DYN-DAG: T moda_peek
// DYN-DAG: T moda_mem_size
// DYN-DAG: T moda_count_set
// DYN-DAG: T moda_trap_message
// RUN: llvm-readelf -d %t/libmoda.so | FileCheck %s --check-prefix=ELF
// ELF: (SONAME) Library soname: [libmoda.so]
// ELF: (FLAGS_1) {{.*}}NODELETE
// RUN: FileCheck %s --check-prefix=HDR --input-file %t/libmoda.h
// HDR: typedef struct moda_instance moda_instance;
// HDR: void (*env_pair)(void *host, moda_instance *caller, int32_t p0, int32_t *r0, int64_t *r1);
// HDR: moda_instance *moda_new(const moda_imports *imports, char *err, size_t errlen);
// HDR: w2n_trap_code moda_div(moda_instance *self, int32_t p0, int32_t p1, int32_t *r0);
// HDR: typedef struct moda_api {
// HDR: w2n_trap_code (*moda_div)(moda_instance *self, int32_t p0, int32_t p1, int32_t *r0);
// HDR: static inline int moda_api_load(moda_api *api, void *(*sym)(void *, const char *),
// RUN: %host-cc -std=c99 -Wall -Werror -I%t %s -ldl -o %t/host
// The library headers are C++ too.
// RUN: printf '#include "libmoda.h"\n#include "modb.h"\nint main() { moda_api a; return moda_api_load(&a, 0, 0); }\n' > %t/hdr.cpp
// RUN: %host-cxx -std=c++17 -Wall -Werror -fsyntax-only -I%t %t/hdr.cpp
// Option errors.
// RUN: not %w2n -shared -c %t/a.wasm -o %t/x.o 2>&1 | FileCheck %s --check-prefix=OPTS
// OPTS: error: -shared cannot be used with -c, -S or -emit-llvm
// RUN: not %w2n -shared -static %t/a.wasm -o %t/x.so 2>&1 | FileCheck %s --check-prefix=STATIC
// STATIC: error: -shared and -static cannot be used together
// RUN: %t/host %t 2>%t/stderr | FileCheck %s
// A trap report names the function from the library's own symbol table.
// RUN: FileCheck %s --check-prefix=REPORT --input-file %t/stderr
// REPORT: wasm trap: out of bounds memory access in function peek
// REPORT: wasm trap: integer divide by zero in function div
// REPORT: wasm trap: out of bounds memory access in function inner_load
// CHECK: copies differ: 1
// CHECK-NEXT: poke/peek: 7 9 7
// CHECK-NEXT: note from a1: 42 (caller ok)
// CHECK-NEXT: use_pair: 0 -63
// CHECK-NEXT: a1 peek out of bounds: out of bounds memory access
// CHECK-NEXT: a2 peek out of bounds: out of bounds memory access
// CHECK-NEXT: b load out of bounds: out of bounds memory access
// CHECK-NEXT: a1 recurse: call stack exhausted
// CHECK-NEXT: a2 div: integer divide by zero
// CHECK-NEXT: a2 peek_inner: out of bounds memory access
// CHECK-NEXT: b boom: unreachable
// CHECK-NEXT: via_host: 0 1005 (inner: integer divide by zero)
// CHECK-NEXT: after traps: 7 9 6765 count 2 1
// CHECK-NEXT: mem size 65536, b missing import: unknown import
// CHECK-NEXT: done
#include "libmoda.h"
#include "modb.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

/* Each library's functions, looked up with dlsym through the header's
 * NAME_api struct. */
static void load(int failed, const char *what) {
  if (failed) {
    printf("missing a function in %s\n", what);
    exit(1);
  }
}

static void *open_lib(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    printf("dlopen: %s\n", dlerror());
    exit(1);
  }
  return h;
}

static moda_api A1, A2;
static modb_api B;
static moda_instance *a1, *a2;

static void note(void *host, moda_instance *caller, int32_t v) {
  printf("note from %s: %d (caller %s)\n", (const char *)host, v,
         caller == a1 ? "ok" : "wrong");
}

static void pair(void *host, moda_instance *caller, int32_t x, int32_t *r0,
                 int64_t *r1) {
  (void)host;
  (void)caller;
  *r0 = x + 2;
  *r1 = -x;
}

static w2n_trap_code inner;

/* B's import: calls A1, whose trap comes back here as a code. */
static int32_t call_a(void *host, modb_instance *caller, int32_t x) {
  (void)host;
  (void)caller;
  int32_t q = -1;
  inner = A1.moda_div(a1, 1, 0, &q);
  if (inner == W2N_TRAP_NONE)
    return -1;
  w2n_trap_code t = A1.moda_div(a1, 50, 10, &q);
  return t == W2N_TRAP_NONE ? q : -2;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  void *ha = open_lib(argv[1], "libmoda.so");
  void *hb = open_lib(argv[1], "libmodb.so");
  void *ha2 = open_lib(argv[1], "libmoda-copy.so");
  load(moda_api_load(&A1, dlsym, ha), "libmoda.so");
  load(moda_api_load(&A2, dlsym, ha2), "libmoda-copy.so");
  load(modb_api_load(&B, dlsym, hb), "libmodb.so");
  printf("copies differ: %d\n", (void *)A1.moda_new != (void *)A2.moda_new);

  char err[256];
  moda_imports ia = {0};
  ia.host = "a1";
  ia.env_note = note;
  ia.env_pair = pair;
  /* Instantiation order = the order the copies install their handlers:
   * a1's copy first, so a fault in a1's memory passes through the other
   * two handlers before a1's own. */
  a1 = A1.moda_new(&ia, err, sizeof err);
  modb_imports ib = {0};
  ib.env_call_a = call_a;
  modb_instance *bi = B.modb_new(&ib, err, sizeof err);
  ia.host = "a2";
  a2 = A2.moda_new(&ia, err, sizeof err);
  if (!a1 || !a2 || !bi) {
    printf("new: %s\n", err);
    return 1;
  }

  int32_t v1 = 0, v2 = 0, v3 = 0;
  A1.moda_poke(a1, 100, 7);
  A2.moda_poke(a2, 100, 9);
  A1.moda_peek(a1, 100, &v1);
  A2.moda_peek(a2, 100, &v2);
  A1.moda_peek(a1, 100, &v3);
  printf("poke/peek: %d %d %d\n", v1, v2, v3);
  A1.moda_call_note(a1, 42);
  int64_t prod = 0;
  w2n_trap_code t = A1.moda_use_pair(a1, 7, &prod);
  printf("use_pair: %d %lld\n", t, (long long)prod);

  t = A1.moda_peek(a1, 70000, &v1);
  printf("a1 peek out of bounds: %s\n", A1.moda_trap_message(t));
  A1.moda_report_trap(t);
  t = A2.moda_peek(a2, 0x7ffffff0, &v1);
  printf("a2 peek out of bounds: %s\n", A2.moda_trap_message(t));
  t = B.modb_load_at(bi, 65535, &v1);
  printf("b load out of bounds: %s\n", B.modb_trap_message(t));
  t = A1.moda_recurse(a1, 0, &v1);
  printf("a1 recurse: %s\n", A1.moda_trap_message(t));
  t = A2.moda_div(a2, 1, 0, &v1);
  printf("a2 div: %s\n", A2.moda_trap_message(t));
  fflush(stdout);
  A2.moda_report_trap(t);
  t = A2.moda_peek_inner(a2, 65534, &v1);
  printf("a2 peek_inner: %s\n", A2.moda_trap_message(t));
  fflush(stdout);
  A2.moda_report_trap(t);
  t = B.modb_boom(bi);
  printf("b boom: %s\n", B.modb_trap_message(t));
  t = B.modb_via_host(bi, 0, &v1);
  printf("via_host: %d %d (inner: %s)\n", t, v1, A1.moda_trap_message(inner));

  int64_t f = 0;
  A1.moda_peek(a1, 100, &v1);
  A2.moda_peek(a2, 100, &v2);
  B.modb_fib(bi, 20, &f);
  printf("after traps: %d %d %lld count %d %d\n", v1, v2, (long long)f,
         A1.moda_count(a1), A2.moda_count(a2));

  modb_imports none = {0};
  modb_instance *bad = B.modb_new(&none, err, sizeof err);
  printf("mem size %llu, b missing import: %.14s\n",
         (unsigned long long)A1.moda_mem_size(a1), bad ? "created" : err);

  A1.moda_delete(a1);
  A2.moda_delete(a2);
  B.modb_delete(bi);
  dlclose(ha);
  dlclose(hb);
  dlclose(ha2);
  printf("done\n");
  return 0;
}
