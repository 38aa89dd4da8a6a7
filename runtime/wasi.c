/*===- wasi.c - WASI preview 1: descriptors, fd_* calls, args, clocks -----===*
 *
 * Host functions w2n_wasi_<name>(ctx, ...) for the imports listed in
 * WASIFunctions.def. ctx is the importing instance: its memory 0 holds the
 * guest's buffers and ctx->host its w2n_wasi.
 *
 * Guest descriptors index a table of host descriptors with their WASI
 * rights: 0-2 are the host's stdio (never closed on the host, so that trap
 * messages still reach stderr), then the preopened directories and sockets
 * granted at start-up (wasi_opts.c), then what the guest opens. Path calls
 * are in wasi_path.c, poll_oneoff and sockets in wasi_poll.c.
 *
 * Every guest pointer and length is checked against the memory's size
 * before use; a bad one gives EFAULT, never a host access out of bounds.
 *
 *===----------------------------------------------------------------------===*/
#include "wasi.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* Linux errno -> WASI errno (the numbering differs). */
static const uint8_t errno_map[] = {
    [E2BIG] = 1,         [EACCES] = 2,
    [EADDRINUSE] = 3,    [EADDRNOTAVAIL] = 4,
    [EAFNOSUPPORT] = 5,  [EAGAIN] = 6,
    [EALREADY] = 7,      [EBADF] = 8,
    [EBADMSG] = 9,       [EBUSY] = 10,
    [ECANCELED] = 11,    [ECHILD] = 12,
    [ECONNABORTED] = 13, [ECONNREFUSED] = 14,
    [ECONNRESET] = 15,   [EDEADLK] = 16,
    [EDESTADDRREQ] = 17, [EDOM] = 18,
    [EDQUOT] = 19,       [EEXIST] = 20,
    [EFAULT] = 21,       [EFBIG] = 22,
    [EHOSTUNREACH] = 23, [EIDRM] = 24,
    [EILSEQ] = 25,       [EINPROGRESS] = 26,
    [EINTR] = 27,        [EINVAL] = 28,
    [EIO] = 29,          [EISCONN] = 30,
    [EISDIR] = 31,       [ELOOP] = 32,
    [EMFILE] = 33,       [EMLINK] = 34,
    [EMSGSIZE] = 35,     [EMULTIHOP] = 36,
    [ENAMETOOLONG] = 37, [ENETDOWN] = 38,
    [ENETRESET] = 39,    [ENETUNREACH] = 40,
    [ENFILE] = 41,       [ENOBUFS] = 42,
    [ENODEV] = 43,       [ENOENT] = 44,
    [ENOEXEC] = 45,      [ENOLCK] = 46,
    [ENOLINK] = 47,      [ENOMEM] = 48,
    [ENOMSG] = 49,       [ENOPROTOOPT] = 50,
    [ENOSPC] = 51,       [ENOSYS] = 52,
    [ENOTCONN] = 53,     [ENOTDIR] = 54,
    [ENOTEMPTY] = 55,    [ENOTRECOVERABLE] = 56,
    [ENOTSOCK] = 57,     [ENOTSUP] = 58,
    [ENOTTY] = 59,       [ENXIO] = 60,
    [EOVERFLOW] = 61,    [EOWNERDEAD] = 62,
    [EPERM] = 63,        [EPIPE] = 64,
    [EPROTO] = 65,       [EPROTONOSUPPORT] = 66,
    [EPROTOTYPE] = 67,   [ERANGE] = 68,
    [EROFS] = 69,        [ESPIPE] = 70,
    [ESRCH] = 71,        [ESTALE] = 72,
    [ETIMEDOUT] = 73,    [ETXTBSY] = 74,
    [EXDEV] = 75,
};

int32_t rt_wasi_errno(int e) {
  if (e > 0 && (size_t)e < sizeof errno_map && errno_map[e])
    return errno_map[e];
  return e ? WASI_EIO : WASI_ESUCCESS;
}

/* ---- Descriptors --------------------------------------------------------- */

/* One w2n_wasi's descriptors: stdio needs no allocation, so the table
 * starts as the three entries kept here. */
