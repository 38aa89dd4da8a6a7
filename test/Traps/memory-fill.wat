;; Each trap ends the program with "wasm trap: <reason>" and status 134 at
;; every optimisation level and in both bounds-checking modes.
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
  (func (export "_start")
    (memory.fill (i32.const 65530) (i32.const 0) (i32.const 7))))
