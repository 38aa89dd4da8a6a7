;; Imports with several results and with v128 values, for the typed API's
;; trampolines (several results come back through out-pointers in C).
(module
  (import "env" "divmod" (func $divmod (param i64 i64) (result i64 i64)))
  (import "env" "three" (func $three (param i32) (result i32 f64 i64)))
  (import "env" "vadd" (func $vadd (param v128 v128) (result v128)))
  ;; The v128 comes after five integers: past the x86-64 registers.
  (import "env" "vmix"
    (func $vmix (param i32 i32 i32 i32 i32 v128) (result i32)))
  (func (export "qr") (param i64 i64) (result i64) (local $r i64)
    (call $divmod (local.get 0) (local.get 1))
    (local.set $r)
    (i64.mul (i64.const 1000))
    (i64.add (local.get $r)))
  (func (export "sum3") (param i32) (result f64) (local $c i64) (local $b f64)
    (call $three (local.get 0))
    (local.set $c)
    (local.set $b)
    (f64.convert_i32_s)
    (f64.add (local.get $b))
    (f64.add (f64.convert_i64_s (local.get $c))))
  (func (export "vtest") (param i32) (result i32)
    (i32x4.extract_lane 3
      (call $vadd (i32x4.splat (local.get 0)) (v128.const i32x4 1 2 3 4))))
  (func (export "vmixed") (result i32)
    (call $vmix (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4)
                (i32.const 5) (v128.const i32x4 10 20 30 40)))
  (func (export "vdouble") (param i64 v128 f32) (result v128 f32)
    (i32x4.add (local.get 1) (local.get 1))
    (f32.mul (local.get 2) (f32.const 2))))