struct rt_wasi_fds {
  wasi_fd *fds;
  uint32_t num_fds;
  wasi_fd stdio_fds[3];
};

static struct rt_wasi_fds *table_of(w2n_wasi *w) {
  if (!w)
    return NULL;
  if (!w->fds) {
    struct rt_wasi_fds *t = calloc(1, sizeof *t);
    if (!t)
      return NULL;
    for (int i = 0; i < 3; ++i)
      t->stdio_fds[i] = (wasi_fd){i, FD_STDIO, R_STDIO, 0, NULL, NULL, 0, 0};
    t->fds = t->stdio_fds;
    t->num_fds = 3;
    w->fds = t;
  }
  return w->fds;
}

wasi_fd *rt_wasi_fd(w2n_wasi *w, int32_t fd, uint64_t need, int32_t *err) {
  struct rt_wasi_fds *t = table_of(w);
  if (!t || fd < 0 || (uint32_t)fd >= t->num_fds ||
      t->fds[fd].kind == FD_FREE) {
    *err = WASI_EBADF;
    return NULL;
  }
  if ((t->fds[fd].base & need) != need) {
    *err = WASI_ENOTCAPABLE;
    return NULL;
  }
  return &t->fds[fd];
}

int32_t rt_wasi_fd_new(w2n_wasi *w, int host, uint8_t kind, uint64_t base,
                       uint64_t inheriting) {
  struct rt_wasi_fds *t = table_of(w);
  if (!t) {
    close(host);
    return -1;
  }
  uint32_t i = 0;
  while (i < t->num_fds && t->fds[i].kind != FD_FREE)
    ++i;
  if (i == t->num_fds) {
    if (t->num_fds >= (1u << 20)) {
      close(host);
      return -1;
    }
    uint32_t cap = t->num_fds * 2;
    wasi_fd *grown = malloc(cap * sizeof *grown);
    if (!grown) {
      close(host);
      return -1;
    }
    memcpy(grown, t->fds, t->num_fds * sizeof *grown);
    for (uint32_t j = t->num_fds; j < cap; ++j)
      grown[j].kind = FD_FREE;
    if (t->fds != t->stdio_fds)
      free(t->fds);
    t->fds = grown;
    t->num_fds = cap;
  }
  t->fds[i] = (wasi_fd){host, kind, base, inheriting, NULL, NULL, 0, 0};
  return (int32_t)i;
}

/* Frees a slot; the host descriptor is closed unless it is the host's
 * stdio. */
static void release(wasi_fd *f) {
  if (f->kind != FD_STDIO)
    close(f->host);
  free(f->name);
  free(f->dmap);
  f->kind = FD_FREE;
  f->name = NULL;
  f->dmap = NULL;
}

void w2n_wasi_close(w2n_wasi *w) {
  struct rt_wasi_fds *t = w ? w->fds : NULL;
  if (!t)
    return;
  for (uint32_t i = 0; i < t->num_fds; ++i)
    if (t->fds[i].kind != FD_FREE)
      release(&t->fds[i]);
  if (t->fds != t->stdio_fds)
    free(t->fds);
  free(t);
  w->fds = NULL;
}

int rt_wasi_iovecs(w2n_instance *ctx, uint32_t iovs, uint32_t n,
                   struct iovec *out, uint32_t max) {
  uint8_t *iv = guest(ctx, iovs, (uint64_t)n * 8);
  if (!iv)
    return -WASI_EFAULT;
  for (uint32_t i = 0; i < n; ++i)
    if (!guest(ctx, load32(iv + 8 * i), load32(iv + 8 * i + 4)))
      return -WASI_EFAULT;
  if (n > max)
    n = max; /* a short transfer; the guest continues with the rest */
  for (uint32_t i = 0; i < n; ++i) {
    out[i].iov_base = ctx->memory->base + load32(iv + 8 * i);
    out[i].iov_len = load32(iv + 8 * i + 4);
  }
  return (int)n;
}

/* ---- Arguments and environment ------------------------------------------- */

