// File modes are the host's to enforce: run as an unprivileged user (CI is
// root, and root ignores modes), opening an unreadable file, writing a
// read-only one and creating in a read-only directory fail with EACCES.
// The user's tree and executable are built in a fresh directory under /tmp
// (Inputs/perms-run.sh), so the test passes wherever the checkout lives,
// even under a 0700 directory uid 65534 cannot traverse: here every input
// and output of the test is kept in such a directory. lit.local.cfg skips
// it (UNSUPPORTED, with the reason) when not root or /tmp is unreachable.
// REQUIRES: wasi-grants, setpriv-tmp
// RUN: rm -rf %t.private && mkdir %t.private && chmod 700 %t.private
// RUN: %wasi-cc -O2 %s -o %t.private/perms.wasm
// The unprivileged user cannot reach the test's own files:
// RUN: not setpriv --reuid=65534 --regid=65534 --clear-groups test -r %t.private/perms.wasm
// RUN: sh %S/Inputs/perms-run.sh %w2n %t.private/perms.wasm %t.private/out
// RUN: FileCheck %s --input-file %t.private/out --match-full-lines
// RUN: FileCheck %s --input-file %t.private/out.readonly --check-prefix=FIXED
// The directory under /tmp is gone afterwards:
// RUN: sh -c 'test -n "$(cat %t.private/out.tmpdir)" && test ! -e "$(cat %t.private/out.tmpdir)"'

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
