/*===- wasi_path.c - WASI path_* calls and fd_readdir, sandboxed ----------===*
 *
 * Every path is relative to a directory descriptor and must stay beneath
 * it: no absolute paths, no `..` above it, no symlink leading out (whether
 * planted by the host or created by the guest, dangling or looping).
 *
 * Opens resolve the whole path with openat2(RESOLVE_BENEATH), which the
 * kernel enforces atomically. Calls that act on a name (unlink, rename,
 * link, symlink, mkdir, rmdir) open the parent directory that way and then
 * act on the last component with an *at() call that does not follow it.
 * Calls that look at a node (filestat, set_times, readlink) open it as an
 * O_PATH descriptor beneath the directory, following or not as asked, and
 * work on that descriptor. An escape fails with EPERM, as in wasmtime
 * (cap-std) and the WASI test suite; ENOTCAPABLE is kept for a missing
 * right.
 *
 * openat2 needs Linux 5.6; without it (or under qemu-user, which does not
 * emulate it) open_walk() resolves the path the same way in user space.
 *
 *===----------------------------------------------------------------------===*/
#include "wasi.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h> /* renameat */
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { LOOKUP_SYMLINK_FOLLOW = 1 };
enum { OFLAG_CREAT = 1, OFLAG_DIRECTORY = 2, OFLAG_EXCL = 4, OFLAG_TRUNC = 8 };

/* Without openat2 (Linux < 5.6, qemu-user, some sandboxes): the same
 * resolution in user space, one component at a time, each opened O_PATH |
 * O_NOFOLLOW relative to the descriptor of its parent, so what is checked is
 * what is used. `..` pops a stack of those descriptors (EXDEV at the
 * bottom), a symlink's target replaces it in the rest of the path (EXDEV
 * when absolute, ELOOP after 40), and the last component is opened with
 * O_NOFOLLOW unless it is a symlink to follow. */
#define WALK_MAX_DEPTH 256
static int open_walk(int dir, const char *path, int flags, mode_t mode) {
  char rest[PATH_MAX], comp[NAME_MAX + 1], link[PATH_MAX];
  int stack[WALK_MAX_DEPTH];
  int depth = 0, links = 0, result = -1, err = 0;
  stack[0] = dir;
  if (path[0] == '/') {
    errno = EXDEV;
    return -1;
  }
  size_t n = strlen(path);
  if (n >= sizeof rest) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(rest, path, n + 1);
  for (;;) {
    /* The next component, and whether it is the last one. */
    char *p = rest;
    while (*p == '/')
      ++p;
    size_t len = strcspn(p, "/");
    char *after = p + len;
    int slash = *after == '/';
    while (*after == '/')
      ++after;
    int last = *after == 0;
    if (len == 0) { /* nothing left: the directory itself */
      result = openat(stack[depth], ".", flags | O_CLOEXEC, mode);
      err = errno;
      break;
    }
    if (len > NAME_MAX) {
      err = ENAMETOOLONG;
      break;
    }
    memcpy(comp, p, len);
    comp[len] = 0;
    memmove(rest, after, strlen(after) + 1);
    if (!strcmp(comp, "."))
      continue; /* a last "." leaves nothing: the directory itself */
    if (!strcmp(comp, "..")) {
      if (depth == 0) {
        err = EXDEV;
        break;
      }
      close(stack[depth--]);
      continue;
    }
    int follow = !last || slash || !(flags & O_NOFOLLOW);
    int fd = openat(stack[depth], comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISLNK(st.st_mode) && follow) {
      ssize_t k = readlinkat(fd, "", link, sizeof link - 1);
      close(fd);
      if (k < 0) {
        err = errno;
        break;
      }
      link[k] = 0;
      if (++links > 40) {
        err = ELOOP;
        break;
      }
      if (link[0] == '/') {
        err = EXDEV;
        break;
      }
      /* The target, then what followed the link (with its slash). */
      size_t tl = (size_t)k, rl = strlen(rest);
      if (tl + 1 + rl + 1 > sizeof rest) {
        err = ENAMETOOLONG;
        break;
      }
      memmove(rest + tl + 1, rest, rl + 1);
      memcpy(rest, link, tl);
      rest[tl] = slash || rl ? '/' : 0; /* "target/rest", or "target" */
      continue;
    }
    if (!last) {
      if (fd < 0) {
        err = errno;
        break;
      }
      if (!S_ISDIR(st.st_mode)) {
        close(fd);
        err = ENOTDIR;
        break;
      }
      if (depth + 1 >= WALK_MAX_DEPTH) {
        close(fd);
        err = ENAMETOOLONG;
        break;
      }
      stack[++depth] = fd;
      continue;
    }
    if (fd >= 0)
      close(fd);
    /* The last component: not followed if it is (or became) a symlink. */
    if (slash) {
      size_t cl = strlen(comp);
      comp[cl] = '/';
      comp[cl + 1] = 0;
    }
    result = openat(stack[depth], comp, flags | O_NOFOLLOW | O_CLOEXEC, mode);
    err = errno;
    break;
  }
  while (depth > 0)
    close(stack[depth--]);
  if (result < 0)
    errno = err;
  return result;
}