static const w2n_wasi *wasi_of(w2n_instance *ctx) { return ctx->host; }

static int32_t list_sizes(w2n_instance *ctx, char **list, int count,
                          uint32_t count_ptr, uint32_t size_ptr) {
  uint8_t *pc = guest(ctx, count_ptr, 4), *ps = guest(ctx, size_ptr, 4);
  if (!pc || !ps)
    return WASI_EFAULT;
  uint64_t size = 0;
  for (int i = 0; i < count; ++i)
    size += strlen(list[i]) + 1;
  if (size > UINT32_MAX)
    return WASI_EOVERFLOW;
  store32(pc, (uint32_t)count);
  store32(ps, (uint32_t)size);
  return WASI_ESUCCESS;
}

/* Writes the pointer array at ptrs and the NUL-terminated strings at buf. */
static int32_t list_get(w2n_instance *ctx, char **list, int count,
                        uint32_t ptrs, uint32_t buf) {
  uint64_t size = 0;
  for (int i = 0; i < count; ++i)
    size += strlen(list[i]) + 1;
  uint8_t *pp = guest(ctx, ptrs, (uint64_t)count * 4);
  uint8_t *pb = guest(ctx, buf, size);
  if (!pp || !pb)
    return WASI_EFAULT;
  uint32_t off = 0;
  for (int i = 0; i < count; ++i) {
    size_t n = strlen(list[i]) + 1;
    store32(pp + 4 * (size_t)i, buf + off);
    memcpy(pb + off, list[i], n);
    off += (uint32_t)n;
  }
  return WASI_ESUCCESS;
}

static int env_count(char **envp) {
  int n = 0;
  while (envp && envp[n])
    ++n;
  return n;
}

int32_t w2n_wasi_args_sizes_get(w2n_instance *ctx, int32_t argc_ptr,
                                int32_t size_ptr) {
  const w2n_wasi *w = wasi_of(ctx);
  return list_sizes(ctx, w ? w->argv : NULL, w ? w->argc : 0,
                    (uint32_t)argc_ptr, (uint32_t)size_ptr);
}

int32_t w2n_wasi_args_get(w2n_instance *ctx, int32_t argv, int32_t buf) {
  const w2n_wasi *w = wasi_of(ctx);
  return list_get(ctx, w ? w->argv : NULL, w ? w->argc : 0, (uint32_t)argv,
                  (uint32_t)buf);
}

int32_t w2n_wasi_environ_sizes_get(w2n_instance *ctx, int32_t count_ptr,
                                   int32_t size_ptr) {
  const w2n_wasi *w = wasi_of(ctx);
  char **env = w ? w->envp : NULL;
  return list_sizes(ctx, env, env_count(env), (uint32_t)count_ptr,
                    (uint32_t)size_ptr);
}

int32_t w2n_wasi_environ_get(w2n_instance *ctx, int32_t environ, int32_t buf) {
  const w2n_wasi *w = wasi_of(ctx);
  char **env = w ? w->envp : NULL;
  return list_get(ctx, env, env_count(env), (uint32_t)environ, (uint32_t)buf);
}

/* ---- Reading and writing ------------------------------------------------- */

#define IOV_BATCH 64

/* fd_read and fd_write: checks every iovec, then transfers in batches until
 * done or a short transfer, and stores the byte count. */
