// The errno of each path call in the cases where implementations differ,
// against wasmtime's preview-1 (its test programs, and the WASI test suite
// written against it): absolute paths and `..` above the preopen are EPERM
// (not ENOTCAPABLE: that is for a missing right), trailing slashes,
// dangling and looping symlinks, O_CREAT|O_EXCL on an existing directory,
// rename onto a non-empty directory, remove_directory on a file,
// unlink_file on a directory, fd_readdir on a file, and symlinks to
// absolute targets (EPERM; relative ones are allowed). Each line gives
// wasmtime's answer after "wasmtime:"; the program prints "same" when ours
// matches it, else both.
// REQUIRES: wasi-grants
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -rf %t.box %t.exe && mkdir -p %t.box
// RUN: %w2n --dir=%t.box::/box %t.wasm -o %t.exe
// RUN: %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out --match-full-lines
// RUN: FileCheck %s --input-file %t.out --check-prefix=NODIFF
// The guest's relative symlink is there, no absolute one was created:
// RUN: test -L %t.box/rel_link && test ! -e %t.box/abs_link && test ! -L %t.box/abs_link
// RUN: test ! -L %t.box/root_link

#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define BOX 3
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW

static const char *name(int e) {
  switch (e) {
  case 0: return "ok";
  case __WASI_ERRNO_BADF: return "EBADF";
  case __WASI_ERRNO_EXIST: return "EEXIST";
  case __WASI_ERRNO_INVAL: return "EINVAL";
  case __WASI_ERRNO_ISDIR: return "EISDIR";
  case __WASI_ERRNO_LOOP: return "ELOOP";
  case __WASI_ERRNO_NOENT: return "ENOENT";
  case __WASI_ERRNO_NOTDIR: return "ENOTDIR";
  case __WASI_ERRNO_NOTEMPTY: return "ENOTEMPTY";
  case __WASI_ERRNO_PERM: return "EPERM";
  case __WASI_ERRNO_NOTCAPABLE: return "ENOTCAPABLE";
  default: return "other";
  }
}

// `want` is wasmtime's errno (a second accepted one in `alt`, where its
// own tests accept two).
static void check(const char *what, int e, int want, int alt) {
  if (e == want || (alt >= 0 && e == alt))
    printf("%s: %s (wasmtime: %s) same\n", what, name(e), name(want));
  else
    printf("%s: %s (wasmtime: %s) DIFFERENT\n", what, name(e), name(want));
}

static int op(int dir, const char *p, int follow, int oflags) {
  __wasi_fd_t fd;
  int e = __wasi_path_open(dir, follow ? FOLLOW : 0, p, oflags, 0, 0, 0, &fd);
  if (!e)
    __wasi_fd_close(fd);
  return e;
}

static void mkfile(const char *p) { op(BOX, p, 0, __WASI_OFLAGS_CREAT); }

