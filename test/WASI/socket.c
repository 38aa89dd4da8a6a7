// A socket granted with --tcplisten (here through WASM2NATIVE_OPTS) is
// preopened after the directories: the guest accepts a connection, polls
// it, receives, sends back and shuts down. Non-sockets give ENOTSOCK.
// REQUIRES: wasi-grants
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe && %w2n %t.wasm -o %t.exe
// RUN: python3 %S/Inputs/tcp-client.py %t.exe > %t.out 2> %t.client
// RUN: FileCheck %s --input-file %t.out
// RUN: FileCheck %s --input-file %t.client --check-prefix=CLIENT

#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

int main(void) {
  __wasi_fdstat_t st;
  __wasi_prestat_t ps;
  int e = __wasi_fd_fdstat_get(3, &st);
  printf("fd 3: %d socket=%d prestat=%d\n", e,
         st.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM,
         __wasi_fd_prestat_get(3, &ps));
  __wasi_fd_t c;
  e = __wasi_sock_accept(3, 0, &c);
  printf("accept: %d\n", e);
  if (e)
    return 1;
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.u.tag = __WASI_EVENTTYPE_FD_READ;
  s.u.u.fd_read.file_descriptor = c;
  __wasi_event_t ev;
  __wasi_size_t n;
  e = __wasi_poll_oneoff(&s, &ev, 1, &n);
  printf("poll: %d n=%d type=%d\n", e, (int)n, ev.type);
  char buf[64] = {0};
  __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
  __wasi_size_t got = 0;
  __wasi_roflags_t rof = 0;
  // Wait for the whole line: the client sends it at once.
  e = __wasi_sock_recv(c, &iov, 1, 0, &got, &rof);
  printf("recv: %d %s", e, buf);
  char reply[96];
  snprintf(reply, sizeof reply, "echo: %s", buf);
  __wasi_ciovec_t out = {(const uint8_t *)reply, strlen(reply)};
  __wasi_size_t sent = 0;
  e = __wasi_sock_send(c, &out, 1, 0, &sent);
  printf("send: %d all=%d\n", e, sent == strlen(reply));
  printf("shutdown: %d\n", __wasi_sock_shutdown(c, __WASI_SDFLAGS_WR));
  printf("accept on stdout: %d\n", __wasi_sock_accept(1, 0, &c));
  printf("shutdown stdout: %d\n", __wasi_sock_shutdown(1, __WASI_SDFLAGS_WR));
  fflush(stdout);
  return 0;
}

// CHECK:      fd 3: 0 socket=1 prestat=8
// CHECK-NEXT: accept: 0
// CHECK-NEXT: poll: 0 n=1 type=1
// CHECK-NEXT: recv: 0 ping over wasi
// CHECK-NEXT: send: 0 all=1
// CHECK-NEXT: shutdown: 0
// CHECK-NEXT: accept on stdout: 57
// CHECK-NEXT: shutdown stdout: 57
// CLIENT: client got: echo: ping over wasi