static int32_t transfer(w2n_instance *ctx, int32_t fd, uint32_t iovs,
                        uint32_t iovs_len, uint32_t nptr, int writing) {
  uint8_t *iv = guest(ctx, iovs, (uint64_t)iovs_len * 8);
  uint8_t *out = guest(ctx, nptr, 4);
  if (!iv || !out)
    return WASI_EFAULT;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, writing ? R_FD_WRITE : R_FD_READ, &err);
  if (!f)
    return err;
  for (uint32_t i = 0; i < iovs_len; ++i)
    if (!guest(ctx, load32(iv + 8 * i), load32(iv + 8 * i + 4)))
      return WASI_EFAULT;

  uint64_t total = 0;
  for (uint32_t i = 0; i < iovs_len;) {
    struct iovec v[IOV_BATCH];
    uint64_t want = 0;
    int n = 0;
    for (; n < IOV_BATCH && i < iovs_len; ++n, ++i) {
      uint32_t len = load32(iv + 8 * i + 4);
      v[n].iov_base = ctx->memory->base + load32(iv + 8 * i);
      v[n].iov_len = len;
      want += len;
    }
    ssize_t got;
    do
      got = writing ? writev(f->host, v, n) : readv(f->host, v, n);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
      if (total)
        break; /* Report what was done; the error comes next call. */
      return rt_wasi_errno(errno);
    }
    total += (uint64_t)got;
    if ((uint64_t)got < want)
      break;
  }
  store32(out, (uint32_t)total);
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_write(w2n_instance *ctx, int32_t fd, int32_t iovs,
                          int32_t iovs_len, int32_t nwritten) {
  return transfer(ctx, fd, (uint32_t)iovs, (uint32_t)iovs_len,
                  (uint32_t)nwritten, 1);
}

int32_t w2n_wasi_fd_read(w2n_instance *ctx, int32_t fd, int32_t iovs,
                         int32_t iovs_len, int32_t nread) {
  return transfer(ctx, fd, (uint32_t)iovs, (uint32_t)iovs_len, (uint32_t)nread,
                  0);
}

/* fd_pread and fd_pwrite: one positioned transfer of up to IOV_BATCH
 * iovecs (a short count is allowed). */
static int32_t ptransfer(w2n_instance *ctx, int32_t fd, uint32_t iovs,
                         uint32_t iovs_len, int64_t offset, uint32_t nptr,
                         int writing) {
  uint8_t *out = guest(ctx, nptr, 4);
  struct iovec v[IOV_BATCH];
  int n = rt_wasi_iovecs(ctx, iovs, iovs_len, v, IOV_BATCH);
  if (!out || n < 0)
    return WASI_EFAULT;
  int32_t err;
  wasi_fd *f =
      rt_wasi_fd(WASI(ctx), fd, (writing ? R_FD_WRITE : R_FD_READ) | R_FD_SEEK, &err);
  if (!f)
    return err;
  if (offset < 0)
    return WASI_EINVAL;
  ssize_t got;
  do
    got = writing ? pwritev(f->host, v, n, offset)
                  : preadv(f->host, v, n, offset);
  while (got < 0 && errno == EINTR);
  if (got < 0)
    return rt_wasi_errno(errno);
  store32(out, (uint32_t)got);
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_pread(w2n_instance *ctx, int32_t fd, int32_t iovs,
                          int32_t iovs_len, int64_t offset, int32_t nread) {
  return ptransfer(ctx, fd, (uint32_t)iovs, (uint32_t)iovs_len, offset,
                   (uint32_t)nread, 0);
}

int32_t w2n_wasi_fd_pwrite(w2n_instance *ctx, int32_t fd, int32_t iovs,
                           int32_t iovs_len, int64_t offset, int32_t nwritten) {
  return ptransfer(ctx, fd, (uint32_t)iovs, (uint32_t)iovs_len, offset,
                   (uint32_t)nwritten, 1);
}

int32_t w2n_wasi_fd_seek(w2n_instance *ctx, int32_t fd, int64_t offset,
                         int32_t whence, int32_t newoffset) {
  uint8_t *out = guest(ctx, (uint32_t)newoffset, 8);
  if (!out)
    return WASI_EFAULT;
  /* A query of the position needs only the right to tell. */
  uint64_t need = offset == 0 && whence == SEEK_CUR ? R_FD_TELL : R_FD_SEEK;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, need, &err);
  if (!f)
    return err;
  /* WASI's SET, CUR, END are 0, 1, 2 like Linux's. */
  if (whence < 0 || whence > 2)
    return WASI_EINVAL;
  off_t r = lseek(f->host, (off_t)offset, whence);
  if (r < 0)
    return rt_wasi_errno(errno);
  store64(out, (uint64_t)r);
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_tell(w2n_instance *ctx, int32_t fd, int32_t offset) {
  return w2n_wasi_fd_seek(ctx, fd, 0, SEEK_CUR, offset);
}

int32_t w2n_wasi_fd_close(w2n_instance *ctx, int32_t fd) {
  (void)ctx;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, 0, &err);
  if (!f)
    return err;
  release(f);
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_renumber(w2n_instance *ctx, int32_t fd, int32_t to) {
  (void)ctx;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, 0, &err), *t = rt_wasi_fd(WASI(ctx), to, 0, &err);
  if (!f || !t)
    return WASI_EBADF;
  if (f == t)
    return WASI_ESUCCESS;
  release(t);
  *t = *f;
  f->kind = FD_FREE;
  f->name = NULL;
  f->dmap = NULL;
  return WASI_ESUCCESS;
}

