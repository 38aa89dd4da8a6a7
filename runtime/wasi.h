/*===- wasi.h - Shared pieces of the runtime's WASI files -----------------===*
 *
 * wasi.c has the descriptor table, guest-memory checks and the fd_* calls;
 * wasi_path.c the sandboxed path_* calls and fd_readdir; wasi_poll.c
 * poll_oneoff and sockets; wasi_opts.c the grants (preopens, environment).
 *
 *===----------------------------------------------------------------------===*/
#ifndef WASM2NATIVE_RT_WASI_H
#define WASM2NATIVE_RT_WASI_H

#include "internal.h"

#include <string.h>
#include <sys/uio.h>
#include <time.h>

#pragma GCC visibility push(hidden)

/* WASI errno values used by name. */
enum {
  WASI_ESUCCESS = 0,
  WASI_E2BIG = 1,
  WASI_EBADF = 8,
  WASI_EEXIST = 20,
  WASI_EFAULT = 21,
  WASI_EILSEQ = 25,
  WASI_EINVAL = 28,
  WASI_EIO = 29,
  WASI_EISDIR = 31,
  WASI_ENAMETOOLONG = 37,
  WASI_ENOENT = 44,
  WASI_ENOMEM = 48,
  WASI_ENOSYS = 52,
  WASI_ENOTDIR = 54,
  WASI_ENOTSOCK = 57,
  WASI_ENOTSUP = 58,
  WASI_EOVERFLOW = 61,
  WASI_EPERM = 63,
  WASI_ENOTCAPABLE = 76,
};

/* Rights (wasi_snapshot_preview1 `rights`). */
#define R_FD_DATASYNC (1ull << 0)
#define R_FD_READ (1ull << 1)
#define R_FD_SEEK (1ull << 2)
#define R_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define R_FD_SYNC (1ull << 4)
#define R_FD_TELL (1ull << 5)
#define R_FD_WRITE (1ull << 6)
#define R_FD_ADVISE (1ull << 7)
#define R_FD_ALLOCATE (1ull << 8)
#define R_PATH_CREATE_DIRECTORY (1ull << 9)
#define R_PATH_CREATE_FILE (1ull << 10)
#define R_PATH_LINK_SOURCE (1ull << 11)
#define R_PATH_LINK_TARGET (1ull << 12)
#define R_PATH_OPEN (1ull << 13)
#define R_FD_READDIR (1ull << 14)
#define R_PATH_READLINK (1ull << 15)
#define R_PATH_RENAME_SOURCE (1ull << 16)
#define R_PATH_RENAME_TARGET (1ull << 17)
#define R_PATH_FILESTAT_GET (1ull << 18)
#define R_PATH_FILESTAT_SET_SIZE (1ull << 19)
#define R_PATH_FILESTAT_SET_TIMES (1ull << 20)
#define R_FD_FILESTAT_GET (1ull << 21)
#define R_FD_FILESTAT_SET_SIZE (1ull << 22)
#define R_FD_FILESTAT_SET_TIMES (1ull << 23)
#define R_PATH_SYMLINK (1ull << 24)
#define R_PATH_REMOVE_DIRECTORY (1ull << 25)
#define R_PATH_UNLINK_FILE (1ull << 26)
#define R_POLL_FD_READWRITE (1ull << 27)
#define R_SOCK_SHUTDOWN (1ull << 28)
#define R_SOCK_ACCEPT (1ull << 29)
#define R_ALL 0x3fffffffull

/* What a regular file, a directory and a socket can ever be granted. */
#define R_FILE                                                                 \
  (R_FD_DATASYNC | R_FD_READ | R_FD_SEEK | R_FD_FDSTAT_SET_FLAGS |            \
   R_FD_SYNC | R_FD_TELL | R_FD_WRITE | R_FD_ADVISE | R_FD_ALLOCATE |         \
   R_FD_FILESTAT_GET | R_FD_FILESTAT_SET_SIZE | R_FD_FILESTAT_SET_TIMES |     \
   R_POLL_FD_READWRITE)
#define R_DIR                                                                  \
  (R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_DATASYNC |                        \
   R_PATH_CREATE_DIRECTORY | R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE |        \
   R_PATH_LINK_TARGET | R_PATH_OPEN | R_FD_READDIR | R_PATH_READLINK |        \
   R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET | R_PATH_FILESTAT_GET |        \
   R_PATH_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_TIMES | R_FD_FILESTAT_GET | \
   R_FD_FILESTAT_SET_TIMES | R_PATH_SYMLINK | R_PATH_REMOVE_DIRECTORY |       \
   R_PATH_UNLINK_FILE | R_POLL_FD_READWRITE)
/* Descriptors 0-2 are streams whatever the host gave: never a directory
 * (`./prog < /etc` must not open paths beneath it). */
#define R_STDIO                                                                \
  (R_FD_READ | R_FD_WRITE | R_FD_SEEK | R_FD_TELL | R_FD_FDSTAT_SET_FLAGS |   \
   R_FD_SYNC | R_FD_DATASYNC | R_FD_FILESTAT_GET | R_POLL_FD_READWRITE |      \
   R_SOCK_SHUTDOWN | R_SOCK_ACCEPT)
#define R_SOCKET                                                               \
  (R_FD_READ | R_FD_WRITE | R_FD_FDSTAT_SET_FLAGS | R_FD_FILESTAT_GET |       \
   R_POLL_FD_READWRITE | R_SOCK_SHUTDOWN | R_SOCK_ACCEPT)

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

