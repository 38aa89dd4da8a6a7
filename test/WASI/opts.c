// Grants at run time: WASM2NATIVE_OPTS holds more of the driver's grant
// options (shell-style words), added after the baked ones (later wins). It
// never reaches the guest's environment and takes none of its arguments.
// Without any grant the guest has no directory and no variable.
// REQUIRES: wasi-grants
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -rf %t.a %t.b "%t.c d" %t.exe %t.none.exe && mkdir -p %t.a %t.b "%t.c d"
// RUN: echo from-a > %t.a/f.txt && echo from-b > %t.b/f.txt && echo from-cd > "%t.c d/f.txt"
// RUN: %w2n --dir=%t.a::/data --env=BAKED=1 --env=OVER=baked %t.wasm -o %t.exe
// RUN: env HOSTVAR=h %t.exe --dir=x > %t.baked.out
// RUN: FileCheck %s --input-file %t.baked.out --check-prefix=BAKED --match-full-lines
// RUN: env HOSTVAR=h WASM2NATIVE_OPTS="--dir=%t.b::/data --env OVER=run --env 'SP=a b' --env=HOSTVAR --dir '%t.c d::/cd'" %t.exe --dir=x > %t.run.out
// RUN: FileCheck %s --input-file %t.run.out --check-prefix=LATER --match-full-lines
// RUN: env HOSTVAR=h WASM2NATIVE_OPTS=--inherit-env %t.exe > %t.inherit.out
// RUN: FileCheck %s --input-file %t.inherit.out --check-prefix=INHERIT
// RUN: %w2n %t.wasm -o %t.none.exe
// RUN: env HOSTVAR=h %t.none.exe > %t.none.out
// RUN: FileCheck %s --input-file %t.none.out --check-prefix=NONE --match-full-lines
// RUN: env WASM2NATIVE_OPTS=--bogus %expect-exit 1 %t.exe 2> %t.bogus.err
// RUN: FileCheck %s --input-file %t.bogus.err --check-prefix=BOGUS
// RUN: env WASM2NATIVE_OPTS="--dir=%t.missing" %expect-exit 1 %t.exe 2> %t.missing.err
// RUN: FileCheck %s --input-file %t.missing.err --check-prefix=MISSING
// RUN: env WASM2NATIVE_OPTS="--env='x" %expect-exit 1 %t.exe 2> %t.quote.err
// RUN: FileCheck %s --input-file %t.quote.err --check-prefix=QUOTE
// RUN: not %w2n --tcplisten=nope %t.wasm -o %t.bad.exe 2>&1 | FileCheck %s --check-prefix=BADLISTEN

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static void cat(const char *path) {
  char line[64] = "(none)\n";
  FILE *f = fopen(path, "r");
  if (f) {
    fgets(line, sizeof line, f);
    fclose(f);
  }
  printf("%s: %s", path, line);
}

int main(int argc, char **argv) {
  printf("argc=%d", argc);
  for (int i = 1; i < argc; ++i)
    printf(" %s", argv[i]);
  printf("\n");
  cat("/data/f.txt");
  cat("/cd/f.txt");
  int n = 0, opts = 0;
  for (char **e = environ; *e; ++e) {
    ++n;
    opts |= !strncmp(*e, "WASM2NATIVE_OPTS=", 17);
  }
  const char *names[] = {"BAKED", "OVER", "SP", "HOSTVAR"};
  for (int i = 0; i < 4; ++i) {
    const char *v = getenv(names[i]);
    printf("%s=%s\n", names[i], v ? v : "(unset)");
  }
  printf("vars=%d opts-visible=%d\n", n, opts);
  return 0;
}

// BAKED:      argc=2 --dir=x
// BAKED-NEXT: /data/f.txt: from-a
// BAKED-NEXT: /cd/f.txt: (none)
// BAKED-NEXT: BAKED=1
// BAKED-NEXT: OVER=baked
// BAKED-NEXT: SP=(unset)
// BAKED-NEXT: HOSTVAR=(unset)
// BAKED-NEXT: vars=2 opts-visible=0
// LATER:      argc=2 --dir=x
// LATER-NEXT: /data/f.txt: from-b
// LATER-NEXT: /cd/f.txt: from-cd
// LATER-NEXT: BAKED=1
// LATER-NEXT: OVER=run
// LATER-NEXT: SP=a b
// LATER-NEXT: HOSTVAR=h
// LATER-NEXT: vars=4 opts-visible=0
// INHERIT: HOSTVAR=h
// INHERIT: opts-visible=0
// NONE:      argc=1
// NONE-NEXT: /data/f.txt: (none)
// NONE-NEXT: /cd/f.txt: (none)
// NONE-NEXT: BAKED=(unset)
// NONE-NEXT: OVER=(unset)
// NONE-NEXT: SP=(unset)
// NONE-NEXT: HOSTVAR=(unset)
// NONE-NEXT: vars=0 opts-visible=0
// BOGUS: wasm2native: unknown option '--bogus'
// MISSING: wasm2native: --dir: cannot open '{{.*}}.missing': No such file or directory
// QUOTE: wasm2native: WASM2NATIVE_OPTS: unterminated quote
// BADLISTEN: error: invalid '--tcplisten=nope' (expected HOST:PORT)
