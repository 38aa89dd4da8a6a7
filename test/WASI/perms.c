// File modes are the host's to enforce: run as an unprivileged user (CI is
// root, and root ignores modes), opening an unreadable file, writing a
// read-only one and creating in a read-only directory fail with EACCES.
// REQUIRES: wasi-grants, setpriv
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -rf %t.dir %t.exe && mkdir -p %t.dir/ro
// RUN: echo hidden > %t.dir/noread.txt && chmod 000 %t.dir/noread.txt
// RUN: echo fixed > %t.dir/readonly.txt && chmod 444 %t.dir/readonly.txt
// RUN: chmod 555 %t.dir/ro && chmod 777 %t.dir
// RUN: %w2n --dir=%t.dir::/d %t.wasm -o %t.exe
// RUN: chmod 755 %t.exe
// RUN: setpriv --reuid=65534 --regid=65534 --clear-groups %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out --match-full-lines
// RUN: FileCheck %s --input-file %t.dir/readonly.txt --check-prefix=FIXED

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void show(const char *what, int r) {
  printf("%s: %s\n", what, r < 0 ? strerror(errno) : "ok");
}

int main(void) {
  show("read noread.txt", open("/d/noread.txt", O_RDONLY));
  show("write readonly.txt", open("/d/readonly.txt", O_WRONLY));
  show("read readonly.txt", open("/d/readonly.txt", O_RDONLY));
  show("create in ro", open("/d/ro/new.txt", O_WRONLY | O_CREAT, 0644));
  show("mkdir in ro", mkdir("/d/ro/sub", 0755));
  show("create in dir", open("/d/mine.txt", O_WRONLY | O_CREAT, 0644));
  struct stat st;
  show("stat noread.txt", stat("/d/noread.txt", &st));
  return 0;
}

// CHECK:      read noread.txt: Permission denied
// CHECK-NEXT: write readonly.txt: Permission denied
// CHECK-NEXT: read readonly.txt: ok
// CHECK-NEXT: create in ro: Permission denied
// CHECK-NEXT: mkdir in ro: Permission denied
// CHECK-NEXT: create in dir: ok
// CHECK-NEXT: stat noread.txt: ok
// FIXED: fixed
