;; proc_exit ends the program at once with the given status.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: rm -f %t.exe
;; RUN: %w2n %t.wasm -o %t.exe
;; RUN: %expect-exit 7 %t.exe
;; RUN: %if node %{ %expect-exit 7 %node-wasi %t.wasm %}

(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (call $proc_exit (i32.const 7))
    unreachable))
