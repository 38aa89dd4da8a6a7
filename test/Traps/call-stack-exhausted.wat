;; Each trap ends the program with "wasm trap: <reason>" and status 134 at
;; every optimisation level and in both bounds-checking modes.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.O0
;; RUN: %expect-exit 134 %t.O0 2>&1 | FileCheck %s
;; RUN: %w2n -O2 %t.wasm -o %t.O2
;; RUN: %expect-exit 134 %t.O2 2>&1 | FileCheck %s
;; RUN: %w2n -O2 -fbounds-checks=explicit %t.wasm -o %t.explicit
;; RUN: %expect-exit 134 %t.explicit 2>&1 | FileCheck %s
;; Runaway recursion exhausts the wasm stack (its own mapping with a guard
;; page), whatever `ulimit -s` says, and is never turned into a loop.
;; RUN: %expect-exit 134 sh -c 'ulimit -s 256; exec %t.O2' 2>&1 | FileCheck %s
;; CHECK: wasm trap: call stack exhausted
(module
  (func $runaway (call $runaway))
  (func $deep (param i32) (result i32)
    (i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (local.get 0)))
  (func (export "_start")
    (drop (call $deep (i32.const 0)))
    (call $runaway)))
