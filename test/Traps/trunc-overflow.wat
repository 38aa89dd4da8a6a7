;; A trapping truncation out of the integer range traps with "integer
;; overflow"; values that truncate into the range right at its edges do not.
;; The result is dropped: it must trap anyway.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.O0
;; RUN: %expect-exit 134 %t.O0 2>&1 | FileCheck %s
;; RUN: %w2n -O2 %t.wasm -o %t.O2
;; RUN: %expect-exit 134 %t.O2 2>&1 | FileCheck %s
;; CHECK: wasm trap: integer overflow
;; CHECK-NOT: invalid conversion
(module
  (global $below_min (mut f64) (f64.const -2147483648.9))
  (global $minus_0_9 (mut f32) (f32.const -0.9))
  (global $two_31 (mut f32) (f32.const 2147483648.0))
  (global $result (mut i32) (i32.const 0))
  (func $trunc_s_dropped (param f32)
    (drop (i32.trunc_f32_s (local.get 0))))
  (func (export "_start")
    ;; Fine: -2147483648.9 -> INT_MIN, -0.9 -> 0 (unsigned), and 2^31 -> i64.
    (global.set $result (i32.trunc_f64_s (global.get $below_min)))
    (global.set $result (i32.trunc_f32_u (global.get $minus_0_9)))
    (drop (i64.trunc_f32_s (global.get $two_31)))
    (call $trunc_s_dropped (global.get $two_31))))