/* openat2 with RESOLVE_BENEATH: the kernel refuses (EXDEV) any resolution
 * that leaves `dir`, through `..`, an absolute path or a symlink. Where the
 * kernel has no openat2, open_walk() does the same in user space
 * (WASM2NATIVE_NO_OPENAT2=1 forces it, for testing). */
static int open_beneath(int dir, const char *path, int flags, mode_t mode) {
  static int no_openat2 = -1;
  if (no_openat2 < 0) {
    const char *e = getenv("WASM2NATIVE_NO_OPENAT2");
    no_openat2 = e && *e == '1';
  }
  if (!no_openat2) {
    struct open_how how = {
        .flags = (uint64_t)(flags | O_CLOEXEC),
        .mode = flags & O_CREAT ? mode : 0,
        .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
    };
    long r;
    do
      r = syscall(SYS_openat2, dir, path, &how, sizeof how);
    while (r < 0 && errno == EINTR);
    if (r >= 0 || errno != ENOSYS)
      return (int)r;
    no_openat2 = 1;
  }
  int r;
  do
    r = open_walk(dir, path, flags, mode);
  while (r < 0 && errno == EINTR);
  return r;
}

/* The WASI errno for a failed open_beneath(): an escape (EXDEV) is EPERM,
 * wasmtime's "a path led outside the directory". */
static int32_t beneath_errno(int e) {
  return e == EXDEV ? WASI_EPERM : rt_wasi_errno(e);
}

/* Copies the guest path [ptr, ptr + len) into buf (PATH_MAX bytes) as a C
 * string. */
static int32_t get_path(w2n_instance *ctx, int32_t ptr, int32_t len,
                        char *buf) {
  uint8_t *p = guest(ctx, (uint32_t)ptr, (uint32_t)len);
  if (!p)
    return WASI_EFAULT;
  if ((uint32_t)len >= PATH_MAX)
    return WASI_ENAMETOOLONG;
  if (memchr(p, 0, (uint32_t)len))
    return WASI_EINVAL;
  memcpy(buf, p, (uint32_t)len);
  buf[len] = 0;
  return buf[0] ? WASI_ESUCCESS : WASI_ENOENT;
}

/* The host directory of guest descriptor fd, which needs `right`. */
static int32_t dir_of(w2n_instance *ctx, int32_t fd, uint64_t right,
                      int *host) {
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, right, &err);
  if (!f)
    return err;
  *host = f->host;
  return WASI_ESUCCESS;
}

/* A name to act on: the last component of a path, in the directory `dir`
 * (opened here if `owned`). */
typedef struct at_name {
  int dir, owned;
  const char *name;
} at_name;

static void done(at_name *a) {
  if (a->owned)
    close(a->dir);
}

/* Splits `path` (relative to directory fd `fd`, which needs `right`) into
 * its parent, opened beneath, and its last component. Trailing slashes stay
 * on the name: the *at() calls used with it never follow it. A last
 * component of `.` or `..` makes the whole path the directory and `.` the
 * name. */
static int32_t split(w2n_instance *ctx, int32_t fd, uint64_t right,
                     int32_t ptr, int32_t len, char *path, at_name *out) {
  int dir = -1;
  int32_t err = get_path(ctx, ptr, len, path);
  if (!err)
    err = dir_of(ctx, fd, right, &dir);
  if (err)
    return err;
  if (path[0] == '/')
    return WASI_EPERM; /* absolute: an escape, as in open_beneath() */
  size_t end = strlen(path);
  while (path[end - 1] == '/') /* stops at path[0], not a slash */
    --end;
  size_t start = end;
  while (start > 0 && path[start - 1] != '/')
    --start;
  size_t n = end - start;
  *out = (at_name){dir, 0, path + start};
  int d;
  if (path[start] == '.' && (n == 1 || (n == 2 && path[start + 1] == '.'))) {
    out->name = ".";
    d = open_beneath(dir, path, O_PATH | O_DIRECTORY, 0);
  } else if (start == 0) {
    return WASI_ESUCCESS; /* a name in `dir` itself */
  } else {
    char saved = path[start];
    path[start] = 0; /* the parent, "a/b/" of "a/b/c" */
    d = open_beneath(dir, path, O_PATH | O_DIRECTORY, 0);
    path[start] = saved;
  }
  if (d < 0)
    return beneath_errno(errno);
  out->dir = d;
  out->owned = 1;
  return WASI_ESUCCESS;
}

