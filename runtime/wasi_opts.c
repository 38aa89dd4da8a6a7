/*===- wasi_opts.c - WASI grants: preopens, sockets, environment ----------===*
 *
 * A program gets nothing of the host unless granted: no directory, no
 * socket, no environment variable. Grants are option words, the same the
 * driver takes: --dir=HOST[::GUEST], --env=NAME=VALUE, --env=NAME (the
 * host's value, if set), --inherit-env, --tcplisten=HOST:PORT; "--dir X"
 * as two words works too. They are applied in order and a later one wins
 * (the same variable, the same guest directory name).
 *
 *===----------------------------------------------------------------------===*/
#include "wasi.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

/* The runtime's own variable: consumed, never passed to the guest. */
static const char opts_var[] = "WASM2NATIVE_OPTS";

typedef struct strvec {
  char **v;
  size_t n, cap;
} strvec;

static int push(strvec *s, char *item) {
  if (!item)
    return -1;
  if (s->n + 1 >= s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 16;
    char **v = realloc(s->v, cap * sizeof *v);
    if (!v) {
      free(item);
      return -1;
    }
    s->v = v;
    s->cap = cap;
  }
  s->v[s->n++] = item;
  s->v[s->n] = NULL; /* NULL-terminated, as envp */
  return 0;
}

static char *dup_n(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = 0;
  }
  return d;
}

/* Index of the entry of s whose part before `sep` equals key[0, n). */
static long find(const strvec *s, const char *key, size_t n, char sep) {
  for (size_t i = 0; i < s->n; ++i)
    if (!strncmp(s->v[i], key, n) && s->v[i][n] == sep)
      return (long)i;
  return -1;
}

/* Adds NAME=VALUE, replacing an earlier NAME. */
static int set_env(strvec *env, const char *kv) {
  size_t n = (size_t)(strchr(kv, '=') - kv);
  char *copy = dup_n(kv, strlen(kv));
  long i = find(env, kv, n, '=');
  if (i < 0)
    return push(env, copy);
  if (!copy)
    return -1;
  free(env->v[i]);
  env->v[i] = copy;
  return 0;
}

static int host_var(const char *kv) {
  size_t n = sizeof opts_var - 1;
  return !(strncmp(kv, opts_var, n) == 0 && kv[n] == '=');
}

static int fail(char *err, size_t errlen, const char *a, const char *b,
                const char *c) {
  rt_buf buf;
  rt_buf_init(&buf, err, errlen);
  rt_buf_str(&buf, a);
  rt_buf_str(&buf, b);
  rt_buf_str(&buf, c);
  return -1;
}

/* A listening TCP socket on HOST:PORT ([V6ADDR]:PORT for IPv6). */
static int listen_on(const char *spec, char *err, size_t errlen) {
  const char *colon = strrchr(spec, ':');
  if (!colon || !colon[1])
    return fail(err, errlen, "--tcplisten=", spec, ": expected HOST:PORT");
  char host[256];
  size_t n = (size_t)(colon - spec);
  if (n >= 2 && spec[0] == '[' && spec[n - 1] == ']')
    ++spec, n -= 2;
  if (n >= sizeof host)
    return fail(err, errlen, "--tcplisten=", spec, ": host name too long");
  memcpy(host, spec, n);
  host[n] = 0;
  struct addrinfo hints = {.ai_flags = AI_PASSIVE,
                           .ai_socktype = SOCK_STREAM};
  struct addrinfo *ai;
  int r = getaddrinfo(n ? host : NULL, colon + 1, &hints, &ai);
  if (r != 0)
    return fail(err, errlen, "--tcplisten=", spec, ": bad host or port");
  int s = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
      bind(s, ai->ai_addr, ai->ai_addrlen) || listen(s, 128)) {
    int e = errno;
    if (s >= 0)
      close(s);
    freeaddrinfo(ai);
    fail(err, errlen, "--tcplisten=", spec, ": ");
    rt_buf b = {err, errlen, strlen(err)};
    rt_buf_str(&b, strerror(e));
    return -1;
  }
  freeaddrinfo(ai);
  return s;
}

