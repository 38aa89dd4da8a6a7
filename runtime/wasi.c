/*===- wasi.c - A WASI preview 1 subset: stdio, args, env, clocks ---------===*
 *
 * Host functions w2n_wasi_<name>(ctx, ...) for the imports listed in
 * WASIFunctions.def. ctx is the importing instance: its memory 0 holds the
 * guest's buffers and ctx->host its w2n_wasi. No file system is granted
 * yet: fds 0-2 are the only descriptors and there are no preopens.
 *
 * Every guest pointer and length is checked against the memory's size
 * before use; a bad one gives EFAULT, never a host access out of bounds.
 *
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* WASI errno values used directly here. */
enum {
  WASI_ESUCCESS = 0,
  WASI_EBADF = 8,
  WASI_EFAULT = 21,
  WASI_EINVAL = 28,
  WASI_EIO = 29,
  WASI_ENOSYS = 52,
  WASI_ENOTSOCK = 57,
  WASI_ENOTSUP = 58,
  WASI_EOVERFLOW = 61,
  WASI_ENOTCAPABLE = 76,
};

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

static int32_t wasi_errno(int e) {
  if (e > 0 && (size_t)e < sizeof errno_map && errno_map[e])
    return errno_map[e];
  return e ? WASI_EIO : WASI_ESUCCESS;
}

/* ---- Guest memory -------------------------------------------------------- */

/* The host address of guest bytes [ptr, ptr + len), or NULL if any of them
 * is outside memory 0. */
static uint8_t *guest(w2n_instance *ctx, uint32_t ptr, uint64_t len) {
  w2n_memory *m = ctx->memory;
  if (!m || (uint64_t)ptr + len > m->size)
    return NULL;
  return m->base + ptr;
}

/* Little-endian, unaligned-safe accesses to checked guest bytes. */
static uint32_t load32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static void store16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static void store32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void store64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

/* ---- Descriptors --------------------------------------------------------- */

/* fds 0-2, minus those the guest closed (the host ones stay open so that
 * trap messages still reach stderr). */
static unsigned closed_stdio;

