// Descriptors 0-2 are streams, whatever the host gave: with a directory as
// stdin (`./prog < dir`) and no --dir, the guest can neither open nor
// delete nor list anything beneath it (every path_* and fd_readdir on them
// fails as on any non-directory descriptor), and fd_fdstat_get shows only
// stream rights.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -rf %t.dir && mkdir -p %t.dir/sub && echo secret > %t.dir/victim
// RUN: %w2n %t.wasm -o %t.exe
// RUN: sh -c '%t.exe < %t.dir' | FileCheck %s
// RUN: test -e %t.dir/victim && test -d %t.dir/sub
// RUN: %w2n -O0 %t.wasm -o %t.O0.exe
// RUN: sh -c '%t.O0.exe < %t.dir' | FileCheck %s
// CHECK: path_open: 76
// CHECK-NEXT: path_unlink_file: 76
// CHECK-NEXT: path_remove_directory: 76
// CHECK-NEXT: path_create_directory: 76
// CHECK-NEXT: path_filestat_get: 76
// CHECK-NEXT: fd_readdir: 76
// CHECK-NEXT: stdin path rights: 0
// CHECK-NEXT: stdin inheriting: 0
// CHECK-NEXT: stdout can write: 1

#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define PATH_RIGHTS                                                            \
  (__WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_UNLINK_FILE |                  \
   __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_CREATE_DIRECTORY |      \
   __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_FILESTAT_GET)

int main(void) {
  __wasi_fd_t fd;
  printf("path_open: %d\n",
         __wasi_path_open(0, 0, "victim", 0, __WASI_RIGHTS_FD_READ, 0, 0,
                          &fd));
  printf("path_unlink_file: %d\n", __wasi_path_unlink_file(0, "victim"));
  printf("path_remove_directory: %d\n",
         __wasi_path_remove_directory(0, "sub"));
  printf("path_create_directory: %d\n",
         __wasi_path_create_directory(0, "new"));
  __wasi_filestat_t st;
  printf("path_filestat_get: %d\n",
         __wasi_path_filestat_get(0, 0, "victim", &st));
  char buf[256];
  __wasi_size_t used;
  printf("fd_readdir: %d\n", __wasi_fd_readdir(0, (uint8_t *)buf, sizeof buf,
                                               0, &used));
  __wasi_fdstat_t s;
  __wasi_fd_fdstat_get(0, &s);
  printf("stdin path rights: %d\n", (s.fs_rights_base & PATH_RIGHTS) != 0);
  printf("stdin inheriting: %d\n", s.fs_rights_inheriting != 0);
  __wasi_fd_fdstat_get(1, &s);
  printf("stdout can write: %d\n",
         (s.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0);
  return 0;
}
