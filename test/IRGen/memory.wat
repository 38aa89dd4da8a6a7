;; Linear memory: base + zext(address) + offset with no check in guard-page
;; mode (not inbounds, never dereferenceable, every access volatile so that
;; it traps where wasm says), an explicit compare against the current size
;; and plain accesses with -fbounds-checks=explicit, plain accesses except a
;; dropped load with -fbounds-checks=inexact.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %w2n -O0 -S -emit-llvm %t.wasm -o - | FileCheck %s
;; RUN: %w2n -O2 -S -emit-llvm %t.wasm -o - | FileCheck %s --check-prefix=OPT
;; RUN: %w2n -O0 -fbounds-checks=explicit -S -emit-llvm %t.wasm -o - | FileCheck %s --check-prefix=EXPLICIT
;; RUN: %w2n -O0 -fbounds-checks=inexact -S -emit-llvm %t.wasm -o - | FileCheck %s --check-prefix=INEXACT
(module
  (memory 1)
  (func $load_store (export "load_store") (param i32)
    (i32.store offset=8 (local.get 0) (i32.load16_s offset=2 (local.get 0))))
  (func $dropped (export "dropped") (param i32)
    (drop (i64.load (local.get 0))))
  (func $grow (export "grow") (result i32) (memory.grow (i32.const 1)))
  (func $size (export "size") (result i32) (memory.size))
  (func $copy (export "copy") (param i32 i32 i32)
    (memory.copy (local.get 0) (local.get 1) (local.get 2))))

;; CHECK-LABEL: @wasm.load_store(
;; CHECK: %membase = load ptr, ptr %{{.*}}, !invariant.load
;; CHECK: %addr = zext i32 %{{.*}} to i64
;; CHECK: %ea = add nuw i64 %addr, 2
;; CHECK: %ptr = getelementptr i8, ptr %membase, i64 %ea
;; CHECK: load volatile i16, ptr %ptr, align 1, !tbaa
;; CHECK: sext i16
;; CHECK: store volatile i32 %{{.*}}, ptr %{{.*}}, align 1, !tbaa
;; A load whose value is dropped stays (it may trap).
;; CHECK-LABEL: @wasm.dropped(
;; CHECK: load volatile i64
;; CHECK-LABEL: @wasm.grow(
;; CHECK: call i32 @w2n_memory_grow(ptr %ctx, i32 1)
;; CHECK-LABEL: @wasm.size(
;; CHECK: lshr i64 %memsize, 16
;; CHECK-LABEL: @wasm.copy(
;; CHECK: call void @w2n_memory_copy(ptr %ctx,

;; EXPLICIT-LABEL: @wasm.load_store(
;; EXPLICIT: %memsize = load i64
;; EXPLICIT: icmp ugt i64
;; EXPLICIT: br i1 %{{.*}}, label %trap, label %cont
;; EXPLICIT: trap:
;; EXPLICIT-NEXT: call void @w2n_trap(i32 5)
;; EXPLICIT: load i16, ptr %ptr, align 1, !tbaa
;; EXPLICIT: store i32 %{{.*}}, ptr %{{.*}}, align 1, !tbaa
;; EXPLICIT-LABEL: @wasm.dropped(
;; EXPLICIT: call void @w2n_trap(i32 5)

;; INEXACT-LABEL: @wasm.load_store(
;; INEXACT: load i16, ptr %ptr, align 1, !tbaa
;; INEXACT: store i32 %{{.*}}, ptr %{{.*}}, align 1, !tbaa
;; INEXACT-LABEL: @wasm.dropped(
;; INEXACT: load volatile i64

;; The optimiser keeps every guarded access, also the dropped one.
;; OPT-LABEL: @wasm.load_store(
;; OPT: load volatile i16
;; OPT: store volatile i32
;; OPT-LABEL: @wasm.dropped(
;; OPT: load volatile i64
