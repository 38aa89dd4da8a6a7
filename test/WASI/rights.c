// path_open's rights are an upper bound, not an open mode (wasmtime's
// preview-1 semantics, its test path_open_preopen): the host opens for
// writing only when FD_WRITE is asked for, never because of sync, size or
// metadata rights. A directory therefore opens with the preopen's own
// rights (which hold FD_DATASYNC), with none, with FD_READ; FD_READ|FD_WRITE
// on a directory is EISDIR. Regular files open read-only, write-only or
// read-write from FD_READ/FD_WRITE; TRUNC without the write right still
// truncates; APPEND appends. The new descriptor's rights are the requested
// ones within the parent's inheriting rights (fd_fdstat_get), and a right
// not held fails with ENOTCAPABLE. O_DIRECTORY with CREAT/EXCL/TRUNC is
// EINVAL; an open file as the directory of path_open is ENOTDIR.
// REQUIRES: wasi-grants
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -rf %t.dir %t.exe && mkdir -p %t.dir/sub
// RUN: printf 'hello' > %t.dir/ro.txt
// RUN: printf 'hello' > %t.dir/trunc.txt
// RUN: printf 'log:' > %t.dir/append.txt
// RUN: %w2n --dir=%t.dir::/d %t.wasm -o %t.exe
// RUN: %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out --match-full-lines
// The files on the host afterwards:
// RUN: FileCheck %s --input-file %t.dir/wo.txt --check-prefix=WOFILE --match-full-lines
// RUN: FileCheck %s --input-file %t.dir/append.txt --check-prefix=APPENDED --match-full-lines
// RUN: test ! -s %t.dir/trunc.txt
// RUN: FileCheck %s --input-file %t.dir/ro.txt --check-prefix=ROFILE --match-full-lines
// And at -O0:
// RUN: printf 'hello' > %t.dir/trunc.txt && printf 'log:' > %t.dir/append.txt
// RUN: rm -f %t.dir/wo.txt %t.dir/rw.txt
// RUN: %w2n -O0 --dir=%t.dir::/d %t.wasm -o %t.O0.exe
// RUN: %t.O0.exe | FileCheck %s --match-full-lines

#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define PRE 3 // the preopen
#define R(x) __WASI_RIGHTS_##x

static const char *name(int e) {
  switch (e) {
  case 0: return "ok";
  case __WASI_ERRNO_BADF: return "EBADF";
  case __WASI_ERRNO_INVAL: return "EINVAL";
  case __WASI_ERRNO_ISDIR: return "EISDIR";
  case __WASI_ERRNO_NOTDIR: return "ENOTDIR";
  case __WASI_ERRNO_NOTCAPABLE: return "ENOTCAPABLE";
  default: {
    static char buf[16];
    snprintf(buf, sizeof buf, "errno %d", e);
    return buf;
  }
  }
}

static int open_at(int dir, const char *p, int oflags, __wasi_rights_t base,
                   __wasi_rights_t inh, int fdflags, __wasi_fd_t *fd) {
  __wasi_fd_t out = (__wasi_fd_t)-1;
  int e = __wasi_path_open(dir, 0, p, oflags, base, inh, fdflags, &out);
  if (fd)
    *fd = e ? (__wasi_fd_t)-1 : out;
  else if (!e)
    __wasi_fd_close(out);
  return e;
}

static void row(const char *what, int e) { printf("%s: %s\n", what, name(e)); }

static int rd(__wasi_fd_t fd, char *buf, size_t n, size_t *got) {
  __wasi_iovec_t iov = {(uint8_t *)buf, n};
  return __wasi_fd_read(fd, &iov, 1, got);
}

static int wr(__wasi_fd_t fd, const char *s) {
  __wasi_ciovec_t iov = {(const uint8_t *)s, strlen(s)};
  size_t n;
  return __wasi_fd_write(fd, &iov, 1, &n);
}

// Shows the descriptor's rights and checks them against requested & inh.
static void rights(const char *what, __wasi_fd_t fd, __wasi_rights_t want,
                   __wasi_rights_t want_inh) {
  __wasi_fdstat_t st;
  if (__wasi_fd_fdstat_get(fd, &st)) {
    printf("%s: fdstat failed\n", what);
    return;
  }
  printf("%s: base=0x%llx (expected 0x%llx) inheriting=0x%llx (expected 0x%llx)"
         " flags=%d\n",
         what, (unsigned long long)st.fs_rights_base,
         (unsigned long long)want,
         (unsigned long long)st.fs_rights_inheriting,
         (unsigned long long)want_inh, st.fs_flags);
}