/* Opens the node at `path` itself as O_PATH, beneath fd; follows a final
 * symlink only if lookup flags say so. */
static int32_t open_node(w2n_instance *ctx, int32_t fd, uint64_t right,
                         int32_t lookup, int32_t ptr, int32_t len,
                         int *out) {
  char path[PATH_MAX];
  int dir = -1;
  int32_t err = get_path(ctx, ptr, len, path);
  if (!err)
    err = dir_of(ctx, fd, right, &dir);
  if (err)
    return err;
  int flags = O_PATH;
  if (!(lookup & LOOKUP_SYMLINK_FOLLOW))
    flags |= O_NOFOLLOW;
  *out = open_beneath(dir, path, flags, 0);
  return *out < 0 ? beneath_errno(errno) : WASI_ESUCCESS;
}

static int32_t result(int r) {
  return r ? rt_wasi_errno(errno) : WASI_ESUCCESS;
}

/* ---- Opening ------------------------------------------------------------- */

/* Rights are an upper bound on what the descriptor may do, not an open
 * mode: as in wasmtime's preview-1 path_open, the host opens for reading
 * unless FD_WRITE is asked for (FD_READ as well gives O_RDWR), whatever
 * sync, size or metadata rights come with it. So a directory opens with
 * any rights but FD_WRITE (with it the kernel says EISDIR), and a right the
 * open mode cannot serve (FD_ALLOCATE on a read-only open) fails when used,
 * with the host's errno. The new descriptor holds the requested rights
 * within the parent's inheriting ones, less those that never apply to its
 * type (path rights on a file, fd_read on a directory). */
int32_t w2n_wasi_path_open(w2n_instance *ctx, int32_t fd, int32_t dirflags,
                           int32_t path, int32_t len, int32_t oflags,
                           int64_t rights_base, int64_t rights_inheriting,
                           int32_t fdflags, int32_t opened) {
  uint8_t *out = guest(ctx, (uint32_t)opened, 4);
  char p[PATH_MAX];
  int32_t err = get_path(ctx, path, len, p);
  if (!out && !err)
    err = WASI_EFAULT;
  if (err)
    return err;
  uint64_t need = R_PATH_OPEN;
  if (oflags & OFLAG_CREAT)
    need |= R_PATH_CREATE_FILE;
  if (oflags & OFLAG_TRUNC)
    need |= R_PATH_FILESTAT_SET_SIZE;
  wasi_fd *d = rt_wasi_fd(WASI(ctx), fd, need, &err);
  if (!d) {
    /* An open file as the directory: ENOTDIR, as wasmtime (stdio stays
     * ENOTCAPABLE: it never holds path rights, see R_STDIO). */
    struct stat ds;
    int32_t ignored;
    wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, 0, &ignored);
    if (f && f->kind == FD_OPEN && fstat(f->host, &ds) == 0 &&
        !S_ISDIR(ds.st_mode))
      return WASI_ENOTDIR;
    return err;
  }
  /* O_DIRECTORY with a flag that creates or changes a file is invalid
   * (wasmtime; Linux >= 6.4 says the same for O_CREAT). */
  if ((oflags & OFLAG_DIRECTORY) &&
      (oflags & (OFLAG_CREAT | OFLAG_EXCL | OFLAG_TRUNC)))
    return WASI_EINVAL;
  /* What the guest asks for, within what the directory passes on
   * (wasi-libc asks for everything its access mode allows). */
  uint64_t base = (uint64_t)rights_base & d->inheriting;
  uint64_t inheriting = (uint64_t)rights_inheriting & d->inheriting;
  int dir = d->host;

  int write = (base & R_FD_WRITE) != 0;
  int read = (base & R_FD_READ) != 0;
  int flags = write ? (read ? O_RDWR : O_WRONLY) : O_RDONLY;
  if (oflags & OFLAG_DIRECTORY)
    flags |= O_DIRECTORY;
  if (!(dirflags & LOOKUP_SYMLINK_FOLLOW))
    flags |= O_NOFOLLOW;
  if (oflags & OFLAG_CREAT)
    flags |= O_CREAT;
  if (oflags & OFLAG_EXCL)
    flags |= O_EXCL;
  /* O_TRUNC truncates even a read-only open on Linux (the kernel checks
   * write permission on the file), as wasmtime's TRUNC does. */
  if (oflags & OFLAG_TRUNC)
    flags |= O_TRUNC;
  if (fdflags & WASI_FDFLAG_APPEND)
    flags |= O_APPEND;
  if (fdflags & WASI_FDFLAG_NONBLOCK)
    flags |= O_NONBLOCK;
  if (fdflags & WASI_FDFLAG_SYNC)
    flags |= O_SYNC;
  else if (fdflags & (WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC))
    flags |= O_DSYNC;

  int h = open_beneath(dir, p, flags, 0666);
  if (h < 0)
    return beneath_errno(errno);
  struct stat st;
  if (fstat(h, &st) != 0) {
    err = rt_wasi_errno(errno);
    close(h);
    return err;
  }
  if (S_ISDIR(st.st_mode))
    base &= R_DIR;
  else if (S_ISSOCK(st.st_mode))
    base &= R_SOCKET;
  else
    base &= R_FILE;
  int32_t n = rt_wasi_fd_new(WASI(ctx), h, FD_OPEN, base, inheriting);
  if (n < 0)
    return WASI_ENOMEM;
  store32(out, (uint32_t)n);
  return WASI_ESUCCESS;
}

