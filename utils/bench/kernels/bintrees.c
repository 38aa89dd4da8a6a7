/* Binary-trees (the benchmarks-game shape): many small malloc/free calls and
 * pointer chasing. */
#include <stdio.h>
#include <stdlib.h>

struct node {
  struct node *l, *r;
};

static struct node *make(int depth) {
  struct node *n = malloc(sizeof *n);
  if (depth > 0) {
    n->l = make(depth - 1);
    n->r = make(depth - 1);
  } else {
    n->l = n->r = NULL;
  }
  return n;
}

static long check(const struct node *n) {
  return 1 + (n->l ? check(n->l) + check(n->r) : 0);
}

static void release(struct node *n) {
  if (n->l) {
    release(n->l);
    release(n->r);
  }
  free(n);
}

int main(int argc, char **argv) {
  int max_depth = argc > 1 ? atoi(argv[1]) : 18;
  long total = 0;
  struct node *longlived = make(max_depth);
  for (int d = 4; d <= max_depth; d += 2) {
    int iters = 1 << (max_depth - d + 4);
    long c = 0;
    for (int i = 0; i < iters; ++i) {
      struct node *t = make(d);
      c += check(t);
      release(t);
    }
    total += c;
  }
  total += check(longlived);
  release(longlived);
  printf("bintrees depth=%d total=%ld\n", max_depth, total);
  return 0;
}
