/* <pwd.h> for wasm32-wasi builds of the SQLite shell (WASI has no user
 * database): getpwuid finds nobody, so the shell falls back to $HOME. */
#ifndef W2N_PWD_H
#define W2N_PWD_H
#include <sys/types.h>

struct passwd {
  char *pw_name;
  char *pw_passwd;
  uid_t pw_uid;
  gid_t pw_gid;
  char *pw_gecos;
  char *pw_dir;
  char *pw_shell;
};

static inline struct passwd *getpwuid(uid_t uid) {
  (void)uid;
  return 0;
}
#endif
