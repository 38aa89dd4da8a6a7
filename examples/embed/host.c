/* Embeds two modules compiled by wasm2native: two instances of `guest`
 * (separate memories and globals), a host import that reads the calling
 * instance's memory, a trap in one instance while the other keeps working,
 * and the WASI command `reader` with a granted directory. It uses only the
 * modules' typed API, so it builds both over the objects (embed-host) and
 * over shared libraries (embed-host-shared). */
#include "guest.h"
#include "reader.h"

#include <stdio.h>
#include <string.h>

static void report(void *host, guest_instance *caller, int32_t text,
                   int32_t len) {
  const char *tag = (const char *)host;
  /* The pointer is the guest's: check it against the caller's memory. */
  if (text < 0 || len < 0 || (uint64_t)text + (uint64_t)len >
                                 guest_memory_size(caller))
    return;
  printf("%s: %.*s\n", tag, (int)len,
         (const char *)guest_memory(caller) + text);
}

int main(int argc, char **argv) {
  guest_imports imp;
  memset(&imp, 0, sizeof imp);
  imp.host = (void *)"host";
  imp.env_report = report;
  char err[256];
  guest_instance *a = guest_new(&imp, err, sizeof err);
  guest_instance *b = guest_new(&imp, err, sizeof err);
  if (!a || !b) {
    fprintf(stderr, "guest_new: %s\n", err);
    return 1;
  }
  int64_t s = 0;
  guest_sum_squares(a, 10, &s);
  printf("sum_squares(10) = %lld\n", (long long)s);
  int32_t n = 0;
  guest_greet(a, 1, &n);
  guest_greet(a, 1, &n);
  printf("a greeted %d times\n", n);
  guest_greet(b, 2, &n);
  printf("b greeted %d time\n", n);
  w2n_trap_code t = guest_crash(a, 1, &n);
  printf("crash in a: %s\n", guest_trap_message(t));
  guest_greet(b, 2, &n);
  printf("b still works: greeted %d times\n", n);
  guest_greet(a, 1, &n);
  printf("a still works: greeted %d times\n", n);
  guest_delete(a);
  guest_delete(b);

  /* A WASI command with a directory: argv[1] on the host is /data inside. */
  if (argc > 1) {
    char grant[512];
    snprintf(grant, sizeof grant, "--dir=%s::/data", argv[1]);
    const char *grants[] = {grant};
    char *args[] = {(char *)"reader", NULL};
    reader_imports rimp;
    memset(&rimp, 0, sizeof rimp);
    rimp.wasi.argc = 1;
    rimp.wasi.argv = args;
    rimp.wasi.num_grants = 1;
    rimp.wasi.grants = grants;
    reader_instance *r = reader_new(&rimp, err, sizeof err);
    if (!r) {
      fprintf(stderr, "reader_new: %s\n", err);
      return 1;
    }
    fflush(stdout);
    t = reader__start(r);
    printf("reader: %s\n", t == W2N_TRAP_NONE ? "done" : reader_trap_message(t));
    reader_delete(r);
  }
  return 0;
}
