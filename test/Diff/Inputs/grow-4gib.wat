;; memory.grow to the whole 4 GiB of a memory32: the spec lets a grow fail
;; whatever the limits, binaryen's interpreter always fails it, wasm2native
;; reserves the whole range anyway and succeeds.
(module
  (import "fuzzing-support" "log-i32" (func $log (param i32)))
  (memory 0)
  (func (export "grow-all") (call $log (memory.grow (i32.const 65536)))))
