;; Three frames down to a trap, for test/Embed/trap-backtrace.c.
(module
  (func $inner (param i32) (result i32)
    (i32.div_s (i32.const 1) (local.get 0)))
  (func $middle (param i32) (result i32)
    (i32.add (call $inner (local.get 0)) (i32.const 1)))
  (func $outer (export "outer") (param i32) (result i32)
    (i32.add (call $middle (local.get 0)) (i32.const 2))))