/* ---- Directory listing --------------------------------------------------- */

static uint8_t dirent_type(unsigned char t) {
  switch (t) {
  case DT_BLK:
    return WASI_FILETYPE_BLOCK_DEVICE;
  case DT_CHR:
    return WASI_FILETYPE_CHARACTER_DEVICE;
  case DT_DIR:
    return WASI_FILETYPE_DIRECTORY;
  case DT_REG:
    return WASI_FILETYPE_REGULAR_FILE;
  case DT_SOCK:
    return WASI_FILETYPE_SOCKET_STREAM;
  case DT_LNK:
    return WASI_FILETYPE_SYMBOLIC_LINK;
  default:
    return WASI_FILETYPE_UNKNOWN;
  }
}

/* Fills buf with dirents (d_next u64 @0, d_ino u64 @8, d_namlen u32 @16,
 * d_type u8 @20, then the name; 24-byte header) from position `cookie`
 * on. The last one is cut off when buf is full, which tells the guest to
 * call again with the cookie of the last whole entry.
 *
 * A cookie is the number of entries before the position: the kernel's
 * offsets can be 64-bit hashes (ext4), which wasi-libc's telldir() would
 * truncate to its 32-bit long. The kernel offsets after the entries of the
 * last call are kept, so continuing is an lseek; any other cookie reads
 * from the start. */
