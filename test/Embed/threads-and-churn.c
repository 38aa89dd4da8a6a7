// Instances from several threads at once (one instance per thread; each
// thread has its own wasm stack and trap recovery), traps in one thread
// while the others run, and 1,000 instances created and deleted without
// growing memory: RSS after the last stays within 16 MB of RSS after the
// tenth.
// RUN: %wat2wasm %S/Inputs/calc.wat -o %t.wasm
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %w2n -O2 -c --header --module-name=calc %t.wasm -o %t.dir/calc.o
// RUN: %host-cc -std=c11 -Wall -Werror -I%t.dir %s %t.dir/calc.o %w2n-rt -lpthread -o %t.exe
// RUN: %t.exe | FileCheck %s
// CHECK: thread 0: sum 200000, count 100000, trap unreachable, mem ok
// CHECK: thread 7: sum 200000, count 100000, trap unreachable, mem ok
// CHECK: churn: 1000 instances, rss growth ok
#include "calc.h"

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void ignore_log(void *host, calc_instance *caller, int32_t v) {
  (void)host;
  (void)caller;
  (void)v;
}
static double ident(void *host, calc_instance *caller, double v) {
  (void)host;
  (void)caller;
  return v;
}

static calc_instance *make(void) {
  calc_imports imp;
  memset(&imp, 0, sizeof imp);
  imp.env_log = ignore_log;
  imp.env_scale = ident;
  char err[256];
  calc_instance *i = calc_new(&imp, err, sizeof err);
  if (!i)
    printf("new: %s\n", err);
  return i;
}

static char lines[8][128];

static void *work(void *arg) {
  int id = (int)(intptr_t)arg;
  calc_instance *inst = make();
  if (!inst)
    return NULL;
  int64_t sum = 0;
  for (int i = 0; i < 100000; ++i) {
    int32_t r;
    calc_add(inst, 1, 1, &r);
    sum += r;
    if (i == 50000)
      calc_poke(inst, 100, id + 1);
  }
  w2n_trap_code t = calc_boom(inst);
  int ok = calc_mem(inst)[100] == id + 1;
  snprintf(lines[id], sizeof lines[id],
           "thread %d: sum %lld, count %lld, trap %s, mem %s", id,
           (long long)sum, (long long)calc_count(inst), w2n_trap_message(t),
           ok ? "ok" : "WRONG");
  calc_delete(inst);
  return NULL;
}

static long rss_kb(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (f) {
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
      resident = 0;
    fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

int main(void) {
  pthread_t th[8];
  for (int i = 0; i < 8; ++i)
    pthread_create(&th[i], NULL, work, (void *)(intptr_t)i);
  for (int i = 0; i < 8; ++i)
    pthread_join(th[i], NULL);
  for (int i = 0; i < 8; ++i)
    printf("%s\n", lines[i]);

  long after10 = 0;
  int made = 0;
  for (int i = 0; i < 1000; ++i) {
    calc_instance *inst = make();
    if (!inst)
      break;
    int32_t r;
    calc_add(inst, i, 1, &r);
    calc_poke(inst, 4096 * (i % 16), 1); /* touch a page of its memory */
    calc_delete(inst);
    ++made;
    if (i == 9)
      after10 = rss_kb();
  }
  long growth = rss_kb() - after10;
  printf("churn: %d instances, rss growth %s (%ld KiB)\n", made,
         growth < 16 * 1024 ? "ok" : "TOO BIG", growth);
  return 0;
}
