;; Each trap ends the program with "wasm trap: <reason>" and status 134 at
;; every optimisation level and in both bounds-checking modes.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.O0
;; RUN: %expect-exit 134 %t.O0 2>&1 | FileCheck %s
;; RUN: %w2n -O2 %t.wasm -o %t.O2
;; RUN: %expect-exit 134 %t.O2 2>&1 | FileCheck %s
;; RUN: %w2n -O2 -fbounds-checks=explicit %t.wasm -o %t.explicit
;; RUN: %expect-exit 134 %t.explicit 2>&1 | FileCheck %s
;; CHECK: wasm trap: indirect call type mismatch
(module
  (type $v (func))
  (type $i (func (param i32) (result i32)))
  (table funcref (elem $f))
  (func $f (param i32) (result i32) (local.get 0))
  (func (export "_start")
    (call_indirect (type $v) (i32.const 0))))
