;; `unreachable` traps: `wasm trap: ...` on stderr, exit status 134.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: rm -f %t.exe
;; RUN: %w2n %t.wasm -o %t.exe
;; RUN: %expect-exit 134 %t.exe 2> %t.err
;; RUN: FileCheck %s --input-file %t.err
;; RUN: %if node %{ %expect-exit 134 %node-wasi %t.wasm 2>&1 | FileCheck %s %}

(module
  (memory (export "memory") 1)
  (func $inner (unreachable))
  (func (export "_start") (call $inner)))

;; CHECK: wasm trap: {{.*}}unreachable