int32_t w2n_wasi_fd_readdir(w2n_instance *ctx, int32_t fd, int32_t buf,
                            int32_t len, int64_t cookie, int32_t used) {
  uint8_t *p = guest(ctx, (uint32_t)buf, (uint32_t)len);
  uint8_t *pused = guest(ctx, (uint32_t)used, 4);
  if (!p || !pused)
    return WASI_EFAULT;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, R_FD_READDIR, &err);
  if (!f) {
    /* An open file is not a directory: EBADF, as wasmtime (a file never
     * holds FD_READDIR; stdio stays ENOTCAPABLE, see R_STDIO). */
    struct stat st;
    int32_t ignored;
    wasi_fd *o = rt_wasi_fd(WASI(ctx), fd, 0, &ignored);
    if (o && o->kind == FD_OPEN && fstat(o->host, &st) == 0 &&
        !S_ISDIR(st.st_mode))
      return WASI_EBADF;
    return err;
  }
  uint64_t c = (uint64_t)cookie, pos = 0, skip = 0;
  off_t off = 0;
  if (c && c >= f->dmap_base && c - f->dmap_base < f->dmap_n) {
    off = f->dmap[c - f->dmap_base];
    pos = c;
  } else {
    skip = c;
  }
  if (lseek(f->host, off, SEEK_SET) < 0)
    return rt_wasi_errno(errno);

  uint32_t cap = (uint32_t)len, n = 0, m = 0, mcap = 0;
  int64_t *map = NULL;
  _Alignas(8) char kbuf[4096];
  while (n < cap) {
    ssize_t got = getdents64(f->host, kbuf, sizeof kbuf);
    if (got < 0) {
      free(map);
      return rt_wasi_errno(errno);
    }
    if (got == 0)
      break;
    for (ssize_t o = 0; o < got && n < cap;) {
      struct dirent64 *e = (struct dirent64 *)(kbuf + o);
      o += e->d_reclen;
      if (skip) {
        --skip, ++pos;
        continue;
      }
      uint8_t type = dirent_type(e->d_type);
      struct stat st;
      if (e->d_type == DT_UNKNOWN &&
          fstatat(f->host, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
        type = rt_wasi_filetype(st.st_mode);
      uint32_t namlen = (uint32_t)strlen(e->d_name);
      uint8_t head[24] = {0};
      store64(head, ++pos);
      store64(head + 8, (uint64_t)e->d_ino);
      store32(head + 16, namlen);
      head[20] = type;
      uint32_t k = cap - n < 24 ? cap - n : 24;
      memcpy(p + n, head, k);
      n += k;
      k = cap - n < namlen ? cap - n : namlen;
      memcpy(p + n, e->d_name, k);
      n += k;
      if (m == mcap) {
        mcap = mcap ? 2 * mcap : 64;
        int64_t *grown = realloc(map, mcap * sizeof *map);
        if (!grown) {
          free(map);
          return WASI_ENOMEM;
        }
        map = grown;
      }
      map[m++] = e->d_off;
    }
  }
  free(f->dmap);
  f->dmap = map;
  f->dmap_n = m;
  f->dmap_base = pos - m + 1;
  store32(pused, n);
  return WASI_ESUCCESS;
}

/* ---- Looking at a node --------------------------------------------------- */

int32_t w2n_wasi_path_filestat_get(w2n_instance *ctx, int32_t fd, int32_t flags,
                                   int32_t path, int32_t len, int32_t buf) {
  uint8_t *p = guest(ctx, (uint32_t)buf, 64);
  if (!p)
    return WASI_EFAULT;
  int h;
  int32_t err =
      open_node(ctx, fd, R_PATH_FILESTAT_GET, flags, path, len, &h);
  if (err)
    return err;
  struct stat st;
  err = result(fstat(h, &st));
  close(h);
  if (!err)
    rt_wasi_filestat(p, &st);
  return err;
}

int32_t w2n_wasi_path_filestat_set_times(w2n_instance *ctx, int32_t fd,
                                         int32_t flags, int32_t path,
                                         int32_t len, int64_t atim,
                                         int64_t mtim, int32_t fst_flags) {
  struct timespec ts[2];
  int h;
  int32_t err =
      open_node(ctx, fd, R_PATH_FILESTAT_SET_TIMES, flags, path, len, &h);
  if (err)
    return err;
  if (rt_wasi_times(ts, (uint64_t)atim, (uint64_t)mtim, fst_flags) != 0)
    err = WASI_EINVAL;
  else
    err = result(utimensat(h, "", ts, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
  close(h);
  return err;
}

int32_t w2n_wasi_path_readlink(w2n_instance *ctx, int32_t fd, int32_t path,
                               int32_t len, int32_t buf, int32_t buf_len,
                               int32_t used) {
  uint8_t *p = guest(ctx, (uint32_t)buf, (uint32_t)buf_len);
  uint8_t *pused = guest(ctx, (uint32_t)used, 4);
  if (!p || !pused)
    return WASI_EFAULT;
  int h;
  int32_t err = open_node(ctx, fd, R_PATH_READLINK, 0, path, len, &h);
  if (err)
    return err;
  char target[PATH_MAX];
  struct stat st;
  ssize_t n = -1;
  if (fstat(h, &st) != 0)
    err = rt_wasi_errno(errno);
  else if (!S_ISLNK(st.st_mode))
    err = WASI_EINVAL;
  else if ((n = readlinkat(h, "", target, sizeof target)) < 0)
    err = rt_wasi_errno(errno);
  close(h);
  if (err)
    return err;
  /* A short buffer gets the start of the target, as in POSIX. */
  uint32_t k = (uint64_t)n < (uint32_t)buf_len ? (uint32_t)n : (uint32_t)buf_len;
  memcpy(p, target, k);
  store32(pused, k);
  return WASI_ESUCCESS;
}

/* ---- Acting on a name ---------------------------------------------------- */

int32_t w2n_wasi_path_create_directory(w2n_instance *ctx, int32_t fd,
                                       int32_t path, int32_t len) {
  char p[PATH_MAX];
  at_name a;
  int32_t err = split(ctx, fd, R_PATH_CREATE_DIRECTORY, path, len, p, &a);
  if (err)
    return err;
  err = result(mkdirat(a.dir, a.name, 0777));
  done(&a);
  return err;
}

int32_t w2n_wasi_path_remove_directory(w2n_instance *ctx, int32_t fd,
                                       int32_t path, int32_t len) {
  char p[PATH_MAX];
  at_name a;
  int32_t err = split(ctx, fd, R_PATH_REMOVE_DIRECTORY, path, len, p, &a);
  if (err)
    return err;
  err = result(unlinkat(a.dir, a.name, AT_REMOVEDIR));
  done(&a);
  return err;
}

int32_t w2n_wasi_path_unlink_file(w2n_instance *ctx, int32_t fd, int32_t path,
                                  int32_t len) {
  char p[PATH_MAX];
  at_name a;
  int32_t err = split(ctx, fd, R_PATH_UNLINK_FILE, path, len, p, &a);
  if (err)
    return err;
  err = result(unlinkat(a.dir, a.name, 0));
  done(&a);
  return err;
}

int32_t w2n_wasi_path_symlink(w2n_instance *ctx, int32_t old_path,
                              int32_t old_len, int32_t fd, int32_t new_path,
                              int32_t new_len) {
  /* The target is only text and following it later stays beneath, but an
   * absolute target could never be followed: EPERM, as wasmtime (cap-std
   * refuses to create one). A relative target may name anything. */
  char target[PATH_MAX], p[PATH_MAX];
  at_name a;
  int32_t err = get_path(ctx, old_path, old_len, target);
  if (!err && target[0] == '/')
    err = WASI_EPERM;
  if (!err)
    err = split(ctx, fd, R_PATH_SYMLINK, new_path, new_len, p, &a);
  if (err)
    return err;
  /* "file/" naming an existing file: ENOTDIR, as wasmtime (Linux says
   * EEXIST). */
  struct stat st;
  size_t n = strlen(a.name);
  if (n > 1 && a.name[n - 1] == '/' &&
      fstatat(a.dir, a.name, &st, AT_SYMLINK_NOFOLLOW) != 0 &&
      errno == ENOTDIR)
    err = WASI_ENOTDIR;
  else
    err = result(symlinkat(target, a.dir, a.name));
  done(&a);
  return err;
}

int32_t w2n_wasi_path_rename(w2n_instance *ctx, int32_t fd, int32_t old_path,
                             int32_t old_len, int32_t new_fd, int32_t new_path,
                             int32_t new_len) {
  char po[PATH_MAX], pn[PATH_MAX];
  at_name o, n;
  int32_t err =
      split(ctx, fd, R_PATH_RENAME_SOURCE, old_path, old_len, po, &o);
  if (err)
    return err;
  err = split(ctx, new_fd, R_PATH_RENAME_TARGET, new_path, new_len, pn, &n);
  if (!err) {
    err = result(renameat(o.dir, o.name, n.dir, n.name));
    done(&n);
  }
  done(&o);
  return err;
}

int32_t w2n_wasi_path_link(w2n_instance *ctx, int32_t old_fd, int32_t old_flags,
                           int32_t old_path, int32_t old_len, int32_t new_fd,
                           int32_t new_path, int32_t new_len) {
  char pn[PATH_MAX];
  at_name n;
  int32_t err =
      split(ctx, new_fd, R_PATH_LINK_TARGET, new_path, new_len, pn, &n);
  if (err)
    return err;
  /* The source is opened as a node (followed beneath if asked) and linked
   * through its /proc/self/fd entry: linkat would follow a final symlink
   * without any containment. */
  int h;
  err = open_node(ctx, old_fd, R_PATH_LINK_SOURCE, old_flags, old_path,
                  old_len, &h);
  if (!err) {
    char proc[32] = "/proc/self/fd/";
    rt_buf b = {proc, sizeof proc, strlen(proc)};
    rt_buf_u64(&b, (uint64_t)h);
    err = result(linkat(AT_FDCWD, proc, n.dir, n.name, AT_SYMLINK_FOLLOW));
    close(h);
  }
  done(&n);
  return err;
}
