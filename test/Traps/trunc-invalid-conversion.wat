;; A trapping float-to-int truncation of NaN traps with "invalid conversion
;; to integer" (not "integer overflow"); the saturating form gives 0.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.O0
;; RUN: %expect-exit 134 %t.O0 2>&1 | FileCheck %s
;; RUN: %w2n -O2 %t.wasm -o %t.O2
;; RUN: %expect-exit 134 %t.O2 2>&1 | FileCheck %s
;; CHECK: wasm trap: invalid conversion to integer
;; CHECK-NOT: integer overflow
(module
  (global $nan (mut f64) (f64.const -nan:0x4000000000000))
  (global $result (mut i64) (i64.const 0))
  (func $trunc_u (param f64) (result i64)
    (i64.trunc_f64_u (local.get 0)))
  (func (export "_start")
    ;; Fine: saturating.
    (global.set $result (i64.trunc_sat_f64_u (global.get $nan)))
    (global.set $result
      (i64.extend_i32_s (i32.trunc_sat_f32_s (f32.demote_f64 (global.get $nan)))))
    (global.set $result (call $trunc_u (global.get $nan)))))
