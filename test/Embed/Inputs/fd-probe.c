// "open PATH": opens PATH and leaves it open, printing the descriptor;
// "probe N": whether descriptor N exists (fd_fdstat_get's errno);
// "exit N": exit(N), which is WASI proc_exit.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

int main(int argc, char **argv) {
  if (argc == 3 && !strcmp(argv[1], "open")) {
    int fd = open(argv[2], O_RDONLY);
    char buf[32] = {0};
    if (fd >= 0)
      read(fd, buf, sizeof buf - 1);
    printf("opened %s as %d: %s", argv[2], fd, buf);
  } else if (argc == 3 && !strcmp(argv[1], "probe")) {
    __wasi_fdstat_t st;
    printf("probe %s: %d\n", argv[2],
           __wasi_fd_fdstat_get((__wasi_fd_t)atoi(argv[2]), &st));
  } else if (argc == 3 && !strcmp(argv[1], "exit")) {
    printf("exiting with %s\n", argv[2]);
    fflush(stdout);
    exit(atoi(argv[2]));
  }
  fflush(stdout);
  return 0;
}
