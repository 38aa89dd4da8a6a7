/* Driver for zlib (built from Debian's zlib source): generates a
 * deterministic, moderately compressible buffer of N MB (log-like text with
 * random fields), compresses it with deflate at level 6 in 64 KB chunks,
 * inflates it again, checks the round trip and prints sizes and CRC-32s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zlib.h"

static unsigned long long seed = 42;
static unsigned rnd(void) {
  seed = seed * 6364136223846793005ull + 1442695040888963407ull;
  return (unsigned)(seed >> 33);
}

static void fill(unsigned char *buf, size_t size) {
  static const char *words[] = {"GET", "POST", "/index.html", "/api/v1/items",
                                "200", "404", "Mozilla/5.0", "curl/8.1",
                                "error", "warning", "connection reset",
                                "user=", "id=", "ms", "bytes"};
  size_t n = 0;
  while (n < size) {
    char line[160];
    int l = snprintf(line, sizeof line, "%u.%u.%u.%u - [%05u] %s %s %u %s %x\n",
                     rnd() % 256, rnd() % 256, rnd() % 8, rnd() % 256,
                     rnd() % 100000, words[rnd() % 15], words[rnd() % 15],
                     rnd() % 5000, words[rnd() % 15], rnd());
    for (int i = 0; i < l && n < size; ++i)
      buf[n++] = (unsigned char)line[i];
  }
}

int main(int argc, char **argv) {
  size_t mb = argc > 1 ? (size_t)atol(argv[1]) : 20;
  int level = argc > 2 ? atoi(argv[2]) : 6;
  size_t size = mb << 20, chunk = 65536;
  unsigned char *in = malloc(size), *out = malloc(chunk);
  size_t zcap = compressBound(size), zlen;
  unsigned char *z = malloc(zcap), *back = malloc(size);
  if (!in || !out || !z || !back)
    return 1;
  fill(in, size);

  z_stream s;
  memset(&s, 0, sizeof s);
  if (deflateInit(&s, level) != Z_OK)
    return 1;
  s.next_out = z;
  s.avail_out = (uInt)zcap;
  for (size_t off = 0; off < size; off += chunk) {
    s.next_in = in + off;
    s.avail_in = (uInt)(size - off < chunk ? size - off : chunk);
    if (deflate(&s, off + chunk >= size ? Z_FINISH : Z_NO_FLUSH) == Z_STREAM_ERROR)
      return 1;
  }
  zlen = s.total_out;
  deflateEnd(&s);

  memset(&s, 0, sizeof s);
  if (inflateInit(&s) != Z_OK)
    return 1;
  s.next_in = z;
  s.avail_in = (uInt)zlen;
  size_t got = 0;
  int rc;
  do {
    s.next_out = out;
    s.avail_out = (uInt)chunk;
    rc = inflate(&s, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END)
      return 2;
    size_t have = chunk - s.avail_out;
    if (got + have > size)
      return 3;
    memcpy(back + got, out, have);
    got += have;
  } while (rc != Z_STREAM_END);
  inflateEnd(&s);

  printf("zlib %s level=%d in=%zu deflated=%zu crc_in=%08lx crc_z=%08lx %s\n",
         zlibVersion(), level, size, zlen, crc32(0, in, (uInt)size),
         crc32(0, z, (uInt)zlen),
         got == size && memcmp(in, back, size) == 0 ? "roundtrip=ok" : "roundtrip=BAD");
  return 0;
}
