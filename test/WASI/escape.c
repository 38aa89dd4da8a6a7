// The sandbox: no path call leaves its preopened directory, whatever the
// path: absolute, `..`, symlinks planted from outside (absolute, relative,
// dangling, looping) or created by the guest. Opens, and every path_* call
// on a name (unlink, rename, link, symlink, readlink, mkdir, rmdir,
// filestat, set_times), fail with EPERM (63, as wasmtime; ENOTCAPABLE is
// for a missing right) and touch nothing outside. The guest cannot create
// a symlink to an absolute target (EPERM). The calls go straight to
// __wasi_path_*: wasi-libc would refuse many of these paths before the
// runtime saw them.
// REQUIRES: wasi-grants
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -rf %t.box %t.outside %t.exe
// RUN: mkdir -p %t.box/sub %t.outside
// RUN: echo secret > %t.outside/secret.txt
// RUN: ln -s %t.outside %t.box/abs_out
// RUN: ln -s ../%basename_t.outside %t.box/rel_out
// RUN: ln -s ../../../../../../../../.. %t.box/sub/up
// RUN: ln -s %t.outside/created-abs.txt %t.box/dangling_abs
// RUN: ln -s ../%basename_t.outside/created-rel.txt %t.box/dangling_rel
// RUN: ln -s loop2 %t.box/loop1
// RUN: ln -s loop1 %t.box/loop2
// RUN: ln -s sub %t.box/insub
// RUN: %w2n --dir=%t.box::/box %t.wasm -o %t.exe
// RUN: %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out --match-full-lines
// Nothing outside was created, removed or changed:
// RUN: ls -A %t.outside | count 1
// RUN: FileCheck %s --input-file %t.outside/secret.txt --check-prefix=SECRET
// The legitimate operations did happen inside:
// RUN: test -f %t.box/sub/ok.txt
// RUN: test ! -L %t.box/guest_abs

#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define BOX 3 // the first preopen

static const char *name(int e) {
  switch (e) {
  case 0: return "ok";
  case __WASI_ERRNO_ACCES: return "EACCES";
  case __WASI_ERRNO_EXIST: return "EEXIST";
  case __WASI_ERRNO_INVAL: return "EINVAL";
  case __WASI_ERRNO_LOOP: return "ELOOP";
  case __WASI_ERRNO_NOENT: return "ENOENT";
  case __WASI_ERRNO_NOTDIR: return "ENOTDIR";
  case __WASI_ERRNO_PERM: return "EPERM";
  case __WASI_ERRNO_NOTCAPABLE: return "ENOTCAPABLE";
  default: return "other";
  }
}

static void show(const char *what, int e) { printf("%s: %s\n", what, name(e)); }

#define ALL_RIGHTS ((__wasi_rights_t)0x3fffffff)
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW

static int open_at(int dir, const char *p, int follow, int oflags, int *fd) {
  __wasi_fd_t out = (__wasi_fd_t)-1;
  // Every right, less FD_WRITE for a directory (it would be EISDIR).
  __wasi_rights_t base = oflags & __WASI_OFLAGS_DIRECTORY
                             ? ALL_RIGHTS & ~__WASI_RIGHTS_FD_WRITE
                             : ALL_RIGHTS;
  int e = __wasi_path_open(dir, follow ? FOLLOW : 0, p, oflags, base,
                           ALL_RIGHTS, 0, &out);
  if (fd)
    *fd = e ? -1 : (int)out;
  else if (!e)
    __wasi_fd_close(out);
  return e;
}

