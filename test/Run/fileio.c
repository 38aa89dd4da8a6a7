// Files in a directory granted with --dir: create, write, seek, read back,
// stat, list, rename, unlink. Paths outside the grant are not reachable.
// REQUIRES: wasi-grants
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -rf %t.dir %t.exe
// RUN: mkdir -p %t.dir
// RUN: %w2n --dir=%t.dir %t.wasm -o %t.exe
// RUN: %t.exe %t.dir > %t.out
// RUN: FileCheck %s --input-file %t.out
// RUN: %expect-exit 1 test -e %t.dir/renamed.txt
// RUN: FileCheck %s --check-prefix=KEPT --input-file %t.dir/kept.txt
// RUN: %if node %{ rm -rf %t.dir && mkdir -p %t.dir %}
// RUN: %if node %{ %node-wasi --dir=%t.dir %t.wasm %t.dir > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.out %}

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// Two result buffers, used in turn, so one call can take two paths.
static char paths[2][1024];
static int which;
static const char *in(const char *dir, const char *name) {
  char *p = paths[which ^= 1];
  snprintf(p, sizeof paths[0], "%s/%s", dir, name);
  return p;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  const char *dir = argv[1];

  FILE *f = fopen(in(dir, "data.txt"), "w+");
  printf("fopen w+: %s\n", f ? "ok" : strerror(errno));
  if (!f)
    return 1;
  for (int i = 0; i < 100; ++i)
    fprintf(f, "line %d\n", i);
  long end = ftell(f);
  fseek(f, 0, SEEK_SET);
  char line[64];
  fgets(line, sizeof line, f);
  printf("size=%ld first=%s", end, line);
  fseek(f, -8, SEEK_END);
  fgets(line, sizeof line, f);
  printf("last=%s", line);
  fclose(f);

  struct stat st;
  printf("stat: %s size=%lld regular=%d\n",
         stat(in(dir, "data.txt"), &st) == 0 ? "ok" : strerror(errno),
         (long long)st.st_size, S_ISREG(st.st_mode));

  f = fopen(in(dir, "kept.txt"), "w");
  fputs("this file stays\n", f);
  fclose(f);

  printf("rename: %s\n", rename(in(dir, "data.txt"), in(dir, "renamed.txt")) == 0
                              ? "ok" : strerror(errno));
  int count = 0;
  DIR *d = opendir(dir);
  struct dirent *e;
  while (d && (e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      ++count;
  if (d)
    closedir(d);
  printf("entries=%d\n", count);
  printf("unlink: %s\n", unlink(in(dir, "renamed.txt")) == 0 ? "ok" : strerror(errno));
  printf("missing: %s\n", fopen(in(dir, "renamed.txt"), "r") ? "found" : "not found");
  printf("outside grant: %s\n", fopen("/etc/passwd", "r") ? "opened" : "refused");
  return 0;
}

// CHECK:      fopen w+: ok
// CHECK-NEXT: size=790 first=line 0
// CHECK-NEXT: last=line 99
// CHECK-NEXT: stat: ok size=790 regular=1
// CHECK-NEXT: rename: ok
// CHECK-NEXT: entries=2
// CHECK-NEXT: unlink: ok
// CHECK-NEXT: missing: not found
// CHECK-NEXT: outside grant: refused
// KEPT: this file stays
