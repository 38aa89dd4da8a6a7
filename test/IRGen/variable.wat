;; Locals are allocas that -O2 promotes to SSA values; globals are reached
;; through the instance's (invariant) slot pointers. Objects and IR are for
;; embedders, who keep an instance after a trap: a global.set is volatile so
;; that it is ordered with the (volatile) memory accesses that may fault.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 -S -emit-llvm %t.wasm -o - | FileCheck %s
;; RUN: %w2n -O2 -S -emit-llvm %t.wasm -o - | FileCheck %s --check-prefix=OPT
(module
  (global $g (mut i64) (i64.const 7))
  (func $bump (export "bump") (param $d i64) (result i64) (local $t i64)
    (local.set $t (i64.add (global.get $g) (local.get $d)))
    (global.set $g (local.get $t))
    (local.tee $t (i64.mul (local.get $t) (i64.const 2)))))

;; CHECK-LABEL: @wasm.bump(
;; CHECK: alloca i64
;; CHECK: %globals = load ptr, {{.*}}!invariant.load
;; CHECK: %global.slot = load ptr, {{.*}}!invariant.load
;; CHECK: %global = load i64, ptr %global.slot, align 8, !tbaa
;; CHECK: store volatile i64 %{{.*}}, ptr %global.slot{{.*}}, align 8, !tbaa
;; OPT-LABEL: @wasm.bump(
;; OPT-NOT: alloca
;; OPT: ret i64
;; The initialiser stores the global's initial value.
;; CHECK-LABEL: @wasm.initialize(
;; CHECK: store i64 7, ptr