/* One guest descriptor. */
enum { FD_FREE, FD_STDIO, FD_OPEN, FD_PREOPEN };
typedef struct wasi_fd {
  int host;   /* host descriptor */
  uint8_t kind;
  uint64_t base, inheriting; /* rights */
  char *name; /* FD_PREOPEN: the guest path */
  /* fd_readdir: the kernel offsets after the entries of the last call,
   * for cookies dmap_base + i (see wasi_path.c). */
  int64_t *dmap;
  uint32_t dmap_n;
  uint64_t dmap_base;
} wasi_fd;

/* The WASI context of an instance: its descriptor table, argv, environ. */
#define WASI(ctx) ((w2n_wasi *)(ctx)->host)

/* The entry of guest descriptor `fd` in w's table if it holds every right
 * in `need`; else NULL and *err is EBADF or ENOTCAPABLE. */
wasi_fd *rt_wasi_fd(w2n_wasi *w, int32_t fd, uint64_t need, int32_t *err);
/* A new guest descriptor in w's table for host descriptor `host` (owned),
 * or -1 when the table cannot grow (host is then closed). */
int32_t rt_wasi_fd_new(w2n_wasi *w, int host, uint8_t kind, uint64_t base,
                       uint64_t inheriting);

int32_t rt_wasi_errno(int e);
uint8_t rt_wasi_filetype(unsigned mode);
void rt_wasi_filestat(uint8_t *p, const void *st); /* st: struct stat */

/* The host address of guest bytes [ptr, ptr + len), or NULL if any of them
 * is outside memory 0. */
static inline uint8_t *guest(w2n_instance *ctx, uint32_t ptr, uint64_t len) {
  w2n_memory *m = ctx->memory;
  if (!m || (uint64_t)ptr + len > m->size)
    return NULL;
  return m->base + ptr;
}

/* Little-endian, unaligned-safe accesses to checked guest bytes. */
static inline uint16_t load16(const uint8_t *p) {
  uint16_t v;
  memcpy(&v, p, 2);
  return v;
}
static inline uint32_t load32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static inline uint64_t load64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}
static inline void store16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static inline void store32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void store64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

/* Checks the guest's iovec array and fills host iovecs (at most `max`);
 * returns the count or a negative WASI errno. */
int rt_wasi_iovecs(w2n_instance *ctx, uint32_t iovs, uint32_t n,
                   struct iovec *out, uint32_t max);

/* Fills utimensat() times from WASI times and fstflags; -1 if invalid. */
int rt_wasi_times(struct timespec *ts, uint64_t atim, uint64_t mtim,
                  int32_t flags);

#pragma GCC visibility pop

/* Defined in wasi_path.c and wasi_poll.c, listed in wasi.c's table. */
int32_t w2n_wasi_path_open(w2n_instance *ctx, int32_t fd, int32_t dirflags, int32_t path, int32_t len, int32_t oflags, int64_t rights_base, int64_t rights_inheriting, int32_t fdflags, int32_t opened);
int32_t w2n_wasi_fd_readdir(w2n_instance *ctx, int32_t fd, int32_t buf, int32_t len, int64_t cookie, int32_t used);
int32_t w2n_wasi_path_filestat_get(w2n_instance *ctx, int32_t fd, int32_t flags, int32_t path, int32_t len, int32_t buf);
int32_t w2n_wasi_path_filestat_set_times(w2n_instance *ctx, int32_t fd, int32_t flags, int32_t path, int32_t len, int64_t atim, int64_t mtim, int32_t fst_flags);
int32_t w2n_wasi_path_readlink(w2n_instance *ctx, int32_t fd, int32_t path, int32_t len, int32_t buf, int32_t buf_len, int32_t used);
int32_t w2n_wasi_path_create_directory(w2n_instance *ctx, int32_t fd, int32_t path, int32_t len);
int32_t w2n_wasi_path_remove_directory(w2n_instance *ctx, int32_t fd, int32_t path, int32_t len);
int32_t w2n_wasi_path_unlink_file(w2n_instance *ctx, int32_t fd, int32_t path, int32_t len);
int32_t w2n_wasi_path_symlink(w2n_instance *ctx, int32_t old_path, int32_t old_len, int32_t fd, int32_t new_path, int32_t new_len);
int32_t w2n_wasi_path_rename(w2n_instance *ctx, int32_t fd, int32_t old_path, int32_t old_len, int32_t new_fd, int32_t new_path, int32_t new_len);
int32_t w2n_wasi_path_link(w2n_instance *ctx, int32_t old_fd, int32_t old_flags, int32_t old_path, int32_t old_len, int32_t new_fd, int32_t new_path, int32_t new_len);
int32_t w2n_wasi_poll_oneoff(w2n_instance *ctx, int32_t in, int32_t out, int32_t nsubs, int32_t nevents);
int32_t w2n_wasi_sock_accept(w2n_instance *ctx, int32_t fd, int32_t flags, int32_t out);
int32_t w2n_wasi_sock_recv(w2n_instance *ctx, int32_t fd, int32_t iovs, int32_t iovs_len, int32_t flags, int32_t nread, int32_t oflags);
int32_t w2n_wasi_sock_send(w2n_instance *ctx, int32_t fd, int32_t iovs, int32_t iovs_len, int32_t flags, int32_t nwritten);
int32_t w2n_wasi_sock_shutdown(w2n_instance *ctx, int32_t fd, int32_t how);

#endif
