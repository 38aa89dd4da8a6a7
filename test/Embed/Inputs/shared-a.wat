;; Module A of the shared-library tests: memory, a mutable global, traps of
;; every origin (guard-page fault, stack overflow, explicit check), a host
;; import and an import with two results.
(module
  (import "env" "note" (func $note (param i32)))
  (import "env" "pair" (func $pair (param i32) (result i32 i64)))
  (memory (export "mem") 1 2)
  (global $count (export "count") (mut i32) (i32.const 0))
  (func (export "poke") (param i32 i32)
    (i32.store (local.get 0) (local.get 1)))
  (func (export "peek") (param i32) (result i32)
    (i32.load (local.get 0)))
  (func (export "div") (param i32 i32) (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (i32.div_s (local.get 0) (local.get 1)))
  (func $recurse (export "recurse") (param i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get 0) (i32.const 1)))
             (i32.const 1)))
  (func (export "call_note") (param i32)
    (call $note (local.get 0)))
  ;; pair(x) = (a, b); returns a * b.
  (func (export "use_pair") (param i32) (result i64) (local $b i64)
    (call $pair (local.get 0))
    (local.set $b)
    (i64.extend_i32_s)
    (local.get $b)
    (i64.mul)))
