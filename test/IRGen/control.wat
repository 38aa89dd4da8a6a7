;; Control flow, calls and multi-value: structured blocks become basic blocks
;; with phis, br_table a switch, several results a first-class struct.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 -S -emit-llvm %t.wasm -o - | FileCheck %s
;; RUN: %w2n -O2 -S -emit-llvm %t.wasm -o %t.ll
;; RUN: FileCheck %s --check-prefix=OPT < %t.ll
;; The IR is ordinary LLVM IR: stock opt and llc take it.
;; RUN: %opt -O2 %t.ll -o - | %llc -o /dev/null

;; CHECK-LABEL: define {{.*}}i32 @wasm.select_max(ptr {{.*}}%ctx, i32 %0, i32 %1)
;; CHECK: icmp sgt i32
;; CHECK: select i1

;; CHECK-LABEL: @wasm.sum(
;; CHECK: loop:
;; CHECK: br i1 %br_if.cond, label %end, label %br_if.cont
;; CHECK: br label %loop
;; OPT-LABEL: @wasm.sum(
;; OPT-NOT: alloca

;; CHECK-LABEL: @wasm.dispatch(
;; CHECK: switch i32 %{{.*}}, label %end [
;; CHECK-NEXT: i32 0, label
;; CHECK-NEXT: i32 1, label

;; CHECK-LABEL: define {{.*}}{ i32, i64 } @wasm.pair(
;; CHECK: insertvalue { i32, i64 }
;; CHECK: ret { i32, i64 }

;; Every defined function is internal in an executable and private to the
;; "wasm." namespace; only the descriptor is visible.
;; RUN: %w2n -O2 %t.wasm -o %t.exe
;; RUN: llvm-nm %t.exe | FileCheck %s --check-prefix=SYMS
;; SYMS-DAG: t wasm.select_max
;; SYMS-DAG: t wasm.sum
;; SYMS-DAG: {{[DR]}} wasm2native_module
(module
  (memory 1)
  (global $g (mut i32) (i32.const 7))
  (table 2 funcref)
  (type $t (func (param i32) (result i32)))
  (func $select_max (export "select_max") (param i32 i32) (result i32)
    (select (local.get 0) (local.get 1) (i32.gt_s (local.get 0) (local.get 1))))
  (func $sum (export "sum") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  (func $dispatch (export "dispatch") (param i32) (result i32)
    (block $b2 (block $b1 (block $b0
      (br_table $b0 $b1 $b2 (local.get 0)))
      (return (i32.const 10)))
      (return (i32.const 11)))
    (i32.const 12))
  (func $pair (export "pair") (param i32) (result i32 i64)
    (local.get 0) (i64.extend_i32_u (local.get 0)))
  (func $load_store (export "load_store") (param i32)
    (i32.store offset=8 (local.get 0) (i32.load16_s offset=2 (local.get 0))))
  (func $glob (export "glob") (result i32)
    (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g))
  (func $indirect (export "indirect") (param i32) (result i32)
    (call_indirect (type $t) (i32.const 5) (local.get 0)))
  (func $grow (export "grow") (result i32) (memory.grow (i32.const 1)))
)
