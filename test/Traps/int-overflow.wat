;; INT_MIN / -1 traps with "integer overflow" (not a SIGFPE), also when the
;; quotient is dropped.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.O0
;; RUN: %expect-exit 134 %t.O0 2>&1 | FileCheck %s
;; RUN: %w2n -O2 %t.wasm -o %t.O2
;; RUN: %expect-exit 134 %t.O2 2>&1 | FileCheck %s
;; CHECK: wasm trap: integer overflow
;; CHECK-NOT: divide by zero
(module
  (global $minus_one (mut i64) (i64.const -1))
  (global $int_min (mut i64) (i64.const 0x8000000000000000))
  (global $result (mut i64) (i64.const 0))
  (func $div_s (param i64 i64) (result i64)
    (i64.div_s (local.get 0) (local.get 1)))
  (func $div_s_dropped (param i64 i64)
    (drop (i64.div_s (local.get 0) (local.get 1))))
  (func (export "_start")
    ;; Fine: INT_MIN / 1, INT_MAX / -1, INT_MIN % -1.
    (global.set $result
      (call $div_s (global.get $int_min) (i64.sub (i64.const 0)
                                                  (global.get $minus_one))))
    (global.set $result
      (call $div_s (i64.const 0x7fffffffffffffff) (global.get $minus_one)))
    (global.set $result
      (i64.rem_s (global.get $int_min) (global.get $minus_one)))
    (call $div_s_dropped (global.get $int_min) (global.get $minus_one))))
