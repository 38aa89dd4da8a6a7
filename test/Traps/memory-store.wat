;; Each trap ends the program with "wasm trap: <reason>" and status 134 at
;; every optimisation level and in both bounds-checking modes.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.O0
;; RUN: %expect-exit 134 %t.O0 2>&1 | FileCheck %s
;; RUN: %w2n -O2 %t.wasm -o %t.O2
;; RUN: %expect-exit 134 %t.O2 2>&1 | FileCheck %s
;; RUN: %w2n -O2 -fbounds-checks=explicit %t.wasm -o %t.explicit
;; RUN: %expect-exit 134 %t.explicit 2>&1 | FileCheck %s
;; CHECK: wasm trap: out of bounds memory access
(module
  (memory 1 2)
  (func $store_oob (param $addr i32) (param $v i64)
    (i64.store (local.get $addr) (local.get $v)))
  (func (export "_start")
    ;; Grown memory is writable up to its new end, not beyond.
    (drop (memory.grow (i32.const 1)))
    (call $store_oob (i32.const 131064) (i64.const 1))
    (call $store_oob (i32.const 131065) (i64.const 1))))