int w2n_wasi_grant(w2n_wasi *w, int count, const char *const *words,
                   char **host_env, char *err, size_t errlen) {
  strvec env = {0}, dirs = {0}, socks = {0};
  for (int i = 0; i < count; ++i) {
    const char *word = words[i];
    const char *val = NULL;
    int kind = 0; /* 1 dir, 2 env, 3 tcplisten */
    static const char *const names[] = {"--dir", "--env", "--tcplisten"};
    for (int k = 0; k < 3 && !kind; ++k) {
      size_t n = strlen(names[k]);
      if (strncmp(word, names[k], n) != 0)
        continue;
      if (word[n] == '=') {
        val = word + n + 1;
        kind = k + 1;
      } else if (!word[n]) {
        if (i + 1 == count)
          return fail(err, errlen, "missing value after ", word, "");
        val = words[++i];
        kind = k + 1;
      }
    }
    int bad = 0;
    if (!strcmp(word, "--inherit-env")) {
      for (char **e = host_env; e && *e; ++e)
        if (strchr(*e, '=') && host_var(*e))
          bad |= set_env(&env, *e);
    } else if (kind == 1) {
      /* HOST[::GUEST]; the guest name defaults to the host path. */
      const char *sep = strstr(val, "::");
      const char *gname = sep ? sep + 2 : val;
      size_t hn = sep ? (size_t)(sep - val) : strlen(val);
      if (!hn || !*gname)
        return fail(err, errlen, "--dir=", val, ": empty directory name");
      char *entry = malloc(strlen(gname) + 1 + hn + 1);
      if (!entry)
        bad = 1;
      else {
        /* "GUEST\0HOST": found by guest name, later wins */
        size_t gn = strlen(gname);
        memcpy(entry, gname, gn + 1);
        memcpy(entry + gn + 1, val, hn);
        entry[gn + 1 + hn] = 0;
        long j = find(&dirs, gname, gn, 0);
        if (j >= 0) {
          free(dirs.v[j]);
          dirs.v[j] = entry;
        } else {
          bad |= push(&dirs, entry);
        }
      }
    } else if (kind == 2) {
      const char *eq = strchr(val, '=');
      if (eq == val || !*val)
        return fail(err, errlen, "--env=", val, ": expected NAME=VALUE");
      if (eq) {
        bad |= set_env(&env, val);
      } else {
        size_t n = strlen(val);
        for (char **e = host_env; e && *e; ++e)
          if (!strncmp(*e, val, n) && (*e)[n] == '=' && host_var(*e))
            bad |= set_env(&env, *e);
      }
    } else if (kind == 3) {
      bad |= push(&socks, dup_n(val, strlen(val)));
    } else {
      return fail(err, errlen, "unknown option '", word, "'");
    }
    if (bad)
      return fail(err, errlen, "out of memory", "", "");
  }

  /* Directories first, from fd 3 on, then sockets: wasi-libc scans
   * fd_prestat_get from 3 until EBADF, which a socket answers. */
  for (size_t i = 0; i < dirs.n; ++i) {
    char *gname = dirs.v[i], *host = gname + strlen(gname) + 1;
    int h = open(host, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (h < 0) {
      int e = errno;
      fail(err, errlen, "--dir: cannot open '", host, "': ");
      rt_buf b = {err, errlen, strlen(err)};
      rt_buf_str(&b, strerror(e));
      return -1;
    }
    int32_t fd = rt_wasi_fd_new(w, h, FD_PREOPEN, R_DIR, R_ALL);
    if (fd < 0)
      return fail(err, errlen, "out of memory", "", "");
    int32_t e;
    rt_wasi_fd(w, fd, 0, &e)->name = gname; /* "GUEST\0HOST" owned here */
  }
  for (size_t i = 0; i < socks.n; ++i) {
    int s = listen_on(socks.v[i], err, errlen);
    if (s < 0)
      return -1;
    if (rt_wasi_fd_new(w, s, FD_OPEN,
                       R_SOCK_ACCEPT | R_FD_FDSTAT_SET_FLAGS |
                           R_FD_FILESTAT_GET | R_POLL_FD_READWRITE,
                       0) < 0)
      return fail(err, errlen, "out of memory", "", "");
    free(socks.v[i]);
  }
  free(dirs.v);
  free(socks.v);
  w->envp = env.v; /* NULL when empty */
  return 0;
}

/* Shell-like words of s: blanks separate, '...' is literal, "..." keeps
 * blanks and takes \ before \ " $ ` and newline, \ outside quotes escapes
 * any character. Returns the number of words (in *out, allocated) or -1
 * for an unterminated quote. */
int rt_split_words(const char *s, char ***out) {
  strvec words = {0};
  size_t len = strlen(s);
  char *buf = malloc(len + 1);
  if (!buf)
    return -1;
  for (;;) {
    while (*s == ' ' || *s == '\t' || *s == '\n')
      ++s;
    if (!*s)
      break;
    size_t n = 0;
    while (*s && *s != ' ' && *s != '\t' && *s != '\n') {
      char c = *s++;
      if (c == '\'') {
        while (*s && *s != '\'')
          buf[n++] = *s++;
        if (!*s++)
          goto unterminated;
      } else if (c == '"') {
        while (*s && *s != '"') {
          if (*s == '\\' && s[1] && strchr("\\\"$`\n", s[1]))
            ++s;
          buf[n++] = *s++;
        }
        if (!*s++)
          goto unterminated;
      } else if (c == '\\' && *s) {
        buf[n++] = *s++;
      } else {
        buf[n++] = c;
      }
    }
    if (push(&words, dup_n(buf, n)))
      goto unterminated;
  }
  free(buf);
  *out = words.v;
  return (int)words.n;
unterminated:
  for (size_t i = 0; i < words.n; ++i)
    free(words.v[i]);
  free(words.v);
  free(buf);
  return -1;
}
