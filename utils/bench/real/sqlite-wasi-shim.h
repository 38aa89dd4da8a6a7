/* Force-included (-include) when sqlite3.c is built for wasm32-wasi: the
 * unix VFS of sqlite 3.40 refers to POSIX pieces wasi-libc does not have.
 * The benchmark runs speedtest1 with --memdb, so none of these is reached;
 * they only have to compile. */
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef F_RDLCK
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#endif
#ifndef F_GETLK
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#endif

static inline int fchmod(int fd, mode_t mode) {
  (void)fd;
  (void)mode;
  return 0;
}
static inline int fchown(int fd, uid_t uid, gid_t gid) {
  (void)fd;
  (void)uid;
  (void)gid;
  return 0;
}
static inline uid_t geteuid(void) { return 0; }
#define getpagesize() 65536
