/*===- util.c - Small output helpers (the runtime avoids stdio) -----------===*/
#include "internal.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

void rt_buf_init(rt_buf *b, char *p, size_t cap) {
  b->p = p;
  b->cap = cap;
  b->len = 0;
  if (cap)
    p[0] = 0;
}

/* Appends as much of s as fits; the buffer stays NUL-terminated. */
void rt_buf_str(rt_buf *b, const char *s) {
  if (!b->cap)
    return;
  while (*s && b->len + 1 < b->cap)
    b->p[b->len++] = *s++;
  b->p[b->len] = 0;
}

void rt_buf_u64(rt_buf *b, uint64_t v) {
  char tmp[21];
  char *e = tmp + sizeof tmp - 1;
  *e = 0;
  do
    *--e = (char)('0' + v % 10);
  while (v /= 10);
  rt_buf_str(b, e);
}

/* write(2) until done; async-signal-safe. Errors are ignored: there is
 * nowhere left to report them. */
void rt_write_all(int fd, const char *s, size_t n) {
  while (n) {
    ssize_t w = write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      return;
    }
    s += w;
    n -= (size_t)w;
  }
}

void rt_write_str(int fd, const char *s) { rt_write_all(fd, s, strlen(s)); }
