;; The module's start function runs before _start; globals, a data segment
;; and an element segment are initialised before either runs.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: rm -f %t.exe
;; RUN: %w2n %t.wasm -o %t.exe
;; RUN: %expect-exit 0 %t.exe | FileCheck %s --match-full-lines
;; (No node reference: node:wasi refuses WASI calls made before wasi.start(),
;; i.e. from the start function.)

(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "start\n_start\n")
  (global $ran_start (mut i32) (i32.const 0))
  (table 2 funcref)
  (elem (i32.const 0) $print_start $print__start)
  (type $void (func))
  (func $write (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func $print_start (call $write (i32.const 100) (i32.const 6)))
  (func $print__start (call $write (i32.const 106) (i32.const 7)))
  (func $init
    (global.set $ran_start (i32.const 1))
    (call_indirect (type $void) (i32.const 0)))
  (start $init)
  (func (export "_start")
    (if (i32.eqz (global.get $ran_start)) (then unreachable))
    (call_indirect (type $void) (i32.const 1))))

;; CHECK:      start
;; CHECK-NEXT: _start
