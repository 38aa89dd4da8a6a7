;; Integer division by zero traps with "integer divide by zero" and status
;; 134 at every optimisation level.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.O0
;; RUN: %expect-exit 134 %t.O0 2>&1 | FileCheck %s
;; RUN: %w2n -O2 %t.wasm -o %t.O2
;; RUN: %expect-exit 134 %t.O2 2>&1 | FileCheck %s
;; CHECK: wasm trap: integer divide by zero
;; CHECK-NOT: integer overflow
(module
  ;; Mutable, so the optimiser cannot see the values.
  (global $zero (mut i64) (i64.const 0))
  (global $result (mut i64) (i64.const 0))
  (func $div_u (param i64 i64) (result i64)
    (i64.div_u (local.get 0) (local.get 1)))
  (func (export "_start")
    ;; Fine: a non-zero divisor.
    (global.set $result (call $div_u (i64.const -1) (i64.const 3)))
    (global.set $result (call $div_u (i64.const 42) (global.get $zero)))))