int main(void) {
  __wasi_fdstat_t pre;
  __wasi_fd_fdstat_get(PRE, &pre);
  printf("preopen has FD_DATASYNC: %d, FD_READ: %d, FD_WRITE: %d\n",
         (pre.fs_rights_base & R(FD_DATASYNC)) != 0,
         (pre.fs_rights_base & R(FD_READ)) != 0,
         (pre.fs_rights_base & R(FD_WRITE)) != 0);
  printf("preopen inheriting has FD_READ|FD_WRITE: %d\n",
         (pre.fs_rights_inheriting & (R(FD_READ) | R(FD_WRITE))) ==
             (R(FD_READ) | R(FD_WRITE)));

  // The table of the issue (wasmtime's path_open_preopen).
  __wasi_fd_t fd;
  int e = open_at(PRE, ".", 0, pre.fs_rights_base, pre.fs_rights_inheriting,
                  0, &fd);
  row("dir . oflags=0 base=preopen's", e);
  if (!e) {
    __wasi_fdstat_t st;
    __wasi_fd_fdstat_get(fd, &st);
    printf("  a directory: %d, same rights: %d\n",
           st.fs_filetype == __WASI_FILETYPE_DIRECTORY,
           st.fs_rights_base == pre.fs_rights_base &&
               st.fs_rights_inheriting == pre.fs_rights_inheriting);
    // It can list and open beneath itself.
    size_t used = 0;
    char buf[256];
    printf("  readdir: %s\n",
           name(__wasi_fd_readdir(fd, (uint8_t *)buf, sizeof buf, 0, &used)));
    printf("  open ro.txt beneath: %s\n",
           name(open_at(fd, "ro.txt", 0, R(FD_READ), 0, 0, NULL)));
    __wasi_fd_close(fd);
  }
  row("dir . oflags=0 base=0", open_at(PRE, ".", 0, 0, 0, 0, NULL));
  row("dir . DIRECTORY base=0",
      open_at(PRE, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, NULL));
  row("dir . DIRECTORY base=FD_READ",
      open_at(PRE, ".", __WASI_OFLAGS_DIRECTORY, R(FD_READ), 0, 0, NULL));
  row("dir . DIRECTORY base=FD_READ|FD_WRITE",
      open_at(PRE, ".", __WASI_OFLAGS_DIRECTORY, R(FD_READ) | R(FD_WRITE), 0,
              0, NULL));
  row("dir sub base=FD_WRITE", open_at(PRE, "sub", 0, R(FD_WRITE), 0, 0, NULL));
  row("dir sub base=FD_DATASYNC|FD_SYNC|FD_FILESTAT_SET_TIMES",
      open_at(PRE, "sub", 0,
              R(FD_DATASYNC) | R(FD_SYNC) | R(FD_FILESTAT_SET_TIMES), 0, 0,
              NULL));
  row("dir sub DIRECTORY|CREAT",
      open_at(PRE, "sub", __WASI_OFLAGS_DIRECTORY | __WASI_OFLAGS_CREAT, 0, 0,
              0, NULL));
  row("dir sub DIRECTORY|TRUNC",
      open_at(PRE, "sub", __WASI_OFLAGS_DIRECTORY | __WASI_OFLAGS_TRUNC, 0, 0,
              0, NULL));
  row("dir new DIRECTORY|CREAT|EXCL",
      open_at(PRE, "newdir",
              __WASI_OFLAGS_DIRECTORY | __WASI_OFLAGS_CREAT |
                  __WASI_OFLAGS_EXCL,
              0, 0, 0, NULL));

  // Regular files.
  char buf[64];
  size_t got = 0;
  const __wasi_rights_t RO = R(FD_READ) | R(FD_SEEK) | R(FD_TELL) |
                             R(FD_FILESTAT_GET) | R(FD_DATASYNC) | R(FD_SYNC);
  e = open_at(PRE, "ro.txt", 0, RO, 0, 0, &fd);
  row("file ro.txt read-only (with sync rights)", e);
  if (!e) {
    rights("  rights", fd, RO, 0);
    e = rd(fd, buf, sizeof buf, &got);
    printf("  read: %s %.*s\n", name(e), e ? 0 : (int)got, buf);
    printf("  write: %s\n", name(wr(fd, "x")));
    printf("  datasync: %s\n", name(__wasi_fd_datasync(fd)));
    printf("  set_size: %s\n", name(__wasi_fd_filestat_set_size(fd, 0)));
    __wasi_fd_close(fd);
  }

  const __wasi_rights_t WO = R(FD_WRITE) | R(FD_SEEK) | R(FD_FILESTAT_GET);
  e = open_at(PRE, "wo.txt", __WASI_OFLAGS_CREAT, WO, 0, 0, &fd);
  row("file wo.txt CREAT write-only", e);
  if (!e) {
    rights("  rights", fd, WO, 0);
    printf("  write: %s\n", name(wr(fd, "written\n")));
    printf("  read: %s\n", name(rd(fd, buf, sizeof buf, &got)));
    __wasi_fd_close(fd);
  }

  const __wasi_rights_t RW = R(FD_READ) | R(FD_WRITE) | R(FD_SEEK) |
                             R(FD_FILESTAT_SET_SIZE);
  e = open_at(PRE, "rw.txt", __WASI_OFLAGS_CREAT, RW, 0, 0, &fd);
  row("file rw.txt CREAT read-write", e);
  if (!e) {
    rights("  rights", fd, RW, 0);
    printf("  write: %s\n", name(wr(fd, "both")));
    __wasi_filesize_t pos;
    __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
    e = rd(fd, buf, sizeof buf, &got);
    printf("  read back: %s %.*s\n", name(e), e ? 0 : (int)got, buf);
    printf("  tell (no right): %s\n", name(__wasi_fd_tell(fd, &pos)));
    __wasi_fd_close(fd);
  }

  e = open_at(PRE, "trunc.txt", __WASI_OFLAGS_TRUNC,
              R(FD_READ) | R(FD_FILESTAT_GET), 0, 0, &fd);
  row("file trunc.txt TRUNC without FD_WRITE", e);
  if (!e) {
    __wasi_filestat_t fs;
    __wasi_fd_filestat_get(fd, &fs);
    printf("  size now: %llu\n", (unsigned long long)fs.size);
    printf("  write: %s\n", name(wr(fd, "x")));
    __wasi_fd_close(fd);
  }
  row("file trunc.txt TRUNC base=0", open_at(PRE, "trunc.txt",
                                             __WASI_OFLAGS_TRUNC, 0, 0, 0,
                                             NULL));

  e = open_at(PRE, "append.txt", 0, R(FD_WRITE) | R(FD_SEEK), 0,
              __WASI_FDFLAGS_APPEND, &fd);
  row("file append.txt APPEND", e);
  if (!e) {
    rights("  rights", fd, R(FD_WRITE) | R(FD_SEEK), 0);
    __wasi_filesize_t pos;
    __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
    printf("  write after seek 0: %s\n", name(wr(fd, " appended\n")));
    __wasi_fd_close(fd);
  }

  // Rights beyond the parent's inheriting ones are not granted, and the
  // open mode follows what is granted: a sub-directory whose inheriting
  // rights lack FD_WRITE hands out read-only descriptors.
  __wasi_fd_t sub;
  e = open_at(PRE, "sub", __WASI_OFLAGS_DIRECTORY,
              R(PATH_OPEN) | R(PATH_CREATE_FILE) | R(FD_READDIR),
              R(FD_READ) | R(FD_WRITE) | R(FD_SEEK) | R(FD_FILESTAT_GET), 0,
              &sub);
  row("sub DIRECTORY", e);
  if (!e) {
    rights("  rights", sub, R(PATH_OPEN) | R(PATH_CREATE_FILE) | R(FD_READDIR),
           R(FD_READ) | R(FD_WRITE) | R(FD_SEEK) | R(FD_FILESTAT_GET));
    printf("  set_rights (drop FD_WRITE from inheriting): %s\n",
           name(__wasi_fd_fdstat_set_rights(
               sub, R(PATH_OPEN) | R(PATH_CREATE_FILE) | R(FD_READDIR),
               R(FD_READ) | R(FD_SEEK) | R(FD_FILESTAT_GET))));
    e = open_at(sub, "f.txt", __WASI_OFLAGS_CREAT,
                R(FD_READ) | R(FD_WRITE) | R(FD_TELL) | R(FD_SEEK),
                R(FD_READ) | R(FD_WRITE), 0, &fd);
    row("  sub: create f.txt asking FD_READ|FD_WRITE|FD_TELL|FD_SEEK", e);
    if (!e) {
      rights("  f.txt", fd, R(FD_READ) | R(FD_SEEK), R(FD_READ));
      printf("  f.txt write: %s\n", name(wr(fd, "x")));
      printf("  f.txt read: %s\n", name(rd(fd, buf, sizeof buf, &got)));
      // An open file is no directory.
      row("  path_open on a file descriptor",
          open_at(fd, "x", __WASI_OFLAGS_CREAT, 0, 0, 0, NULL));
      printf("  fd_readdir on a file descriptor: %s\n",
             name(__wasi_fd_readdir(fd, (uint8_t *)buf, sizeof buf, 0, &got)));
      __wasi_fd_close(fd);
    }
    row("  sub: open asking PATH_FILESTAT_SET_SIZE via TRUNC (not held)",
        open_at(sub, "f.txt", __WASI_OFLAGS_TRUNC, 0, 0, 0, NULL));
    __wasi_fd_close(sub);
  }
  return 0;
}

