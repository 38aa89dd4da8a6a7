/* String processing over a generated text: tokenizing, word-frequency
 * counting in a string-keyed hash table (strcmp, memcpy), substring search
 * with strstr and strchr, and case folding. Byte loads and libc string
 * routines. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 12345;
static uint32_t rnd(void) {
  seed = seed * 1664525u + 1013904223u;
  return seed >> 8;
}

static const char *syl[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo",
                            "ze", "qua", "bri", "stor", "an", "el", "ish", "ou"};

/* Text of about `size` bytes: words of 1-4 syllables, spaces, punctuation,
 * capitals after full stops, newlines every few sentences. */
static char *make_text(size_t size) {
  char *t = malloc(size + 16);
  size_t n = 0;
  int cap = 1;
  while (n < size) {
    int ns = 1 + (int)(rnd() % 4);
    /* Zipf-ish: low syllable indices far more common. */
    for (int s = 0; s < ns; ++s) {
      uint32_t r = rnd();
      const char *p = syl[(r % 16) & (r >> 4) % 16];
      size_t l = strlen(p);
      memcpy(t + n, p, l);
      if (cap) {
        t[n] = (char)toupper((unsigned char)t[n]);
        cap = 0;
      }
      n += l;
    }
    uint32_t r = rnd() % 64;
    if (r < 4) {
      t[n++] = '.';
      cap = 1;
    } else if (r < 7) {
      t[n++] = ',';
    }
    t[n++] = r == 0 ? '\n' : ' ';
  }
  t[n] = 0;
  return t;
}

struct entry {
  char *word;
  uint32_t hash;
  long count;
};

static struct entry *tab;
static size_t tab_size, tab_used;

static uint32_t fnv(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; ++i)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static void grow(void);

static void add_word(const char *w, size_t n) {
  char buf[64];
  if (n >= sizeof buf)
    n = sizeof buf - 1;
  for (size_t i = 0; i < n; ++i)
    buf[i] = (char)tolower((unsigned char)w[i]);
  buf[n] = 0;
  uint32_t h = fnv(buf, n);
  size_t i = h & (tab_size - 1);
  while (tab[i].word) {
    if (tab[i].hash == h && strcmp(tab[i].word, buf) == 0) {
      tab[i].count++;
      return;
    }
    i = (i + 1) & (tab_size - 1);
  }
  tab[i].word = malloc(n + 1);
  memcpy(tab[i].word, buf, n + 1);
  tab[i].hash = h;
  tab[i].count = 1;
  if (++tab_used * 2 > tab_size)
    grow();
}

static void grow(void) {
  struct entry *old = tab;
  size_t old_size = tab_size;
  tab_size *= 2;
  tab = calloc(tab_size, sizeof *tab);
  for (size_t j = 0; j < old_size; ++j)
    if (old[j].word) {
      size_t i = old[j].hash & (tab_size - 1);
      while (tab[i].word)
        i = (i + 1) & (tab_size - 1);
      tab[i] = old[j];
    }
  free(old);
}

static int by_count(const void *a, const void *b) {
  const struct entry *x = a, *y = b;
  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  return strcmp(x->word, y->word);
}

int main(int argc, char **argv) {
  size_t size = argc > 1 ? (size_t)atol(argv[1]) : 24u << 20;
  int passes = argc > 2 ? atoi(argv[2]) : 4;
  char *text = make_text(size);
  size_t len = strlen(text);
  uint64_t sum = 0;

  for (int pass = 0; pass < passes; ++pass) {
    tab_size = 1024;
    tab_used = 0;
    tab = calloc(tab_size, sizeof *tab);
    /* Tokenize: words are runs of letters. */
    long words = 0;
    for (const char *p = text; *p;) {
      while (*p && !isalpha((unsigned char)*p))
        ++p;
      const char *s = p;
      while (isalpha((unsigned char)*p))
        ++p;
      if (p > s) {
        add_word(s, (size_t)(p - s));
        ++words;
      }
    }
    /* Substring searches. */
    static const char *pats[] = {"stor stor", "quabri", "Ouish", "zeze ka",
                                 "elanish"};
    long hits = 0;
    for (size_t k = 0; k < sizeof pats / sizeof *pats; ++k)
      for (const char *p = text; (p = strstr(p, pats[k])); ++p)
        ++hits;
    long lines = 0, sentences = 0;
    for (const char *p = text; (p = strchr(p, '\n')); ++p)
      ++lines;
    for (const char *p = text; (p = strchr(p, '.')); ++p)
      ++sentences;
    /* The most frequent words. */
    struct entry *all = malloc(tab_used * sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < tab_size; ++i)
      if (tab[i].word)
        all[n++] = tab[i];
    qsort(all, n, sizeof *all, by_count);
    if (pass == passes - 1) {
      printf("strings bytes=%zu words=%ld distinct=%zu hits=%ld lines=%ld "
             "sentences=%ld\n",
             len, words, n, hits, lines, sentences);
      for (size_t i = 0; i < n && i < 5; ++i)
        printf("  %s %ld\n", all[i].word, all[i].count);
    }
    for (size_t i = 0; i < n; ++i) {
      sum = sum * 31 + all[i].count + fnv(all[i].word, strlen(all[i].word));
      free(all[i].word);
    }
    free(all);
    free(tab);
    sum += (uint64_t)words * 7 + (uint64_t)hits * 13 + (uint64_t)lines;
    /* Shift the text a little so passes differ. */
    text[(size_t)pass * 7919 % len] = 'e';
  }
  printf("checksum=%llu\n", (unsigned long long)sum);
  free(text);
  return 0;
}