static int32_t sync_fd(w2n_instance *ctx, int32_t fd, uint64_t right,
                       int data) {
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, right, &err);
  if (!f)
    return err;
  return (data ? fdatasync(f->host) : fsync(f->host)) ? rt_wasi_errno(errno)
                                                      : WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_sync(w2n_instance *ctx, int32_t fd) {
  (void)ctx;
  return sync_fd(ctx, fd, R_FD_SYNC, 0);
}

int32_t w2n_wasi_fd_datasync(w2n_instance *ctx, int32_t fd) {
  (void)ctx;
  return sync_fd(ctx, fd, R_FD_DATASYNC, 1);
}

int32_t w2n_wasi_fd_advise(w2n_instance *ctx, int32_t fd, int64_t offset,
                           int64_t len, int32_t advice) {
  (void)ctx;
  /* WASI: normal, sequential, random, willneed, dontneed, noreuse. */
  static const int to_linux[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL,
                                 POSIX_FADV_RANDOM,   POSIX_FADV_WILLNEED,
                                 POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, R_FD_ADVISE, &err);
  if (!f)
    return err;
  if (advice < 0 || advice > 5 || offset < 0 || len < 0)
    return WASI_EINVAL;
  return rt_wasi_errno(posix_fadvise(f->host, offset, len, to_linux[advice]));
}

int32_t w2n_wasi_fd_allocate(w2n_instance *ctx, int32_t fd, int64_t offset,
                             int64_t len) {
  (void)ctx;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, R_FD_ALLOCATE, &err);
  if (!f)
    return err;
  if (offset < 0 || len <= 0)
    return WASI_EINVAL;
  return rt_wasi_errno(posix_fallocate(f->host, offset, len));
}

/* ---- Descriptor metadata ------------------------------------------------- */

uint8_t rt_wasi_filetype(unsigned mode) {
  switch (mode & S_IFMT) {
  case S_IFBLK:
    return WASI_FILETYPE_BLOCK_DEVICE;
  case S_IFCHR:
    return WASI_FILETYPE_CHARACTER_DEVICE;
  case S_IFDIR:
    return WASI_FILETYPE_DIRECTORY;
  case S_IFREG:
    return WASI_FILETYPE_REGULAR_FILE;
  case S_IFSOCK:
    return WASI_FILETYPE_SOCKET_STREAM;
  case S_IFLNK:
    return WASI_FILETYPE_SYMBOLIC_LINK;
  default:
    return WASI_FILETYPE_UNKNOWN; /* pipes included, as in WASI */
  }
}

/* fdstat: filetype u8 @0, flags u16 @2, rights_base u64 @8,
 * rights_inheriting u64 @16; 24 bytes. */
