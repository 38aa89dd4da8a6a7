;; A hand-written WASI command without libc: fd_write to stdout and stderr,
;; then _start returns, which is exit status 0.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: rm -f %t.exe
;; RUN: %w2n %t.wasm -o %t.exe
;; RUN: %expect-exit 0 %t.exe > %t.out 2> %t.err
;; RUN: FileCheck %s --input-file %t.out --match-full-lines
;; RUN: FileCheck %s --input-file %t.err --check-prefix=ERR
;; RUN: %if node %{ %node-wasi %t.wasm > %t.ref %}
;; RUN: %if node %{ diff %t.ref %t.out %}

(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wat\n")
  (data (i32.const 48) "to stderr\n")
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    ;; iovec at 0: { ptr, len }; bytes written go to 8.
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (call $write (i32.const 1) (i32.const 16) (i32.const 15))
    (call $write (i32.const 2) (i32.const 48) (i32.const 10))))

;; CHECK: hello from wat
;; CHECK-NOT: {{.}}
;; ERR: to stderr
