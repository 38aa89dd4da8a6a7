/*===- wasi_poll.c - WASI poll_oneoff and sock_* calls --------------------===*
 *
 * poll_oneoff waits with ppoll(2): descriptor subscriptions become pollfds
 * and the earliest clock subscription the timeout. Sockets are those
 * granted with --tcplisten and what sock_accept returns from them.
 *
 *===----------------------------------------------------------------------===*/
#include "wasi.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EV_CLOCK = 0, EV_FD_READ = 1, EV_FD_WRITE = 2 };
enum { SUBCLOCK_ABSTIME = 1 };
enum { EVENT_FD_READWRITE_HANGUP = 1 };

static const clockid_t clock_ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC,
                                      CLOCK_PROCESS_CPUTIME_ID,
                                      CLOCK_THREAD_CPUTIME_ID};

static uint64_t now_ns(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* An event (userdata u64 @0, error u16 @8, type u8 @10, nbytes u64 @16,
 * flags u16 @24; 32 bytes) for subscription `sub` (48 bytes). */
static void event(uint8_t *ev, const uint8_t *sub, uint16_t error,
                  uint64_t nbytes, uint16_t flags) {
  memset(ev, 0, 32);
  memcpy(ev, sub, 8);
  store16(ev + 8, error);
  ev[10] = sub[8];
  store64(ev + 16, nbytes);
  store16(ev + 24, flags);
}

/* Bytes ready to read on host descriptor h (0 when unknown). */
static uint64_t readable(int h) {
  struct stat st;
  int n;
  if (fstat(h, &st) == 0 && S_ISREG(st.st_mode)) {
    off_t pos = lseek(h, 0, SEEK_CUR);
    return pos >= 0 && st.st_size > pos ? (uint64_t)(st.st_size - pos) : 0;
  }
  return ioctl(h, FIONREAD, &n) == 0 && n > 0 ? (uint64_t)n : 0;
}

/* Subscriptions: userdata u64 @0, tag u8 @8, then at @16 either a clock
 * (id u32 @16, timeout u64 @24, precision u64 @32, flags u16 @40) or a
 * descriptor (fd u32 @16). */
int32_t w2n_wasi_poll_oneoff(w2n_instance *ctx, int32_t in, int32_t out,
                             int32_t nsubs, int32_t nevents) {
  uint32_t n = (uint32_t)nsubs;
  uint8_t *subs = guest(ctx, (uint32_t)in, (uint64_t)n * 48);
  uint8_t *evs = guest(ctx, (uint32_t)out, (uint64_t)n * 32);
  uint8_t *pcount = guest(ctx, (uint32_t)nevents, 4);
  if (!subs || !evs || !pcount)
    return WASI_EFAULT;
  if (n == 0)
    return WASI_EINVAL;

  struct pollfd *pfds = malloc(n * sizeof *pfds);
  uint32_t *which = malloc(n * sizeof *which);
  if (!pfds || !which) {
    free(pfds);
    free(which);
    return WASI_ENOMEM;
  }
  /* Deadlines on the monotonic clock; UINT64_MAX when none. */
  uint64_t start = now_ns(CLOCK_MONOTONIC), deadline = UINT64_MAX;
  uint32_t count = 0, npfds = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const uint8_t *s = subs + 48 * i;
    if (s[8] == EV_CLOCK) {
      uint32_t id = load32(s + 16);
      uint64_t t = load64(s + 24), rel = t;
      if (id > 3) {
        event(evs + 32 * count++, s, WASI_EINVAL, 0, 0);
        continue;
      }
      if (load16(s + 40) & SUBCLOCK_ABSTIME) {
        uint64_t now = now_ns(clock_ids[id]);
        rel = t > now ? t - now : 0;
      }
      if (rel < deadline - start)
        deadline = start + rel;
    } else if (s[8] == EV_FD_READ || s[8] == EV_FD_WRITE) {
      int32_t err;
      wasi_fd *f = rt_wasi_fd(WASI(ctx), (int32_t)load32(s + 16),
                              s[8] == EV_FD_READ ? R_FD_READ : R_FD_WRITE,
                              &err);
      if (!f) {
        event(evs + 32 * count++, s, (uint16_t)err, 0, 0);
        continue;
      }
      pfds[npfds] = (struct pollfd){f->host,
                                    s[8] == EV_FD_READ ? POLLIN : POLLOUT, 0};
      which[npfds++] = i;
    } else {
      event(evs + 32 * count++, s, WASI_EINVAL, 0, 0);
    }
  }

  /* Already-failed subscriptions make the call return at once. */
  for (;;) {
    struct timespec ts, *tp = NULL;
    if (count) {
      ts = (struct timespec){0, 0};
      tp = &ts;
    } else if (deadline != UINT64_MAX) {
      uint64_t now = now_ns(CLOCK_MONOTONIC);
      uint64_t left = deadline > now ? deadline - now : 0;
      ts = (struct timespec){(time_t)(left / 1000000000u),
                             (long)(left % 1000000000u)};
      tp = &ts;
    }
    int r = ppoll(pfds, npfds, tp, NULL);
    if (r < 0 && errno != EINTR) {
      int32_t err = rt_wasi_errno(errno);
      free(pfds);
      free(which);
      return err;
    }
    for (uint32_t k = 0; r > 0 && k < npfds; ++k) {
      short re = pfds[k].revents;
      if (!re)
        continue;
      const uint8_t *s = subs + 48 * which[k];
      uint16_t flags = re & POLLHUP ? EVENT_FD_READWRITE_HANGUP : 0;
      uint16_t error = re & POLLNVAL ? WASI_EBADF : 0;
      uint64_t nbytes = s[8] == EV_FD_READ ? readable(pfds[k].fd) : 0;
      event(evs + 32 * count++, s, error, nbytes, flags);
    }
    if (count)
      break;
    if (deadline != UINT64_MAX && now_ns(CLOCK_MONOTONIC) >= deadline) {
      /* Every clock whose time has come. */
      uint64_t now = now_ns(CLOCK_MONOTONIC);
      for (uint32_t i = 0; i < n; ++i) {
        const uint8_t *s = subs + 48 * i;
        if (s[8] != EV_CLOCK)
          continue;
        uint32_t id = load32(s + 16);
        uint64_t t = load64(s + 24);
        int due = load16(s + 40) & SUBCLOCK_ABSTIME
                      ? now_ns(clock_ids[id]) >= t
                      : now - start >= t;
        if (due)
          event(evs + 32 * count++, s, 0, 0, 0);
      }
      if (count)
        break;
    }
  }
  free(pfds);
  free(which);
  store32(pcount, count);
  return WASI_ESUCCESS;
}