int main(void) {
  __wasi_path_create_directory(BOX, "dir");
  __wasi_path_create_directory(BOX, "dir/nested");
  mkfile("dir/nested/file");
  mkfile("file");

  // Absolute paths and `..` above the preopen (interesting_paths).
  check("open /dir/nested/file", op(BOX, "/dir/nested/file", 0, 0),
        __WASI_ERRNO_PERM, -1);
  check("open dir/nested/../../../box/file",
        op(BOX, "dir/nested/../../../box/file", 0, 0), __WASI_ERRNO_PERM, -1);
  check("open ..", op(BOX, "..", 0, 0), __WASI_ERRNO_PERM, -1);
  check("open dir/../dir/nested/./file (stays inside)",
        op(BOX, "dir/.//nested/../../dir/nested/../nested///./file", 0, 0), 0,
        -1);
  check("mkdir /x", __wasi_path_create_directory(BOX, "/x"),
        __WASI_ERRNO_PERM, -1);
  check("mkdir ../x", __wasi_path_create_directory(BOX, "../x"),
        __WASI_ERRNO_PERM, -1);
  check("unlink /file", __wasi_path_unlink_file(BOX, "/file"),
        __WASI_ERRNO_PERM, -1);
  __wasi_filestat_t st;
  check("stat ..", __wasi_path_filestat_get(BOX, 0, "..", &st),
        __WASI_ERRNO_PERM, -1);

  // Trailing slashes (interesting_paths, unlink_file_trailing_slashes,
  // remove_directory, path_symlink_trailing_slashes, path_link).
  check("open dir/nested/file/", op(BOX, "dir/nested/file/", 0, 0),
        __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
  check("open dir/nested/file///", op(BOX, "dir/nested/file///", 0, 0),
        __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
  check("open dir/nested/", op(BOX, "dir/nested/", 0, 0), 0, -1);
  check("open dir/nested///", op(BOX, "dir/nested///", 0, 0), 0, -1);
  check("unlink file/", __wasi_path_unlink_file(BOX, "file/"),
        __WASI_ERRNO_NOTDIR, -1);
  check("unlink dir/", __wasi_path_unlink_file(BOX, "dir/"),
        __WASI_ERRNO_ISDIR, -1);
  check("rmdir file/", __wasi_path_remove_directory(BOX, "file/"),
        __WASI_ERRNO_NOTDIR, -1);
  check("symlink source -> target/ (missing)",
        __wasi_path_symlink("source", BOX, "target/"), __WASI_ERRNO_NOENT,
        -1);
  check("symlink source -> dir/ (existing dir)",
        __wasi_path_symlink("source", BOX, "dir/"), __WASI_ERRNO_EXIST, -1);
  check("symlink source -> file/ (existing file)",
        __wasi_path_symlink("source", BOX, "file/"), __WASI_ERRNO_NOTDIR, -1);
  check("link file -> link/", __wasi_path_link(BOX, 0, "file", BOX, "link/"),
        __WASI_ERRNO_NOENT, -1);

  // Dangling and looping symlinks (dangling_symlink, symlink_loop).
  __wasi_path_symlink("target", BOX, "dangling");
  check("open dangling (nofollow)", op(BOX, "dangling", 0, 0),
        __WASI_ERRNO_LOOP, -1);
  check("open dangling DIRECTORY (nofollow)",
        op(BOX, "dangling", 0, __WASI_OFLAGS_DIRECTORY), __WASI_ERRNO_NOTDIR,
        __WASI_ERRNO_LOOP);
  check("open dangling (follow)", op(BOX, "dangling", 1, 0),
        __WASI_ERRNO_NOENT, -1);
  check("link dangling (nofollow) -> hard",
        __wasi_path_link(BOX, 0, "dangling", BOX, "hard"), 0, -1);
  __wasi_path_unlink_file(BOX, "hard");
  check("unlink dangling", __wasi_path_unlink_file(BOX, "dangling"), 0, -1);
  __wasi_path_symlink("loop", BOX, "loop");
  check("open loop (nofollow)", op(BOX, "loop", 0, 0), __WASI_ERRNO_LOOP, -1);
  check("open loop (follow)", op(BOX, "loop", 1, 0), __WASI_ERRNO_LOOP, -1);
  check("open loop/x", op(BOX, "loop/x", 1, 0), __WASI_ERRNO_LOOP, -1);

  // Creating (path_open_create_existing).
  check("open file CREAT|EXCL", op(BOX, "file", 0,
                                   __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL),
        __WASI_ERRNO_EXIST, -1);
  check("open dir CREAT|EXCL", op(BOX, "dir", 0,
                                  __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL),
        __WASI_ERRNO_EXIST, -1);
  check("open dir DIRECTORY|CREAT",
        op(BOX, "dir", 0, __WASI_OFLAGS_DIRECTORY | __WASI_OFLAGS_CREAT),
        __WASI_ERRNO_INVAL, -1);
  check("open file DIRECTORY", op(BOX, "file", 0, __WASI_OFLAGS_DIRECTORY),
        __WASI_ERRNO_NOTDIR, -1);

  // Renaming (path_rename).
  __wasi_path_create_directory(BOX, "source");
  check("rename dir onto non-empty dir",
        __wasi_path_rename(BOX, "source", BOX, "dir"), __WASI_ERRNO_NOTEMPTY,
        -1);
  check("rename dir onto a file", __wasi_path_rename(BOX, "source", BOX, "file"),
        __WASI_ERRNO_NOTDIR, -1);
  check("rename file onto a dir", __wasi_path_rename(BOX, "file", BOX, "source"),
        __WASI_ERRNO_ISDIR, -1);
  __wasi_path_create_directory(BOX, "empty");
  check("rename dir onto empty dir",
        __wasi_path_rename(BOX, "source", BOX, "empty"), 0, -1);
  __wasi_path_remove_directory(BOX, "empty");

  // Removing (remove_directory, remove_nonempty_directory,
  // unlink_file_trailing_slashes).
  check("rmdir file", __wasi_path_remove_directory(BOX, "file"),
        __WASI_ERRNO_NOTDIR, -1);
  check("rmdir dir (non-empty)", __wasi_path_remove_directory(BOX, "dir"),
        __WASI_ERRNO_NOTEMPTY, -1);
  check("unlink dir", __wasi_path_unlink_file(BOX, "dir"), __WASI_ERRNO_ISDIR,
        -1);

  // fd_readdir on a file (wasmtime: not a directory descriptor, EBADF).
  __wasi_fd_t f;
  if (__wasi_path_open(BOX, 0, "file", 0, __WASI_RIGHTS_FD_READ, 0, 0, &f) ==
      0) {
    char buf[128];
    __wasi_size_t used;
    check("fd_readdir on a file",
          __wasi_fd_readdir(f, (uint8_t *)buf, sizeof buf, 0, &used),
          __WASI_ERRNO_BADF, -1);
    check("path_open beneath a file", op(f, "x", 0, __WASI_OFLAGS_CREAT),
          __WASI_ERRNO_NOTDIR, -1);
    __wasi_fd_close(f);
  }

  // Symlinks the guest creates (symlink_create): absolute targets are
  // refused, relative ones (even leading out) are allowed, since following
  // them stays beneath.
  check("symlink / -> root_link", __wasi_path_symlink("/", BOX, "root_link"),
        __WASI_ERRNO_PERM, -1);
  check("symlink /etc/passwd -> abs_link",
        __wasi_path_symlink("/etc/passwd", BOX, "abs_link"), __WASI_ERRNO_PERM,
        -1);
  check("symlink dir/nested/file -> rel_link",
        __wasi_path_symlink("dir/nested/file", BOX, "rel_link"), 0, -1);
  check("open rel_link (follow)", op(BOX, "rel_link", 1, 0), 0, -1);
  check("symlink ../.. -> up_link", __wasi_path_symlink("../..", BOX, "up_link"),
        0, -1);
  check("open up_link (follow)", op(BOX, "up_link", 1, 0), __WASI_ERRNO_PERM,
        -1);
  __wasi_path_unlink_file(BOX, "up_link");
  return 0;
}

// NODIFF-NOT: DIFFERENT

// CHECK:      open /dir/nested/file: EPERM (wasmtime: EPERM) same
// CHECK-NEXT: open dir/nested/../../../box/file: EPERM (wasmtime: EPERM) same
// CHECK-NEXT: open ..: EPERM (wasmtime: EPERM) same
// CHECK-NEXT: open dir/../dir/nested/./file (stays inside): ok (wasmtime: ok) same
// CHECK-NEXT: mkdir /x: EPERM (wasmtime: EPERM) same
// CHECK-NEXT: mkdir ../x: EPERM (wasmtime: EPERM) same
// CHECK-NEXT: unlink /file: EPERM (wasmtime: EPERM) same
// CHECK-NEXT: stat ..: EPERM (wasmtime: EPERM) same
// CHECK-NEXT: open dir/nested/file/: ENOTDIR (wasmtime: ENOTDIR) same
// CHECK-NEXT: open dir/nested/file///: ENOTDIR (wasmtime: ENOTDIR) same
// CHECK-NEXT: open dir/nested/: ok (wasmtime: ok) same
// CHECK-NEXT: open dir/nested///: ok (wasmtime: ok) same
// CHECK-NEXT: unlink file/: ENOTDIR (wasmtime: ENOTDIR) same
// CHECK-NEXT: unlink dir/: EISDIR (wasmtime: EISDIR) same
// CHECK-NEXT: rmdir file/: ENOTDIR (wasmtime: ENOTDIR) same
// CHECK-NEXT: symlink source -> target/ (missing): ENOENT (wasmtime: ENOENT) same
// CHECK-NEXT: symlink source -> dir/ (existing dir): EEXIST (wasmtime: EEXIST) same
// CHECK-NEXT: symlink source -> file/ (existing file): ENOTDIR (wasmtime: ENOTDIR) same
// CHECK-NEXT: link file -> link/: ENOENT (wasmtime: ENOENT) same
// CHECK-NEXT: open dangling (nofollow): ELOOP (wasmtime: ELOOP) same
// CHECK-NEXT: open dangling DIRECTORY (nofollow): {{ENOTDIR|ELOOP}} (wasmtime: ENOTDIR) same
// CHECK-NEXT: open dangling (follow): ENOENT (wasmtime: ENOENT) same
// CHECK-NEXT: link dangling (nofollow) -> hard: ok (wasmtime: ok) same
// CHECK-NEXT: unlink dangling: ok (wasmtime: ok) same
// CHECK-NEXT: open loop (nofollow): ELOOP (wasmtime: ELOOP) same
// CHECK-NEXT: open loop (follow): ELOOP (wasmtime: ELOOP) same
// CHECK-NEXT: open loop/x: ELOOP (wasmtime: ELOOP) same
// CHECK-NEXT: open file CREAT|EXCL: EEXIST (wasmtime: EEXIST) same
// CHECK-NEXT: open dir CREAT|EXCL: EEXIST (wasmtime: EEXIST) same
// CHECK-NEXT: open dir DIRECTORY|CREAT: EINVAL (wasmtime: EINVAL) same
// CHECK-NEXT: open file DIRECTORY: ENOTDIR (wasmtime: ENOTDIR) same
// CHECK-NEXT: rename dir onto non-empty dir: ENOTEMPTY (wasmtime: ENOTEMPTY) same
// CHECK-NEXT: rename dir onto a file: ENOTDIR (wasmtime: ENOTDIR) same
// CHECK-NEXT: rename file onto a dir: EISDIR (wasmtime: EISDIR) same
// CHECK-NEXT: rename dir onto empty dir: ok (wasmtime: ok) same
// CHECK-NEXT: rmdir file: ENOTDIR (wasmtime: ENOTDIR) same
// CHECK-NEXT: rmdir dir (non-empty): ENOTEMPTY (wasmtime: ENOTEMPTY) same
// CHECK-NEXT: unlink dir: EISDIR (wasmtime: EISDIR) same
// CHECK-NEXT: fd_readdir on a file: EBADF (wasmtime: EBADF) same
// CHECK-NEXT: path_open beneath a file: ENOTDIR (wasmtime: ENOTDIR) same
// CHECK-NEXT: symlink / -> root_link: EPERM (wasmtime: EPERM) same
// CHECK-NEXT: symlink /etc/passwd -> abs_link: EPERM (wasmtime: EPERM) same
// CHECK-NEXT: symlink dir/nested/file -> rel_link: ok (wasmtime: ok) same
// CHECK-NEXT: open rel_link (follow): ok (wasmtime: ok) same
// CHECK-NEXT: symlink ../.. -> up_link: ok (wasmtime: ok) same
// CHECK-NEXT: open up_link (follow): EPERM (wasmtime: EPERM) same