// CHECK:      preopen has FD_DATASYNC: 1, FD_READ: 0, FD_WRITE: 0
// CHECK-NEXT: preopen inheriting has FD_READ|FD_WRITE: 1
// CHECK-NEXT: dir . oflags=0 base=preopen's: ok
// CHECK-NEXT:   a directory: 1, same rights: 1
// CHECK-NEXT:   readdir: ok
// CHECK-NEXT:   open ro.txt beneath: ok
// CHECK-NEXT: dir . oflags=0 base=0: ok
// CHECK-NEXT: dir . DIRECTORY base=0: ok
// CHECK-NEXT: dir . DIRECTORY base=FD_READ: ok
// CHECK-NEXT: dir . DIRECTORY base=FD_READ|FD_WRITE: EISDIR
// CHECK-NEXT: dir sub base=FD_WRITE: EISDIR
// CHECK-NEXT: dir sub base=FD_DATASYNC|FD_SYNC|FD_FILESTAT_SET_TIMES: ok
// CHECK-NEXT: dir sub DIRECTORY|CREAT: EINVAL
// CHECK-NEXT: dir sub DIRECTORY|TRUNC: EINVAL
// CHECK-NEXT: dir new DIRECTORY|CREAT|EXCL: EINVAL
// CHECK-NEXT: file ro.txt read-only (with sync rights): ok
// CHECK-NEXT:   rights: base=[[B:0x[0-9a-f]+]] (expected [[B]]) inheriting=[[I:0x[0-9a-f]+]] (expected [[I]]) flags=0
// CHECK-NEXT:   read: ok hello
// CHECK-NEXT:   write: ENOTCAPABLE
// CHECK-NEXT:   datasync: ok
// CHECK-NEXT:   set_size: ENOTCAPABLE
// CHECK-NEXT: file wo.txt CREAT write-only: ok
// CHECK-NEXT:   rights: base=[[B:0x[0-9a-f]+]] (expected [[B]]) inheriting=[[I:0x[0-9a-f]+]] (expected [[I]]) flags=0
// CHECK-NEXT:   write: ok
// CHECK-NEXT:   read: ENOTCAPABLE
// CHECK-NEXT: file rw.txt CREAT read-write: ok
// CHECK-NEXT:   rights: base=[[B:0x[0-9a-f]+]] (expected [[B]]) inheriting=[[I:0x[0-9a-f]+]] (expected [[I]]) flags=0
// CHECK-NEXT:   write: ok
// CHECK-NEXT:   read back: ok both
// CHECK-NEXT:   tell (no right): ENOTCAPABLE
// CHECK-NEXT: file trunc.txt TRUNC without FD_WRITE: ok
// CHECK-NEXT:   size now: 0
// CHECK-NEXT:   write: ENOTCAPABLE
// CHECK-NEXT: file trunc.txt TRUNC base=0: ok
// CHECK-NEXT: file append.txt APPEND: ok
// CHECK-NEXT:   rights: base=[[B:0x[0-9a-f]+]] (expected [[B]]) inheriting=[[I:0x[0-9a-f]+]] (expected [[I]]) flags=1
// CHECK-NEXT:   write after seek 0: ok
// CHECK-NEXT: sub DIRECTORY: ok
// CHECK-NEXT:   rights: base=[[B:0x[0-9a-f]+]] (expected [[B]]) inheriting=[[I:0x[0-9a-f]+]] (expected [[I]]) flags=0
// CHECK-NEXT:   set_rights (drop FD_WRITE from inheriting): ok
// CHECK-NEXT:   sub: create f.txt asking FD_READ|FD_WRITE|FD_TELL|FD_SEEK: ok
// CHECK-NEXT:   f.txt: base=0x6 (expected 0x6) inheriting=0x2 (expected 0x2) flags=0
// CHECK-NEXT:   f.txt write: ENOTCAPABLE
// CHECK-NEXT:   f.txt read: ok
// CHECK-NEXT:   path_open on a file descriptor: ENOTDIR
// CHECK-NEXT:   fd_readdir on a file descriptor: EBADF
// CHECK-NEXT:   sub: open asking PATH_FILESTAT_SET_SIZE via TRUNC (not held): ENOTCAPABLE

// WOFILE: written
// APPENDED: log: appended
// ROFILE: hello