static int valid_fd(int32_t fd) {
  return fd >= 0 && fd <= 2 && !(closed_stdio & (1u << fd));
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
  if (!valid_fd(fd))
    return WASI_EBADF;
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
      got = writing ? writev(fd, v, n) : readv(fd, v, n);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
      if (total)
        break; /* Report what was done; the error comes next call. */
      return wasi_errno(errno);
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

int32_t w2n_wasi_fd_seek(w2n_instance *ctx, int32_t fd, int64_t offset,
                         int32_t whence, int32_t newoffset) {
  uint8_t *out = guest(ctx, (uint32_t)newoffset, 8);
  if (!out)
    return WASI_EFAULT;
  if (!valid_fd(fd))
    return WASI_EBADF;
  /* WASI's SET, CUR, END are 0, 1, 2 like Linux's. */
  if (whence < 0 || whence > 2)
    return WASI_EINVAL;
  off_t r = lseek(fd, (off_t)offset, whence);
  if (r < 0)
    return wasi_errno(errno);
  store64(out, (uint64_t)r);
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_tell(w2n_instance *ctx, int32_t fd, int32_t offset) {
  return w2n_wasi_fd_seek(ctx, fd, 0, SEEK_CUR, offset);
}

int32_t w2n_wasi_fd_close(w2n_instance *ctx, int32_t fd) {
  (void)ctx;
  if (!valid_fd(fd))
    return WASI_EBADF;
  closed_stdio |= 1u << fd;
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_sync(w2n_instance *ctx, int32_t fd) {
  (void)ctx;
  if (!valid_fd(fd))
    return WASI_EBADF;
  return fsync(fd) ? wasi_errno(errno) : WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_datasync(w2n_instance *ctx, int32_t fd) {
  (void)ctx;
  if (!valid_fd(fd))
    return WASI_EBADF;
  return fdatasync(fd) ? wasi_errno(errno) : WASI_ESUCCESS;
}

/* ---- Descriptor metadata ------------------------------------------------- */

enum {
  WASI_FILETYPE_UNKNOWN = 0,
  WASI_FILETYPE_BLOCK_DEVICE = 1,
  WASI_FILETYPE_CHARACTER_DEVICE = 2,
  WASI_FILETYPE_DIRECTORY = 3,
  WASI_FILETYPE_REGULAR_FILE = 4,
  WASI_FILETYPE_SOCKET_STREAM = 6,
  WASI_FILETYPE_SYMBOLIC_LINK = 7,
};

enum {
  WASI_FDFLAG_APPEND = 1,
  WASI_FDFLAG_DSYNC = 2,
  WASI_FDFLAG_NONBLOCK = 4,
  WASI_FDFLAG_RSYNC = 8,
  WASI_FDFLAG_SYNC = 16,
};

/* Rights: all 30 defined bits; character devices lack seek and tell, which
 * is how wasi-libc's isatty() recognises a terminal. */
#define WASI_RIGHTS_ALL 0x3fffffffull
#define WASI_RIGHT_FD_SEEK (1ull << 2)
#define WASI_RIGHT_FD_TELL (1ull << 5)

static uint8_t filetype(mode_t mode) {
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
  if (!valid_fd(fd))
    return WASI_EBADF;
  struct stat st;
  int fl = fcntl(fd, F_GETFL);
  if (fstat(fd, &st) != 0 || fl < 0)
    return wasi_errno(errno);
  uint16_t flags = 0;
  if (fl & O_APPEND)
    flags |= WASI_FDFLAG_APPEND;
  if (fl & O_NONBLOCK)
    flags |= WASI_FDFLAG_NONBLOCK;
  if ((fl & O_SYNC) == O_SYNC)
    flags |= WASI_FDFLAG_SYNC;
  else if (fl & O_DSYNC)
    flags |= WASI_FDFLAG_DSYNC;
  uint64_t rights = WASI_RIGHTS_ALL;
  if (S_ISCHR(st.st_mode))
    rights &= ~(WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL);
  memset(p, 0, 24);
  p[0] = filetype(st.st_mode);
  store16(p + 2, flags);
  store64(p + 8, rights);
  store64(p + 16, rights);
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_fdstat_set_flags(w2n_instance *ctx, int32_t fd,
                                     int32_t flags) {
  (void)ctx;
  if (!valid_fd(fd))
    return WASI_EBADF;
  if (flags & ~(WASI_FDFLAG_APPEND | WASI_FDFLAG_NONBLOCK))
    return WASI_ENOTSUP;
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0)
    return wasi_errno(errno);
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (flags & WASI_FDFLAG_APPEND)
    fl |= O_APPEND;
  if (flags & WASI_FDFLAG_NONBLOCK)
    fl |= O_NONBLOCK;
  return fcntl(fd, F_SETFL, fl) ? wasi_errno(errno) : WASI_ESUCCESS;
}

static uint64_t ns(struct timespec t) {
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* filestat: dev @0, ino @8, filetype u8 @16, nlink @24, size @32,
 * atim @40, mtim @48, ctim @56; 64 bytes. */
int32_t w2n_wasi_fd_filestat_get(w2n_instance *ctx, int32_t fd, int32_t buf) {
  uint8_t *p = guest(ctx, (uint32_t)buf, 64);
  if (!p)
    return WASI_EFAULT;
  if (!valid_fd(fd))
    return WASI_EBADF;
  struct stat st;
  if (fstat(fd, &st) != 0)
    return wasi_errno(errno);
  memset(p, 0, 64);
  store64(p, (uint64_t)st.st_dev);
  store64(p + 8, (uint64_t)st.st_ino);
  p[16] = filetype(st.st_mode);
  store64(p + 24, (uint64_t)st.st_nlink);
  store64(p + 32, (uint64_t)st.st_size);
  store64(p + 40, ns(st.st_atim));
  store64(p + 48, ns(st.st_mtim));
  store64(p + 56, ns(st.st_ctim));
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_fd_filestat_set_size(w2n_instance *ctx, int32_t fd,
                                      int64_t size) {
  (void)ctx;
  if (!valid_fd(fd))
    return WASI_EBADF;
  return ftruncate(fd, (off_t)size) ? wasi_errno(errno) : WASI_ESUCCESS;
}

/* No preopened directories: wasi-libc stops scanning at the first EBADF. */
int32_t w2n_wasi_fd_prestat_get(w2n_instance *ctx, int32_t fd, int32_t buf) {
  (void)ctx, (void)fd, (void)buf;
  return WASI_EBADF;
}

int32_t w2n_wasi_fd_prestat_dir_name(w2n_instance *ctx, int32_t fd,
                                     int32_t path, int32_t len) {
  (void)ctx, (void)fd, (void)path, (void)len;
  return WASI_EBADF;
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
    return wasi_errno(errno);
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
    return wasi_errno(errno);
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
      return wasi_errno(errno);
    }
    done += (uint32_t)n;
  }
  return WASI_ESUCCESS;
}

/* Output is unbuffered (fd_write is write(2)), so there is nothing to
 * flush: end the process at once. */
void w2n_wasi_proc_exit(w2n_instance *ctx, int32_t code) {
  (void)ctx;
  _exit(code);
}

int32_t w2n_wasi_proc_raise(w2n_instance *ctx, int32_t sig) {
  (void)ctx, (void)sig;
  return WASI_ENOSYS;
}

int32_t w2n_wasi_sched_yield(w2n_instance *ctx) {
  (void)ctx;
  sched_yield();
  return WASI_ESUCCESS;
}

/* ---- Not provided yet ---------------------------------------------------- */

/* Operations on descriptors that cannot exist yet. */
static int32_t no_fd_op(int32_t fd, int32_t otherwise) {
  return valid_fd(fd) ? otherwise : WASI_EBADF;
}

int32_t w2n_wasi_fd_advise(w2n_instance *ctx, int32_t fd, int64_t offset,
                           int64_t len, int32_t advice) {
  (void)ctx, (void)offset, (void)len, (void)advice;
  return no_fd_op(fd, WASI_ESUCCESS); /* Only a hint. */
}

int32_t w2n_wasi_fd_allocate(w2n_instance *ctx, int32_t fd, int64_t offset,
                             int64_t len) {
  (void)ctx, (void)offset, (void)len;
  return no_fd_op(fd, WASI_ENOSYS);
}

int32_t w2n_wasi_fd_fdstat_set_rights(w2n_instance *ctx, int32_t fd,
                                      int64_t base, int64_t inheriting) {
  (void)ctx, (void)base, (void)inheriting;
  return no_fd_op(fd, WASI_ENOTCAPABLE);
}

int32_t w2n_wasi_fd_filestat_set_times(w2n_instance *ctx, int32_t fd,
                                       int64_t atim, int64_t mtim,
                                       int32_t flags) {
  (void)ctx, (void)atim, (void)mtim, (void)flags;
  return no_fd_op(fd, WASI_ENOSYS);
}

int32_t w2n_wasi_fd_pread(w2n_instance *ctx, int32_t fd, int32_t iovs,
                          int32_t iovs_len, int64_t offset, int32_t nread) {
  (void)ctx, (void)iovs, (void)iovs_len, (void)offset, (void)nread;
  return no_fd_op(fd, WASI_ENOSYS);
}

int32_t w2n_wasi_fd_pwrite(w2n_instance *ctx, int32_t fd, int32_t iovs,
                           int32_t iovs_len, int64_t offset, int32_t nwritten) {
  (void)ctx, (void)iovs, (void)iovs_len, (void)offset, (void)nwritten;
  return no_fd_op(fd, WASI_ENOSYS);
}

int32_t w2n_wasi_fd_readdir(w2n_instance *ctx, int32_t fd, int32_t buf,
                            int32_t len, int64_t cookie, int32_t used) {
  (void)ctx, (void)buf, (void)len, (void)cookie, (void)used;
  return no_fd_op(fd, WASI_ENOSYS);
}

int32_t w2n_wasi_fd_renumber(w2n_instance *ctx, int32_t fd, int32_t to) {
  (void)ctx;
  return valid_fd(fd) && valid_fd(to) ? WASI_ENOSYS : WASI_EBADF;
}

/* Path operations need a directory descriptor, and none is granted. */
int32_t w2n_wasi_path_create_directory(w2n_instance *ctx, int32_t fd,
                                       int32_t path, int32_t len) {
  (void)ctx, (void)path, (void)len;
  return no_fd_op(fd, WASI_ENOTCAPABLE);
}

int32_t w2n_wasi_path_filestat_get(w2n_instance *ctx, int32_t fd, int32_t flags,
                                   int32_t path, int32_t len, int32_t buf) {
  (void)ctx, (void)flags, (void)path, (void)len, (void)buf;
  return no_fd_op(fd, WASI_ENOTCAPABLE);
}

int32_t w2n_wasi_path_filestat_set_times(w2n_instance *ctx, int32_t fd,
                                         int32_t flags, int32_t path,
                                         int32_t len, int64_t atim,
                                         int64_t mtim, int32_t fst_flags) {
  (void)ctx, (void)flags, (void)path, (void)len, (void)atim, (void)mtim,
      (void)fst_flags;
  return no_fd_op(fd, WASI_ENOTCAPABLE);
}

int32_t w2n_wasi_path_link(w2n_instance *ctx, int32_t old_fd, int32_t old_flags,
                           int32_t old_path, int32_t old_len, int32_t new_fd,
                           int32_t new_path, int32_t new_len) {
  (void)ctx, (void)old_flags, (void)old_path, (void)old_len, (void)new_fd,
      (void)new_path, (void)new_len;
  return no_fd_op(old_fd, WASI_ENOTCAPABLE);
}

int32_t w2n_wasi_path_open(w2n_instance *ctx, int32_t fd, int32_t dirflags,
                           int32_t path, int32_t len, int32_t oflags,
                           int64_t rights_base, int64_t rights_inheriting,
                           int32_t fdflags, int32_t opened) {
  (void)ctx, (void)dirflags, (void)path, (void)len, (void)oflags,
      (void)rights_base, (void)rights_inheriting, (void)fdflags, (void)opened;
  return no_fd_op(fd, WASI_ENOTCAPABLE);
}

int32_t w2n_wasi_path_readlink(w2n_instance *ctx, int32_t fd, int32_t path,
                               int32_t len, int32_t buf, int32_t buf_len,
                               int32_t used) {
  (void)ctx, (void)path, (void)len, (void)buf, (void)buf_len, (void)used;
  return no_fd_op(fd, WASI_ENOTCAPABLE);
}

int32_t w2n_wasi_path_remove_directory(w2n_instance *ctx, int32_t fd,
                                       int32_t path, int32_t len) {
  (void)ctx, (void)path, (void)len;
  return no_fd_op(fd, WASI_ENOTCAPABLE);
}

int32_t w2n_wasi_path_rename(w2n_instance *ctx, int32_t fd, int32_t old_path,
                             int32_t old_len, int32_t new_fd, int32_t new_path,
                             int32_t new_len) {
  (void)ctx, (void)old_path, (void)old_len, (void)new_fd, (void)new_path,
      (void)new_len;
  return no_fd_op(fd, WASI_ENOTCAPABLE);
}

int32_t w2n_wasi_path_symlink(w2n_instance *ctx, int32_t old_path,
                              int32_t old_len, int32_t fd, int32_t new_path,
                              int32_t new_len) {
  (void)ctx, (void)old_path, (void)old_len, (void)new_path, (void)new_len;
  return no_fd_op(fd, WASI_ENOTCAPABLE);
}

int32_t w2n_wasi_path_unlink_file(w2n_instance *ctx, int32_t fd, int32_t path,
                                  int32_t len) {
  (void)ctx, (void)path, (void)len;
  return no_fd_op(fd, WASI_ENOTCAPABLE);
}

int32_t w2n_wasi_poll_oneoff(w2n_instance *ctx, int32_t in, int32_t out,
                             int32_t n, int32_t nevents) {
  (void)ctx, (void)in, (void)out, (void)n, (void)nevents;
  return WASI_ENOSYS;
}

int32_t w2n_wasi_sock_accept(w2n_instance *ctx, int32_t fd, int32_t flags,
                             int32_t out) {
  (void)ctx, (void)flags, (void)out;
  return no_fd_op(fd, WASI_ENOTSOCK);
}

int32_t w2n_wasi_sock_recv(w2n_instance *ctx, int32_t fd, int32_t iovs,
                           int32_t iovs_len, int32_t flags, int32_t nread,
                           int32_t oflags) {
  (void)ctx, (void)iovs, (void)iovs_len, (void)flags, (void)nread, (void)oflags;
  return no_fd_op(fd, WASI_ENOTSOCK);
}

int32_t w2n_wasi_sock_send(w2n_instance *ctx, int32_t fd, int32_t iovs,
                           int32_t iovs_len, int32_t flags, int32_t nwritten) {
  (void)ctx, (void)iovs, (void)iovs_len, (void)flags, (void)nwritten;
  return no_fd_op(fd, WASI_ENOTSOCK);
}

int32_t w2n_wasi_sock_shutdown(w2n_instance *ctx, int32_t fd, int32_t how) {
  (void)ctx, (void)how;
  return no_fd_op(fd, WASI_ENOTSOCK);
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
