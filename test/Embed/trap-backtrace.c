// An embedder fetches the wasm call stack of a trap as text, after
// w2n_invoke has returned the trap code; w2n_report_trap prints it after
// the first line.
// RUN: %wat2wasm --debug-names %S/Inputs/backtrace.wat -o %t.wasm
// RUN: %w2n -O0 -c %t.wasm -o %t.o
// RUN: %host-cc %s %t.o %w2n-rt -o %t.exe
// RUN: %t.exe 2> %t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=REPORT --input-file %t.err
// CHECK:      ok: 4
// CHECK-NEXT: trap: integer divide by zero
// CHECK-NEXT:   #0 inner
// CHECK-NEXT:   #1 middle
// CHECK-NEXT:   #2 outer
// CHECK-NEXT: end
// CHECK-NEXT: disabled: []
// REPORT:      wasm trap: integer divide by zero in function inner
// REPORT-NEXT:   #0 inner
// REPORT-NEXT:   #1 middle
// REPORT-NEXT:   #2 outer
// REPORT-EMPTY:
#include "wasm2native-embed.h"

#include <stdio.h>
#include <stdlib.h>

extern const w2n_module wasm2native_module;

int main(void) {
  char err[256];
  w2n_trap_code trap;
  w2n_instance *inst =
      w2n_instantiate(&wasm2native_module, NULL, NULL, &trap, err, sizeof err);
  if (!inst) {
    printf("instantiate: %s\n", err);
    return 1;
  }
  w2n_extern ex;
  if (w2n_instance_export(inst, "outer", &ex) != 0)
    return 1;
  w2n_value args[1];
  args[0].i32 = 1;
  if (w2n_invoke(inst, ex.u.func, args, NULL) == W2N_TRAP_NONE)
    printf("ok: %d\n", args[0].i32);
  args[0].i32 = 0;
  w2n_trap_code code = w2n_invoke(inst, ex.u.func, args, NULL);
  printf("trap: %s\n", w2n_trap_message(code));
  printf("%send\n", w2n_trap_backtrace());
  fflush(stdout);
  w2n_report_trap(code);
  setenv("WASM2NATIVE_BACKTRACE", "0", 1);
  printf("disabled: [%s]\n", w2n_trap_backtrace());
  w2n_instance_delete(inst);
  return 0;
}