int main(void) {
  __wasi_prestat_t ps;
  char pname[16] = {0};
  if (__wasi_fd_prestat_get(BOX, &ps) ||
      __wasi_fd_prestat_dir_name(BOX, (uint8_t *)pname, ps.u.dir.pr_name_len))
    return 1;
  printf("preopen 3: %s\n", pname);

  // Opens.
  show("open /etc/passwd", open_at(BOX, "/etc/passwd", 1, 0, 0));
  show("open ..", open_at(BOX, "..", 1, 0, 0));
  show("open ../x", open_at(BOX, "../x", 1, __WASI_OFLAGS_CREAT, 0));
  show("open sub/../../x", open_at(BOX, "sub/../../x", 1, 0, 0));
  show("open abs_out/secret.txt", open_at(BOX, "abs_out/secret.txt", 1, 0, 0));
  show("open rel_out/secret.txt", open_at(BOX, "rel_out/secret.txt", 1, 0, 0));
  show("open abs_out (follow)", open_at(BOX, "abs_out", 1, 0, 0));
  show("open sub/up/etc/passwd", open_at(BOX, "sub/up/etc/passwd", 1, 0, 0));
  show("create dangling_abs", open_at(BOX, "dangling_abs", 1, __WASI_OFLAGS_CREAT, 0));
  show("create dangling_rel", open_at(BOX, "dangling_rel", 1, __WASI_OFLAGS_CREAT, 0));
  show("open loop1", open_at(BOX, "loop1", 1, 0, 0));
  show("open loop1/x", open_at(BOX, "loop1/x", 1, 0, 0));
  show("open abs_out (nofollow)", open_at(BOX, "abs_out", 0, 0, 0));
  show("create insub/ok.txt", open_at(BOX, "insub/ok.txt", 1, __WASI_OFLAGS_CREAT, 0));
  int sub;
  show("open sub", open_at(BOX, "sub", 1, __WASI_OFLAGS_DIRECTORY, &sub));
  show("sub: open ../insub/ok.txt", open_at(sub, "../insub/ok.txt", 1, 0, 0));
  show("sub: open ok.txt", open_at(sub, "ok.txt", 1, 0, 0));

  // Looking at nodes.
  __wasi_filestat_t st;
  show("stat abs_out (follow)", __wasi_path_filestat_get(BOX, FOLLOW, "abs_out", &st));
  int e = __wasi_path_filestat_get(BOX, 0, "abs_out", &st);
  printf("stat abs_out (nofollow): %s symlink=%d\n", name(e),
         st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK);
  show("stat rel_out/secret.txt", __wasi_path_filestat_get(BOX, 0, "rel_out/secret.txt", &st));
  show("stat /etc", __wasi_path_filestat_get(BOX, 0, "/etc", &st));
  show("stat ..", __wasi_path_filestat_get(BOX, 0, "..", &st));
  show("stat sub/up/etc (follow)", __wasi_path_filestat_get(BOX, FOLLOW, "sub/up/etc", &st));
  show("times abs_out (follow)",
       __wasi_path_filestat_set_times(BOX, FOLLOW, "abs_out", 0, 0,
                                      __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  show("times abs_out/secret.txt",
       __wasi_path_filestat_set_times(BOX, 0, "abs_out/secret.txt", 0, 0,
                                      __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  char buf[256];
  __wasi_size_t used = 0;
  show("readlink rel_out/secret.txt",
       __wasi_path_readlink(BOX, "rel_out/secret.txt", (uint8_t *)buf, sizeof buf, &used));
  e = __wasi_path_readlink(BOX, "sub/up", (uint8_t *)buf, sizeof buf, &used);
  printf("readlink sub/up: %s %.*s\n", name(e), (int)used, buf);

  // Acting on names.
  show("unlink abs_out/secret.txt", __wasi_path_unlink_file(BOX, "abs_out/secret.txt"));
  show("unlink ../x/secret.txt", __wasi_path_unlink_file(BOX, "../x/secret.txt"));
  show("unlink /tmp/x", __wasi_path_unlink_file(BOX, "/tmp/x"));
  show("rename out->in", __wasi_path_rename(BOX, "rel_out/secret.txt", BOX, "stolen.txt"));
  show("rename in->out", __wasi_path_rename(BOX, "insub/ok.txt", BOX, "abs_out/planted.txt"));
  show("link out->in", __wasi_path_link(BOX, 0, "abs_out/secret.txt", BOX, "hard.txt"));
  show("link follow abs_out", __wasi_path_link(BOX, FOLLOW, "abs_out", BOX, "hard2"));
  show("link in->out", __wasi_path_link(BOX, 0, "insub/ok.txt", BOX, "rel_out/hard.txt"));
  show("symlink into abs_out", __wasi_path_symlink("x", BOX, "abs_out/evil"));
  show("mkdir abs_out/newdir", __wasi_path_create_directory(BOX, "abs_out/newdir"));
  show("mkdir ../newdir", __wasi_path_create_directory(BOX, "../newdir"));
  show("rmdir rel_out", __wasi_path_remove_directory(BOX, "rel_out"));
  show("rmdir ..", __wasi_path_remove_directory(BOX, ".."));
  show("rmdir sub/up/tmp", __wasi_path_remove_directory(BOX, "sub/up/tmp"));

  // Symlinks the guest creates: no absolute target; a relative one is only
  // text, and following it stays inside.
  show("symlink guest_abs -> /etc/passwd", __wasi_path_symlink("/etc/passwd", BOX, "guest_abs"));
  show("open guest_abs", open_at(BOX, "guest_abs", 1, 0, 0));
  show("symlink guest_up -> ../../..", __wasi_path_symlink("../../..", BOX, "guest_up"));
  show("open guest_up/etc/passwd", open_at(BOX, "guest_up/etc/passwd", 1, 0, 0));
  show("create via guest_up", open_at(BOX, "guest_up/w2n-escaped", 1, __WASI_OFLAGS_CREAT, 0));
  show("mkdir via guest_up", __wasi_path_create_directory(BOX, "guest_up/w2n-escaped"));

  // And through wasi-libc.
  printf("fopen /etc/passwd: %s\n", fopen("/etc/passwd", "r") ? "opened" : "refused");
  printf("fopen /box/abs_out/secret.txt: %s\n",
         fopen("/box/abs_out/secret.txt", "r") ? "opened" : "refused");
  printf("fopen /box/../etc/passwd: %s\n",
         fopen("/box/../etc/passwd", "r") ? "opened" : "refused");
  return 0;
}

// CHECK:      preopen 3: /box
// CHECK-NEXT: open /etc/passwd: EPERM
// CHECK-NEXT: open ..: EPERM
// CHECK-NEXT: open ../x: EPERM
// CHECK-NEXT: open sub/../../x: EPERM
// CHECK-NEXT: open abs_out/secret.txt: EPERM
// CHECK-NEXT: open rel_out/secret.txt: EPERM
// CHECK-NEXT: open abs_out (follow): EPERM
// CHECK-NEXT: open sub/up/etc/passwd: EPERM
// CHECK-NEXT: create dangling_abs: EPERM
// CHECK-NEXT: create dangling_rel: EPERM
// CHECK-NEXT: open loop1: ELOOP
// CHECK-NEXT: open loop1/x: ELOOP
// CHECK-NEXT: open abs_out (nofollow): ELOOP
// CHECK-NEXT: create insub/ok.txt: ok
// CHECK-NEXT: open sub: ok
// CHECK-NEXT: sub: open ../insub/ok.txt: EPERM
// CHECK-NEXT: sub: open ok.txt: ok
// CHECK-NEXT: stat abs_out (follow): EPERM
// CHECK-NEXT: stat abs_out (nofollow): ok symlink=1
// CHECK-NEXT: stat rel_out/secret.txt: EPERM
// CHECK-NEXT: stat /etc: EPERM
// CHECK-NEXT: stat ..: EPERM
// CHECK-NEXT: stat sub/up/etc (follow): EPERM
// CHECK-NEXT: times abs_out (follow): EPERM
// CHECK-NEXT: times abs_out/secret.txt: EPERM
// CHECK-NEXT: readlink rel_out/secret.txt: EPERM
// CHECK-NEXT: readlink sub/up: ok ../../../../../../../../..
// CHECK-NEXT: unlink abs_out/secret.txt: EPERM
// CHECK-NEXT: unlink ../x/secret.txt: EPERM
// CHECK-NEXT: unlink /tmp/x: EPERM
// CHECK-NEXT: rename out->in: EPERM
// CHECK-NEXT: rename in->out: EPERM
// CHECK-NEXT: link out->in: EPERM
// CHECK-NEXT: link follow abs_out: EPERM
// CHECK-NEXT: link in->out: EPERM
// CHECK-NEXT: symlink into abs_out: EPERM
// CHECK-NEXT: mkdir abs_out/newdir: EPERM
// CHECK-NEXT: mkdir ../newdir: EPERM
// CHECK-NEXT: rmdir rel_out: ENOTDIR
// CHECK-NEXT: rmdir ..: EPERM
// CHECK-NEXT: rmdir sub/up/tmp: EPERM
// CHECK-NEXT: symlink guest_abs -> /etc/passwd: EPERM
// CHECK-NEXT: open guest_abs: ENOENT
// CHECK-NEXT: symlink guest_up -> ../../..: ok
// CHECK-NEXT: open guest_up/etc/passwd: EPERM
// CHECK-NEXT: create via guest_up: EPERM
// CHECK-NEXT: mkdir via guest_up: EPERM
// CHECK-NEXT: fopen /etc/passwd: refused
// CHECK-NEXT: fopen /box/abs_out/secret.txt: refused
// CHECK-NEXT: fopen /box/../etc/passwd: refused

// SECRET: secret
