/* The bundled example: a WASI "hello, world".
 *
 * examples/hello.wasm is this file built with
 *   clang-19 --target=wasm32-wasi -O2 -Wl,--strip-debug \
 *       examples/hello.c -o examples/hello.wasm
 * (Debian 12's clang-19 and wasi-libc; the DWARF that wasi-libc's objects
 * carry is dropped, the name section is kept).
 * ./utils/demo.sh compiles hello.wasm with wasm2native and runs it. */
#include <stdio.h>

int main(int argc, char **argv) {
  printf("Hello from WebAssembly, compiled to native code by wasm2native!\n");
  for (int i = 1; i < argc; ++i)
    printf("argv[%d] = %s\n", i, argv[i]);
  return 0;
}
