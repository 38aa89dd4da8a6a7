// The guest's environment is granted at compile time: --env NAME=VALUE adds
// a variable, --inherit-env passes the host environment (of the run) through.
// Without either the program sees none of the host's variables.
// REQUIRES: wasi-grants
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.none.exe %t.set.exe %t.inherit.exe
// RUN: %w2n %t.wasm -o %t.none.exe
// RUN: env W2N_TEST_HOST=from-host %t.none.exe > %t.none.out
// RUN: FileCheck %s --input-file %t.none.out --check-prefix=NONE
// RUN: %w2n --env W2N_TEST_SET=granted --env=W2N_TEST_EMPTY= %t.wasm -o %t.set.exe
// RUN: env W2N_TEST_HOST=from-host %t.set.exe > %t.set.out
// RUN: FileCheck %s --input-file %t.set.out --check-prefix=SET
// RUN: %w2n --inherit-env %t.wasm -o %t.inherit.exe
// RUN: env W2N_TEST_HOST=from-host %t.inherit.exe > %t.inherit.out
// RUN: FileCheck %s --input-file %t.inherit.out --check-prefix=INHERIT
// RUN: %if node %{ env W2N_TEST_HOST=from-host %node-wasi %t.wasm > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.inherit.out %}

#include <stdio.h>
#include <stdlib.h>

static void show(const char *name) {
  const char *v = getenv(name);
  printf("%s=%s\n", name, v ? v : "(unset)");
}

int main(void) {
  show("W2N_TEST_HOST");
  show("W2N_TEST_SET");
  show("W2N_TEST_EMPTY");
  return 0;
}

// NONE:      W2N_TEST_HOST=(unset)
// NONE-NEXT: W2N_TEST_SET=(unset)
// NONE-NEXT: W2N_TEST_EMPTY=(unset)
// SET:      W2N_TEST_HOST=(unset)
// SET-NEXT: W2N_TEST_SET=granted
// SET-NEXT: W2N_TEST_EMPTY=
// INHERIT:      W2N_TEST_HOST=from-host
// INHERIT-NEXT: W2N_TEST_SET=(unset)
