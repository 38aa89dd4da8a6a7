;; Invalid: the body leaves an f32 where the function returns i32.
;; Assembled with wat2wasm --no-check.
(module
  (func (export "f") (result i32)
    f32.const 0))
