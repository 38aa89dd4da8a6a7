// A -shared library of a module that imports WASI: the library's runtime
// copy provides WASI, configured from NAME_imports.wasi; its writes reach
// the host's stdout; proc_exit ends only the call (W2N_TRAP_PROC_EXIT, the
// status from NAME_exit_status) and the instance stays usable; grants
// reach the instance (a bad one fails NAME_new with a message).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %wat2wasm %S/Inputs/wasi-lib.wat -o %t/wasi.wasm
// RUN: %w2n -shared --header --module-name=wlib %t/wasi.wasm -o %t/libwlib.so
// RUN: %host-cc -std=c99 -Wall -Werror -I%t %s -L%t -lwlib -Wl,-rpath,%t -o %t/host
// RUN: %t/host | FileCheck %s
// CHECK: hello from the library
// CHECK-NEXT: greet: 0 errno 0
// CHECK-NEXT: quit: proc_exit, status 7
// CHECK-NEXT: hello from the library
// CHECK-NEXT: greet again: 0 errno 0
// CHECK-NEXT: bad grant: --dir: cannot open '/nonexistent-w2n-dir'
#include "libwlib.h"

#include <stdio.h>
#include <string.h>

int main(void) {
  wlib_imports imp;
  memset(&imp, 0, sizeof imp);
  char err[256];
  wlib_instance *w = wlib_new(&imp, err, sizeof err);
  if (!w) {
    printf("new: %s\n", err);
    return 1;
  }
  fflush(stdout);
  int32_t e = -1;
  w2n_trap_code t = wlib_greet(w, &e);
  printf("greet: %d errno %d\n", t, e);
  t = wlib_quit(w, 7);
  printf("quit: %s, status %d\n",
         t == W2N_TRAP_PROC_EXIT ? "proc_exit" : wlib_trap_message(t),
         wlib_exit_status(w));
  fflush(stdout);
  t = wlib_greet(w, &e);
  printf("greet again: %d errno %d\n", t, e);
  wlib_delete(w);

  const char *grants[] = {"--dir=/nonexistent-w2n-dir"};
  imp.wasi.num_grants = 1;
  imp.wasi.grants = grants;
  w = wlib_new(&imp, err, sizeof err);
  printf("bad grant: %s\n", w ? "accepted" : err);
  return 0;
}
