/* A WASI command: prints the first line of /data/hello.txt. */
#include <stdio.h>

int main(void) {
  char line[128] = "";
  FILE *f = fopen("/data/hello.txt", "r");
  if (!f) {
    perror("/data/hello.txt");
    return 1;
  }
  fgets(line, sizeof line, f);
  printf("reader: %s", line);
  fclose(f);
  return 0;
}
