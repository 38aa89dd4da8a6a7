;; "run" calls the host, which calls back into "boom" (a trap) and then into
;; "store" (an out-of-bounds store when its argument is big).
(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (memory 1)
  (func (export "run") (param i32) (result i32)
    (i32.add (call $host (local.get 0)) (i32.const 100)))
  (func (export "boom") (unreachable))
  (func (export "store") (param i32) (i32.store (local.get 0) (i32.const 1))))
