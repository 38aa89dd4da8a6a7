;; Extended constant expressions (i32/i64 add, sub, mul) in global
;; initialisers, a data segment offset and an element segment offset, with
;; wrap-around, at -O0 and -O2. _start checks each value and exits with the
;; number of the first wrong one (0 when all are right).
;; RUN: %wat2wasm --enable-extended-const %s -o %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.O0
;; RUN: %expect-exit 0 %t.O0
;; RUN: %w2n -O2 %t.wasm -o %t.O2
;; RUN: %expect-exit 0 %t.O2
;; Without the feature the module is rejected where the first add is.
;; RUN: not %w2n --disable-extended-const %t.wasm -o %t.no 2>&1 | FileCheck %s --check-prefix=OFF
;; OFF: error: constant expression required

(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (table 8 funcref)
  (global $a i32 (i32.add (i32.mul (i32.const 6) (i32.const 7)) (i32.const 0)))
  (global $b i32 (i32.sub (i32.const 0) (i32.const 1)))
  (global $c i32 (i32.mul (i32.const 0x10000) (i32.const 0x10001)))
  (global $d i64 (i64.sub (i64.mul (i64.const 0x100000000) (i64.const 3)) (i64.const 5)))
  (data (offset (i32.add (i32.const 100) (i32.mul (i32.const 2) (i32.const 3)))) "\2a")
  (elem (offset (i32.sub (i32.const 7) (i32.const 2))) $five)
  (type $v_i (func (result i32)))
  (func $five (result i32) (i32.const 5))
  (func $check (param $cond i32) (param $code i32)
    (if (i32.eqz (local.get $cond)) (then (call $exit (local.get $code)))))
  (func (export "_start")
    (call $check (i32.eq (global.get $a) (i32.const 42)) (i32.const 1))
    (call $check (i32.eq (global.get $b) (i32.const -1)) (i32.const 2))
    ;; 0x10000 * 0x10001 = 0x100010000 wraps to 0x10000.
    (call $check (i32.eq (global.get $c) (i32.const 0x10000)) (i32.const 3))
    (call $check (i64.eq (global.get $d) (i64.const 0x2fffffffb)) (i32.const 4))
    (call $check (i32.eq (i32.load8_u (i32.const 106)) (i32.const 42)) (i32.const 5))
    (call $check (i32.eq (call_indirect (type $v_i) (i32.const 5)) (i32.const 5)) (i32.const 6))
    (call $exit (i32.const 0))))
