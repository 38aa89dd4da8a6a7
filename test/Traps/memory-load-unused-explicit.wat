;; A load whose value becomes unused only after inlining: guard-page mode
;; lets the optimiser delete such a load (LLVM treats loads as free of side
;; effects; see README, "Traps"), explicit bounds checks keep every trap.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.O0
;; RUN: %expect-exit 134 %t.O0 2>&1 | FileCheck %s
;; RUN: %w2n -O2 -fbounds-checks=explicit %t.wasm -o %t.explicit
;; RUN: %expect-exit 134 %t.explicit 2>&1 | FileCheck %s
;; CHECK: wasm trap: out of bounds memory access
(module
  (memory 1)
  (func $far (param $addr i32) (result i32)
    (i32.load offset=4294967295 (local.get $addr)))
  (func (export "_start")
    (drop (call $far (i32.const -1)))))
