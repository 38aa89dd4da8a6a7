;; A table no code can write (defined, not exported, filled by active
;; segments only) becomes a constant array with a sentinel entry: call_indirect
;; clamps the index, selects the entry's code or a trapping stand-in, and
;; reads no instance state. A table that code may write keeps the dynamic
;; path.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 -S -emit-llvm %t.wasm -o - | FileCheck %s
;; RUN: %w2n -O2 %t.wasm -o %t.exe
;; RUN: %expect-exit 134 %t.exe 2>&1 | FileCheck %s --check-prefix=EXEC
(module
  (type $t (func (param i32) (result i32)))
  (type $v (func))
  (table $frozen 4 funcref)
  (table $dynamic 2 funcref)
  (elem (table $frozen) (i32.const 1) func $inc $dec)
  (elem (table $dynamic) (i32.const 0) func $inc)
  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $dec (param i32) (result i32) (i32.sub (local.get 0) (i32.const 1)))
  (func $via_frozen (param i32 i32) (result i32)
    (call_indirect $frozen (type $t) (local.get 1) (local.get 0)))
  (func $via_dynamic (param i32 i32) (result i32)
    (call_indirect $dynamic (type $t) (local.get 1) (local.get 0)))
  (func $writes (table.set $dynamic (i32.const 1) (ref.func $dec)))
  (func (export "_start")
    (call $writes)
    (drop (call $via_frozen (i32.const 1) (i32.const 10)))
    (drop (call $via_dynamic (i32.const 1) (i32.const 10)))
    ;; Slot 0 of the frozen table is null.
    (drop (call $via_frozen (i32.const 0) (i32.const 10)))))

;; CHECK: @wasm.table.0 = private {{.*}}constant [5 x { ptr, i32 }] [{ ptr, i32 } { ptr @w2n_trap_uninitialized_element, i32 0 }, { ptr, i32 } { ptr @wasm.inc, i32 1 }, { ptr, i32 } { ptr @wasm.dec, i32 1 }, { ptr, i32 } { ptr @w2n_trap_uninitialized_element, i32 0 }, { ptr, i32 } { ptr @w2n_trap_undefined_element, i32 -1 }]
;; CHECK-NOT: @wasm.table.1 =
;; CHECK-LABEL: @wasm.via_frozen(
;; CHECK: %index = call i32 @llvm.umin.i32(i32 %{{.*}}, i32 4)
;; CHECK: %callee.type = load i32, ptr %{{.*}}
;; CHECK: %entry.fn = load ptr
;; CHECK: icmp eq i32 %callee.type, 1
;; CHECK: %callee.fn = select i1 %{{.*}}, ptr %entry.fn, ptr @w2n_trap_indirect_call_type_mismatch
;; CHECK: call i32 %callee.fn(ptr %ctx,
;; CHECK-LABEL: @wasm.via_dynamic(
;; CHECK: %table.size = load i32
;; CHECK: %callee.ctx = load ptr
;; EXEC: wasm trap: uninitialized element
