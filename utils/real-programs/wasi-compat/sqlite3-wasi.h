/* Force-included (clang -include) into sqlite3.c and shell.c when they are
 * built for wasm32-wasi by utils/real-programs/sqlite3.sh. SQLite 3.40 has
 * no WASI port (3.41 added one); its unix VFS and shell name a few POSIX
 * functions and constants that WASI lacks. They are supplied here with the
 * honest WASI behaviour instead of patching the Debian source:
 *  - no file modes or owners: chmod, fchmod and fchown fail with ENOTSUP
 *    (SQLite ignores the result of fchmod/fchown: it only tries to match the
 *    database file's mode/owner when it creates a journal; the shell's
 *    writefile() uses chmod for the mode of files it writes);
 *  - no processes: system() runs nothing and fails with ENOSYS (the shell's
 *    .system/.shell/edit(); popen is left out with -DSQLITE_OMIT_POPEN);
 *  - getpagesize (hidden by wasi-libc) is sysconf(_SC_PAGESIZE), 64 KiB;
 *    SQLite needs it only for WAL shared memory and mmap I/O;
 *  - no users: getuid/geteuid report a non-root id, so SQLite never tries
 *    fchown, and <pwd.h> (beside this file) finds no home directory;
 *  - no POSIX advisory locks: the F_* lock commands are defined so the
 *    default "unix" VFS compiles, but WASI's fcntl rejects them (EINVAL);
 *    the builds therefore use the "unix-none" VFS (one process, no locks)
 *    natively and in wasm alike, see SQLITE_DEFAULT_UNIX_VFS in sqlite3.sh.
 */
#ifndef W2N_SQLITE3_WASI_H
#define W2N_SQLITE3_WASI_H
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

static inline int fchmod(int fd, mode_t mode) {
  (void)fd;
  (void)mode;
  errno = ENOTSUP;
  return -1;
}
static inline int chmod(const char *path, mode_t mode) {
  (void)path;
  (void)mode;
  errno = ENOTSUP;
  return -1;
}
static inline int fchown(int fd, uid_t owner, gid_t group) {
  (void)fd;
  (void)owner;
  (void)group;
  errno = ENOTSUP;
  return -1;
}
static inline int getpagesize(void) { return (int)sysconf(_SC_PAGESIZE); }
static inline uid_t getuid(void) { return 65534; }
static inline uid_t geteuid(void) { return 65534; }

static inline int w2n_no_system(const char *command) {
  (void)command;
  errno = ENOSYS;
  return -1;
}
#define system(command) w2n_no_system(command)

#ifndef F_RDLCK
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#endif
#endif
