/* A switch-dispatched bytecode interpreter running a small program (nested
 * loops with arithmetic): branchy code and a jump table (br_table). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, XOR, SHR, LT, JNZ, JMP, DUP, POP, HALT };

static int64_t run(const int32_t *code, int64_t *vars) {
  int64_t stack[64];
  int sp = 0, pc = 0;
  for (;;) {
    int32_t op = code[pc++];
    switch (op) {
    case PUSH: stack[sp++] = code[pc++]; break;
    case LOAD: stack[sp++] = vars[code[pc++]]; break;
    case STORE: vars[code[pc++]] = stack[--sp]; break;
    case ADD: sp--; stack[sp - 1] += stack[sp]; break;
    case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
    case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
    case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
    case SHR: sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] >> (stack[sp] & 63)); break;
    case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
    case JNZ: { int32_t t = code[pc++]; if (stack[--sp]) pc = t; break; }
    case JMP: pc = code[pc]; break;
    case DUP: stack[sp] = stack[sp - 1]; sp++; break;
    case POP: sp--; break;
    case HALT: return vars[0];
    default: return -1;
    }
  }
}

int main(int argc, char **argv) {
  int32_t n = argc > 1 ? atoi(argv[1]) : 30000000;
  /* v0 = acc, v1 = i, v2 = n
   *   acc = 1; i = 0;
   * loop:
   *   acc = acc * 1103515245 + i
   *   acc = acc ^ (acc >> 29)          (logical shift)
   *   i = i + 1
   *   if (i < n) goto loop
   */
  int32_t code[] = {
      PUSH, 1, STORE, 0,           /* 0 */
      PUSH, 0, STORE, 1,           /* 4 */
      LOAD, 0, PUSH, 1103515245, MUL, LOAD, 1, ADD, /* 8: loop */
      LOAD, 0, PUSH, 29, SHR, XOR, STORE, 0,
      LOAD, 1, PUSH, 1, ADD, DUP, STORE, 1,
      LOAD, 2, LT, JNZ, 8,
      HALT};
  int64_t vars[4] = {0, 0, n, 0};
  int64_t r = run(code, vars);
  printf("interp n=%d result=%lld\n", n, (long long)r);
  return 0;
}