int32_t w2n_wasi_fd_fdstat_get(w2n_instance *ctx, int32_t fd, int32_t buf) {
  uint8_t *p = guest(ctx, (uint32_t)buf, 24);
  if (!p)
    return WASI_EFAULT;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, 0, &err);
  if (!f)
    return err;
  struct stat st;
  int fl = fcntl(f->host, F_GETFL);
  if (fstat(f->host, &st) != 0 || fl < 0)
    return rt_wasi_errno(errno);
  uint16_t flags = 0;
  if (fl & O_APPEND)
    flags |= WASI_FDFLAG_APPEND;
  if (fl & O_NONBLOCK)
    flags |= WASI_FDFLAG_NONBLOCK;
  if ((fl & O_SYNC) == O_SYNC)
    flags |= WASI_FDFLAG_SYNC;
  else if (fl & O_DSYNC)
    flags |= WASI_FDFLAG_DSYNC;
  uint64_t base = f->base, inheriting = f->inheriting;
  /* Terminals lack seek and tell: that is how wasi-libc's isatty() knows
   * one. */
  if (f->kind == FD_STDIO && S_ISCHR(st.st_mode))
    base &= ~(R_FD_SEEK | R_FD_TELL);
  memset(p, 0, 24);
  p[0] = rt_wasi_filetype(st.st_mode);
  store16(p + 2, flags);
  store64(p + 8, base);
  store64(p + 16, inheriting);
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_fdstat_set_flags(w2n_instance *ctx, int32_t fd,
                                     int32_t flags) {
  (void)ctx;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, R_FD_FDSTAT_SET_FLAGS, &err);
  if (!f)
    return err;
  /* Linux cannot change the sync flags of an open file. */
  if (flags & ~(WASI_FDFLAG_APPEND | WASI_FDFLAG_NONBLOCK))
    return WASI_ENOTSUP;
  int fl = fcntl(f->host, F_GETFL);
  if (fl < 0)
    return rt_wasi_errno(errno);
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (flags & WASI_FDFLAG_APPEND)
    fl |= O_APPEND;
  if (flags & WASI_FDFLAG_NONBLOCK)
    fl |= O_NONBLOCK;
  return fcntl(f->host, F_SETFL, fl) ? rt_wasi_errno(errno) : WASI_ESUCCESS;
}

/* Rights can only be dropped. */
int32_t w2n_wasi_fd_fdstat_set_rights(w2n_instance *ctx, int32_t fd,
                                      int64_t base, int64_t inheriting) {
  (void)ctx;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, 0, &err);
  if (!f)
    return err;
  if (((uint64_t)base & ~f->base) || ((uint64_t)inheriting & ~f->inheriting))
    return WASI_ENOTCAPABLE;
  f->base = (uint64_t)base;
  f->inheriting = (uint64_t)inheriting;
  return WASI_ESUCCESS;
}

static uint64_t ns(struct timespec t) {
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* filestat: dev @0, ino @8, filetype u8 @16, nlink @24, size @32,
 * atim @40, mtim @48, ctim @56; 64 bytes. */
void rt_wasi_filestat(uint8_t *p, const void *stp) {
  const struct stat *st = stp;
  memset(p, 0, 64);
  store64(p, (uint64_t)st->st_dev);
  store64(p + 8, (uint64_t)st->st_ino);
  p[16] = rt_wasi_filetype(st->st_mode);
  store64(p + 24, (uint64_t)st->st_nlink);
  store64(p + 32, (uint64_t)st->st_size);
  store64(p + 40, ns(st->st_atim));
  store64(p + 48, ns(st->st_mtim));
  store64(p + 56, ns(st->st_ctim));
}

int32_t w2n_wasi_fd_filestat_get(w2n_instance *ctx, int32_t fd, int32_t buf) {
  uint8_t *p = guest(ctx, (uint32_t)buf, 64);
  if (!p)
    return WASI_EFAULT;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, R_FD_FILESTAT_GET, &err);
  if (!f)
    return err;
  struct stat st;
  if (fstat(f->host, &st) != 0)
    return rt_wasi_errno(errno);
  rt_wasi_filestat(p, &st);
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_filestat_set_size(w2n_instance *ctx, int32_t fd,
                                      int64_t size) {
  (void)ctx;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, R_FD_FILESTAT_SET_SIZE, &err);
  if (!f)
    return err;
  if (size < 0)
    return WASI_EINVAL;
  return ftruncate(f->host, (off_t)size) ? rt_wasi_errno(errno)
                                         : WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_filestat_set_times(w2n_instance *ctx, int32_t fd,
                                       int64_t atim, int64_t mtim,
                                       int32_t flags) {
  (void)ctx;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, R_FD_FILESTAT_SET_TIMES, &err);
  if (!f)
    return err;
  struct timespec ts[2];
  if (rt_wasi_times(ts, (uint64_t)atim, (uint64_t)mtim, flags) != 0)
    return WASI_EINVAL;
  return futimens(f->host, ts) ? rt_wasi_errno(errno) : WASI_ESUCCESS;
}