/* ---- Sockets ------------------------------------------------------------- */

/* The host socket behind guest fd, which needs `right`. */
static int32_t sock_of(w2n_instance *ctx, int32_t fd, uint64_t right,
                       int *host) {
  int32_t err;
  wasi_fd *f = rt_wasi_fd(WASI(ctx), fd, right, &err);
  if (!f)
    return err;
  struct stat st;
  if (fstat(f->host, &st) != 0 || !S_ISSOCK(st.st_mode))
    return WASI_ENOTSOCK;
  *host = f->host;
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_sock_accept(w2n_instance *ctx, int32_t fd, int32_t flags,
                             int32_t out) {
  uint8_t *p = guest(ctx, (uint32_t)out, 4);
  if (!p)
    return WASI_EFAULT;
  if (flags & ~WASI_FDFLAG_NONBLOCK)
    return WASI_EINVAL;
  int h;
  int32_t err = sock_of(ctx, fd, R_SOCK_ACCEPT, &h);
  if (err)
    return err;
  int c;
  do
    c = accept4(h, NULL, NULL,
                SOCK_CLOEXEC |
                    (flags & WASI_FDFLAG_NONBLOCK ? SOCK_NONBLOCK : 0));
  while (c < 0 && errno == EINTR);
  if (c < 0)
    return rt_wasi_errno(errno);
  int32_t n = rt_wasi_fd_new(WASI(ctx), c, FD_OPEN, R_SOCKET & ~R_SOCK_ACCEPT, 0);
  if (n < 0)
    return WASI_ENOMEM;
  store32(p, (uint32_t)n);
  return WASI_ESUCCESS;
}

enum { RIFLAGS_PEEK = 1, RIFLAGS_WAITALL = 2, ROFLAGS_TRUNCATED = 1 };

int32_t w2n_wasi_sock_recv(w2n_instance *ctx, int32_t fd, int32_t iovs,
                           int32_t iovs_len, int32_t flags, int32_t nread,
                           int32_t oflags) {
  uint8_t *pn = guest(ctx, (uint32_t)nread, 4);
  uint8_t *pf = guest(ctx, (uint32_t)oflags, 2);
  struct iovec v[64];
  int k = rt_wasi_iovecs(ctx, (uint32_t)iovs, (uint32_t)iovs_len, v, 64);
  if (!pn || !pf || k < 0)
    return WASI_EFAULT;
  if (flags & ~(RIFLAGS_PEEK | RIFLAGS_WAITALL))
    return WASI_EINVAL;
  int h;
  int32_t err = sock_of(ctx, fd, R_FD_READ, &h);
  if (err)
    return err;
  struct msghdr m = {.msg_iov = v, .msg_iovlen = (size_t)k};
  int hf = (flags & RIFLAGS_PEEK ? MSG_PEEK : 0) |
           (flags & RIFLAGS_WAITALL ? MSG_WAITALL : 0);
  ssize_t r;
  do
    r = recvmsg(h, &m, hf);
  while (r < 0 && errno == EINTR);
  if (r < 0)
    return rt_wasi_errno(errno);
  store32(pn, (uint32_t)r);
  store16(pf, m.msg_flags & MSG_TRUNC ? ROFLAGS_TRUNCATED : 0);
  return WASI_ESUCCESS;
}

int32_t w2n_wasi_sock_send(w2n_instance *ctx, int32_t fd, int32_t iovs,
                           int32_t iovs_len, int32_t flags, int32_t nwritten) {
  uint8_t *pn = guest(ctx, (uint32_t)nwritten, 4);
  struct iovec v[64];
  int k = rt_wasi_iovecs(ctx, (uint32_t)iovs, (uint32_t)iovs_len, v, 64);
  if (!pn || k < 0)
    return WASI_EFAULT;
  if (flags)
    return WASI_EINVAL;
  int h;
  int32_t err = sock_of(ctx, fd, R_FD_WRITE, &h);
  if (err)
    return err;
  struct msghdr m = {.msg_iov = v, .msg_iovlen = (size_t)k};
  ssize_t r;
  do /* EPIPE rather than a SIGPIPE that would end the program */
    r = sendmsg(h, &m, MSG_NOSIGNAL);
  while (r < 0 && errno == EINTR);
  if (r < 0)
    return rt_wasi_errno(errno);
  store32(pn, (uint32_t)r);
  return WASI_ESUCCESS;
}

/* sdflags: RD 1, WR 2. */
int32_t w2n_wasi_sock_shutdown(w2n_instance *ctx, int32_t fd, int32_t how) {
  (void)ctx;
  static const int to_linux[] = {-1, SHUT_RD, SHUT_WR, SHUT_RDWR};
  int h;
  int32_t err = sock_of(ctx, fd, R_SOCK_SHUTDOWN, &h);
  if (err)
    return err;
  if (how < 1 || how > 3)
    return WASI_EINVAL;
  return shutdown(h, to_linux[how]) ? rt_wasi_errno(errno) : WASI_ESUCCESS;
}
