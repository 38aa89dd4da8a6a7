;; The largest static offset lands in the guard region, never elsewhere.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.O0
;; RUN: %expect-exit 134 %t.O0 2>&1 | FileCheck %s
;; RUN: %w2n -O2 %t.wasm -o %t.O2
;; RUN: %expect-exit 134 %t.O2 2>&1 | FileCheck %s
;; RUN: %w2n -O2 -fbounds-checks=explicit %t.wasm -o %t.explicit
;; RUN: %expect-exit 134 %t.explicit 2>&1 | FileCheck %s
;; CHECK: wasm trap: out of bounds memory access
(module
  (memory 1)
  (global $sink (mut i32) (i32.const 0))
  (func $far (param $addr i32) (result i32)
    (i32.load offset=4294967295 (local.get $addr)))
  (func (export "_start")
    (global.set $sink (call $far (i32.const -1)))))
