;; Valid Wasm 2.0 (a passive segment may be longer than the memory): binaryen
;; 108 rejects it.
(module
  (import "fuzzing-support" "log-i32" (func $log (param i32)))
  (memory 0)
  (data $d "\01\02\03\04")
  (func (export "init-empty") (memory.init $d (i32.const 0) (i32.const 4) (i32.const 0)))
  (func (export "init-oob") (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1))))
