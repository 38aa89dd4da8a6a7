/* A module used as a sandboxed library: built as a WASI reactor, it
 * exports functions and imports one host function. */
#include <stdint.h>
#include <string.h>

__attribute__((import_module("env"), import_name("report"))) void
report(const char *text, int32_t len);

__attribute__((export_name("sum_squares"))) int64_t sum_squares(int32_t n) {
  int64_t s = 0;
  for (int32_t i = 1; i <= n; ++i)
    s += (int64_t)i * i;
  return s;
}

static char greeting[64];
static int32_t greetings;

/* Writes a greeting into linear memory; the host reads it from there. */
__attribute__((export_name("greet"))) int32_t greet(int32_t who) {
  ++greetings;
  memcpy(greeting, "hello, instance ", 16);
  greeting[16] = (char)('0' + who % 10);
  greeting[17] = 0;
  report(greeting, 17);
  return greetings;
}

static volatile int32_t zero;
__attribute__((export_name("crash"))) int32_t crash(int32_t x) {
  return x / zero; /* integer divide by zero: a trap */
}
