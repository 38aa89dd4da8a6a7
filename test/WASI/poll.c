// poll_oneoff: a relative and an absolute clock wait at least their time;
// the earlier of two clocks fires alone; a readable pipe (stdin) is ready at
// once with its byte count; an fd subscription on a bad descriptor reports
// EBADF; no subscriptions is EINVAL. Guest pointers outside memory give
// EFAULT.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe && %w2n %t.wasm -o %t.exe
// RUN: printf 'hello' | %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out --match-full-lines

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <wasi/api.h>

static __wasi_timestamp_t now(__wasi_clockid_t c) {
  __wasi_timestamp_t t = 0;
  __wasi_clock_time_get(c, 1, &t);
  return t;
}

static __wasi_subscription_t clock_sub(uint64_t ud, __wasi_clockid_t id,
                                       uint64_t t, int abs) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = ud;
  s.u.tag = __WASI_EVENTTYPE_CLOCK;
  s.u.u.clock.id = id;
  s.u.u.clock.timeout = t;
  s.u.u.clock.flags = abs ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
  return s;
}

static __wasi_subscription_t fd_sub(uint64_t ud, int fd) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = ud;
  s.u.tag = __WASI_EVENTTYPE_FD_READ;
  s.u.u.fd_read.file_descriptor = fd;
  return s;
}

int main(void) {
  __wasi_event_t ev[4];
  __wasi_size_t n = 0;
  __wasi_subscription_t s[3];

  uint64_t t0 = now(__WASI_CLOCKID_MONOTONIC);
  s[0] = clock_sub(7, __WASI_CLOCKID_MONOTONIC, 30000000, 0);
  int e = __wasi_poll_oneoff(s, ev, 1, &n);
  uint64_t took = now(__WASI_CLOCKID_MONOTONIC) - t0;
  printf("relative: %d n=%d ud=%d type=%d waited=%d\n", e, (int)n,
         (int)ev[0].userdata, ev[0].type, took >= 30000000 && took < 1000000000);

  t0 = now(__WASI_CLOCKID_REALTIME);
  s[0] = clock_sub(8, __WASI_CLOCKID_REALTIME, t0 + 20000000, 1);
  e = __wasi_poll_oneoff(s, ev, 1, &n);
  took = now(__WASI_CLOCKID_REALTIME) - t0;
  printf("absolute: %d n=%d ud=%d waited=%d\n", e, (int)n, (int)ev[0].userdata,
         took >= 20000000 && took < 1000000000);

  s[0] = clock_sub(1, __WASI_CLOCKID_MONOTONIC, 5000000000ull, 0);
  s[1] = clock_sub(2, __WASI_CLOCKID_MONOTONIC, 10000000, 0);
  e = __wasi_poll_oneoff(s, ev, 2, &n);
  printf("earlier: %d n=%d ud=%d\n", e, (int)n, (int)ev[0].userdata);

  s[0] = clock_sub(1, __WASI_CLOCKID_MONOTONIC, 5000000000ull, 0);
  s[1] = fd_sub(3, 0);
  // Let the writer of the pipe finish first.
  struct timespec pause = {0, 100000000};
  nanosleep(&pause, NULL);
  e = __wasi_poll_oneoff(s, ev, 2, &n);
  printf("stdin: %d n=%d ud=%d type=%d nbytes=%d error=%d\n", e, (int)n,
         (int)ev[0].userdata, ev[0].type, (int)ev[0].fd_readwrite.nbytes,
         ev[0].error);

  s[0] = fd_sub(4, 99);
  e = __wasi_poll_oneoff(s, ev, 1, &n);
  printf("bad fd: %d n=%d error=%d\n", e, (int)n, ev[0].error);

  printf("none: %d\n", __wasi_poll_oneoff(s, ev, 0, &n));
  printf("efault: %d\n", __wasi_poll_oneoff((void *)0xfffffff0, ev, 1, &n));
  printf("efault clock: %d\n",
         __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, (void *)0xfffffffc));
  printf("efault random: %d\n", __wasi_random_get((void *)0xffff0000, 0x10000000));
  return 0;
}

// CHECK:      relative: 0 n=1 ud=7 type=0 waited=1
// CHECK-NEXT: absolute: 0 n=1 ud=8 waited=1
// CHECK-NEXT: earlier: 0 n=1 ud=2
// CHECK-NEXT: stdin: 0 n=1 ud=3 type=1 nbytes=5 error=0
// CHECK-NEXT: bad fd: 0 n=1 error=8
// CHECK-NEXT: none: 28
// CHECK-NEXT: efault: 21
// CHECK-NEXT: efault clock: 21
// CHECK-NEXT: efault random: 21
