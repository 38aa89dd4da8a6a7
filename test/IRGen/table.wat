;; Tables and references: call_indirect checks the index against the table
;; size, the element against null, and the canonical signature id.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 -S -emit-llvm %t.wasm -o - | FileCheck %s
(module
  (type $t (func (param i32) (result i32)))
  (table $tab 2 funcref)
  (table $ext 1 externref)
  (elem (table $tab) (i32.const 0) func $inc)
  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $indirect (export "indirect") (param i32) (result i32)
    (call_indirect (type $t) (i32.const 5) (local.get 0)))
  (func $get (export "get") (param i32) (result externref)
    (table.get $ext (local.get 0)))
  (func $isnull (export "isnull") (result i32)
    (ref.is_null (ref.func $inc)))
  (func $grow (export "grow") (result i32)
    (table.grow $tab (ref.null func) (i32.const 3))))

;; CHECK-LABEL: @wasm.indirect(
;; CHECK: %table.size = load i32
;; CHECK: icmp uge i32
;; CHECK: call void @w2n_trap(i32 7)
;; CHECK: %callee.ref = load ptr
;; CHECK: icmp eq ptr %callee.ref, null
;; CHECK: call void @w2n_trap(i32 8)
;; CHECK: %expected.type = load i32, {{.*}}!invariant.load
;; CHECK: %callee.type = load i32
;; CHECK: icmp ne i32 %callee.type, %expected.type
;; CHECK: call void @w2n_trap(i32 9)
;; CHECK: %callee.fn = load ptr
;; CHECK: %callee.ctx = load ptr
;; CHECK: call i32 %callee.fn(ptr %callee.ctx, i32 5)
;; CHECK-LABEL: @wasm.get(
;; CHECK: call void @w2n_trap(i32 6)
;; CHECK-LABEL: @wasm.isnull(
;; CHECK: %funcref = load ptr
;; CHECK: icmp eq ptr %funcref, null
;; CHECK-LABEL: @wasm.grow(
;; CHECK: call i32 @w2n_table_grow(ptr %ctx, i32 0, ptr null, i32 3)
;; The segment is applied at instantiation by the generated initialiser.
;; CHECK-LABEL: @wasm.initialize(
;; CHECK: call void @w2n_elem_segment_init(ptr %{{.*}}, i32 0,
;; CHECK: call void @w2n_table_init(ptr %{{.*}}, i32 0, i32 0, i32 0, i32 0, i32 1)
;; CHECK: call void @w2n_elem_drop(
