;; A remainder by zero whose result is dropped still traps (the spec's no_dce
;; cases), and INT_MIN % -1 is 0 rather than a trap or a SIGFPE.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.O0
;; RUN: %expect-exit 134 %t.O0 2>&1 | FileCheck %s
;; RUN: %w2n -O2 %t.wasm -o %t.O2
;; RUN: %expect-exit 134 %t.O2 2>&1 | FileCheck %s
;; CHECK: wasm trap: integer divide by zero
;; CHECK-NOT: integer overflow
(module
  (global $zero (mut i32) (i32.const 0))
  (global $minus_one (mut i32) (i32.const -1))
  (global $int_min (mut i32) (i32.const 0x80000000))
  (func $rem_s_dropped (param i32 i32)
    (drop (i32.rem_s (local.get 0) (local.get 1))))
  (func $rem_u_dropped (param i32 i32)
    (drop (i32.rem_u (local.get 0) (local.get 1))))
  (func $div_s_dropped (param i32 i32)
    (drop (i32.div_s (local.get 0) (local.get 1))))
  (func (export "_start")
    ;; None of these trap.
    (call $rem_s_dropped (global.get $int_min) (global.get $minus_one))
    (call $rem_u_dropped (global.get $int_min) (global.get $minus_one))
    (call $div_s_dropped (i32.const 7) (global.get $minus_one))
    ;; INT_MIN % 0 is a division by zero.
    (call $rem_s_dropped (global.get $int_min) (global.get $zero))))