/* fstflags: ATIM 1, ATIM_NOW 2, MTIM 4, MTIM_NOW 8; a time and its _NOW
 * together are invalid. */
int rt_wasi_times(struct timespec *ts, uint64_t atim, uint64_t mtim,
                  int32_t flags) {
  if ((flags & 3) == 3 || (flags & 12) == 12 || (flags & ~15))
    return -1;
  uint64_t t[2] = {atim, mtim};
  for (int i = 0; i < 2; ++i) {
    int f = flags >> (2 * i);
    if (f & 1)
      ts[i] = (struct timespec){(time_t)(t[i] / 1000000000u),
                                (long)(t[i] % 1000000000u)};
    else
      ts[i] = (struct timespec){0, f & 2 ? UTIME_NOW : UTIME_OMIT};
  }
  return 0;
}

/* ---- Preopens ------------------------------------------------------------- */

/* prestat: tag u8 @0 (0 = directory), name length u32 @4. Anything else
 * (sockets included) answers EBADF, where wasi-libc stops scanning. */
int32_t w2n_wasi_fd_prestat_get(w2n_instance *ctx, int32_t fd, int32_t buf) {
  uint8_t *p = guest(ctx, (uint32_t)buf, 8);
  if (!p)
    return WASI_EFAULT;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, 0, &err);
  if (!f || f->kind != FD_PREOPEN)
    return WASI_EBADF;
  memset(p, 0, 8);
  store32(p + 4, (uint32_t)strlen(f->name));
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_prestat_dir_name(w2n_instance *ctx, int32_t fd,
                                     int32_t path, int32_t len) {
  uint8_t *p = guest(ctx, (uint32_t)path, (uint32_t)len);
  if (!p)
    return WASI_EFAULT;
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, 0, &err);
  if (!f || f->kind != FD_PREOPEN)
    return WASI_EBADF;
  size_t n = strlen(f->name);
  if ((uint32_t)len < n)
    return WASI_ENAMETOOLONG;
  memcpy(p, f->name, n);
  return WASI_ESUCCESS;
}

/* ---- Clocks, randomness, process ----------------------------------------- */

static int clock_of(int32_t id, clockid_t *out) {
  static const clockid_t ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC,
                                  CLOCK_PROCESS_CPUTIME_ID,
                                  CLOCK_THREAD_CPUTIME_ID};
  if (id < 0 || id > 3)
    return -1;
  *out = ids[id];
  return 0;
}

