;; Module B of the shared-library tests: different exports, an import the
;; host implements by calling into module A.
(module
  (import "env" "call_a" (func $call_a (param i32) (result i32)))
  (memory (export "memory") 1)
  (func $fib (export "fib") (param i64) (result i64)
    (if (result i64) (i64.lt_u (local.get 0) (i64.const 2))
      (then (local.get 0))
      (else (i64.add (call $fib (i64.sub (local.get 0) (i64.const 1)))
                     (call $fib (i64.sub (local.get 0) (i64.const 2)))))))
  (func (export "load_at") (param i32) (result i32)
    (i32.load (local.get 0)))
  (func (export "via_host") (param i32) (result i32)
    (i32.add (call $call_a (local.get 0)) (i32.const 1000)))
  (func (export "boom") unreachable))
