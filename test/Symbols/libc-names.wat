;; Wasm names never meet libc's: an export called malloc, free, main or exit
;; must not replace libc's (the runtime itself calls malloc and exit), and an
;; import called env.system must not bind to libc's system().
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O2 %t.wasm -o %t.exe
;; RUN: %expect-exit 3 %t.exe | FileCheck %s
;; CHECK: malloc is mine
;; In an object file for an embedder the exports stay under "wasm.".
;; RUN: %w2n -O2 -c %t.wasm -o %t.o
;; RUN: llvm-nm %t.o | FileCheck %s --check-prefix=OBJ
;; OBJ-NOT: {{ }}malloc
;; OBJ-NOT: {{ }}main
;; OBJ-DAG: T wasm.malloc
;; OBJ-DAG: T wasm.main
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "malloc is mine\n")
  (func $malloc (export "malloc") (param i32) (result i32) (i32.const 16))
  (func $free (export "free") (param i32))
  (func $main (export "main") (result i32) (i32.const 99))
  (func $exit (export "exit") (param i32) (unreachable))
  (func (export "_start")
    ;; iovec {buf = malloc(0), len = 15} at address 0
    (i32.store (i32.const 0) (call $malloc (i32.const 0)))
    (i32.store (i32.const 4) (i32.const 15))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $free (i32.const 0))
    (call $proc_exit (i32.const 3))))