int32_t w2n_wasi_clock_time_get(w2n_instance *ctx, int32_t id,
                                int64_t precision, int32_t time) {
  (void)precision;
  uint8_t *p = guest(ctx, (uint32_t)time, 8);
  clockid_t c;
  struct timespec t;
  if (!p)
    return WASI_EFAULT;
  if (clock_of(id, &c) != 0)
    return WASI_EINVAL;
  if (clock_gettime(c, &t) != 0)
    return rt_wasi_errno(errno);
  store64(p, ns(t));
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_clock_res_get(w2n_instance *ctx, int32_t id,
                               int32_t resolution) {
  uint8_t *p = guest(ctx, (uint32_t)resolution, 8);
  clockid_t c;
  struct timespec t;
  if (!p)
    return WASI_EFAULT;
  if (clock_of(id, &c) != 0)
    return WASI_EINVAL;
  if (clock_getres(c, &t) != 0)
    return rt_wasi_errno(errno);
  store64(p, ns(t));
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_random_get(w2n_instance *ctx, int32_t buf, int32_t len) {
  uint8_t *p = guest(ctx, (uint32_t)buf, (uint32_t)len);
  if (!p)
    return WASI_EFAULT;
  for (uint32_t done = 0; done < (uint32_t)len;) {
    ssize_t n = getrandom(p + done, (uint32_t)len - done, 0);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return rt_wasi_errno(errno);
    }
    done += (uint32_t)n;
  }
  return WASI_ESUCCESS;
}

/* Output is unbuffered (fd_write is write(2)), so there is nothing to
 * flush: a program ends at once. Inside an embedder's call only that call
 * ends (W2N_TRAP_PROC_EXIT, the status in the w2n_wasi); the host goes on. */
void w2n_wasi_proc_exit(w2n_instance *ctx, int32_t code) {
  if (rt_in_guarded_call()) {
    if (WASI(ctx))
      WASI(ctx)->exit_status = code;
    rt_trap_at(W2N_TRAP_PROC_EXIT, 0);
  }
  _exit(code);
}

/* WASI numbers the signals like x86-64 Linux up to SIGTERM, then skips
 * SIGSTKFLT. The default action of the signal applies (the runtime's trap
 * handlers would take a raised SIGSEGV for a wasm trap). */
int32_t w2n_wasi_proc_raise(w2n_instance *ctx, int32_t sig) {
  (void)ctx;
  if (sig < 0 || sig > 30)
    return WASI_EINVAL;
  if (sig == 0)
    return WASI_ESUCCESS;
  int host = sig <= 15 ? sig : sig + 1;
  if (host == SIGSEGV || host == SIGBUS || host == SIGFPE || host == SIGILL)
    signal(host, SIG_DFL);
  return raise(host) ? rt_wasi_errno(errno) : WASI_ESUCCESS;
}

int32_t w2n_wasi_sched_yield(w2n_instance *ctx) {
  (void)ctx;
  sched_yield();
  return WASI_ESUCCESS;
}

/* ---- The import table ---------------------------------------------------- */

typedef struct wasi_entry {
  const char *name;
  void *fn;
  const char *params, *results; /* letters, see WASIFunctions.def */
} wasi_entry;

static const wasi_entry table[] = {
#define WASI_FUNCTION(name, params, results)                                   \
  {#name, (void *)w2n_wasi_##name, params, results},
#include "wasm2native/Runtime/WASIFunctions.def"
};
#define NUM_WASI (sizeof table / sizeof table[0])

/* Funcrefs handed to instantiation; the type id is filled on first use. */
static w2n_funcref refs[NUM_WASI];

/* Letters to W2N_TYPE_* bytes; 0 for an unknown letter. */
static void to_type_bytes(const char *letters, char *out) {
  for (; *letters; ++letters)
    *out++ = (char)(*letters == 'i'   ? W2N_TYPE_I32
                    : *letters == 'I' ? W2N_TYPE_I64
                    : *letters == 'f' ? W2N_TYPE_F32
                    : *letters == 'F' ? W2N_TYPE_F64
                                      : 0);
  *out = 0;
}

int w2n_wasi_resolve(void *data, const w2n_module *m, const w2n_import *imp,
                     w2n_extern *out) {
  (void)data, (void)m;
  if (imp->kind != W2N_EXTERN_FUNC ||
      imp->module_len != sizeof("wasi_snapshot_preview1") - 1 ||
      memcmp(imp->module, "wasi_snapshot_preview1", imp->module_len) != 0)
    return -1;
  for (size_t i = 0; i < NUM_WASI; ++i) {
    if (strlen(table[i].name) != imp->name_len ||
        memcmp(table[i].name, imp->name, imp->name_len) != 0)
      continue;
    if (!__atomic_load_n(&refs[i].type_id, __ATOMIC_ACQUIRE)) {
      char params[16], results[4];
      to_type_bytes(table[i].params, params);
      to_type_bytes(table[i].results, results);
      refs[i].fn = table[i].fn;
      refs[i].instance = NULL; /* bound to each importer */
      __atomic_store_n(&refs[i].type_id, w2n_type_id(params, results),
                       __ATOMIC_RELEASE);
    }
    out->kind = W2N_EXTERN_FUNC;
    out->u.func = &refs[i];
    return 0;
  }
  return -1;
}
