;; Every out-of-bounds access traps where wasm says, and the memory and
;; globals after the trap hold exactly the stores made before it, at every
;; -O and in both exact bounds-checking modes (the spec runner keeps using
;; the instance after a trap, as an embedder does). Each case is one LLVM
;; would otherwise optimise away: the plain-access lowering behind
;; -fbounds-checks=inexact loses some of these traps, which shows the cases
;; bite.
;; RUN: rm -rf %t && mkdir -p %t/trap-cases && %wast2json %s -o %t/trap-cases/trap-cases.json
;; RUN: %w2n-spec -O0 %t | FileCheck %s
;; RUN: %w2n-spec -O2 %t | FileCheck %s
;; RUN: %w2n-spec -O3 %t | FileCheck %s
;; RUN: %w2n-spec -O0 -fbounds-checks=explicit %t | FileCheck %s
;; RUN: %w2n-spec -O2 -fbounds-checks=explicit %t | FileCheck %s
;; RUN: not %w2n-spec -O2 -fbounds-checks=inexact %t | FileCheck %s --check-prefix=INEXACT
;; CHECK: passed trap-cases: [[N:[0-9]+]] passed, 0 failed, 0 skipped
;; INEXACT: failed trap-cases:

(module
  (memory 1)
  (global $g (export "g") (mut i32) (i32.const 0))

  ;; -- A loaded value that is used, yet the load could vanish --------------
  ;; Sunk into the branch that is not taken.
  (func (export "sunk") (param $c i32) (local $x i32)
    (local.set $x (i32.load (i32.const 0x10000)))
    (if (local.get $c) (then (i32.store (i32.const 200) (local.get $x)))))
  ;; Narrowed to the in-bounds low half or byte.
  (func (export "wrap") (result i32)
    (i32.wrap_i64 (i64.load (i32.const 65532))))
  (func (export "and-ff") (result i32)
    (i32.and (i32.load (i32.const 65533)) (i32.const 0xff)))
  (func (export "load16-low") (result i32)
    (i32.and (i32.load16_u (i32.const 65535)) (i32.const 0xff)))
  ;; A select of two loads turned into one load of a selected address.
  (func (export "select") (param $c i32) (result i32)
    (select (i32.load (i32.const 0)) (i32.load (i32.const 65536))
            (local.get $c)))
  ;; A store of what was just loaded from the same place is a no-op.
  (func (export "noop-store") (param $p i32)
    (i32.store (local.get $p) (i32.load (local.get $p))))
  ;; Results dropped after arithmetic, or all but one SIMD lane unused.
  (func (export "drop-add")
    (drop (i32.add (i32.load (i32.const 65536)) (i32.const 1))))
  (func (export "lane0") (result i32)
    (i32x4.extract_lane 0 (v128.load (i32.const 65532))))
  ;; Loads folded into a comparison whose outcome is known.
  (func (export "cmp-self") (result i32)
    (i32.eq (i32.load (i32.const 65534)) (i32.load (i32.const 65534))))

  ;; -- The highest effective addresses: address + offset near 8 GiB -------
  (func (export "lane3-max") (result i32)
    (i32x4.extract_lane 3 (v128.load offset=0xffffffff (i32.const -1))))
  (func (export "shr-max") (result i64)
    (i64.shr_u (i64.load offset=0xffffffff (i32.const -1)) (i64.const 32)))
  (func (export "rmw-max")
    (i64.store offset=0xffffffff (i32.const -1)
      (i64.or (i64.load offset=0xffffffff (i32.const -1)) (i64.const 0x100))))
  (func (export "store-max")
    (i64.store offset=0xffffffff (i32.const -1) (i64.const 0)))

  ;; -- Stores before a trap happen, stores after do not ------------------
  (func (export "store-trap-store")
    (i32.store (i32.const 0) (i32.const 1))
    (drop (i32.load (i32.const 65536)))
    (i32.store (i32.const 0) (i32.const 2)))
  (func (export "store-trap-store-used") (result i32)
    (i32.store (i32.const 4) (i32.const 1))
    (i32.load (i32.const 65536))
    (i32.store (i32.const 4) (i32.const 2)))
  ;; Two adjacent stores, the second out of bounds: one 8-byte store would
  ;; lose the first.
  (func (export "adjacent")
    (i32.store (i32.const 65532) (i32.const 0x11111111))
    (i32.store (i32.const 65536) (i32.const 0x22222222)))
  (func (export "adjacent-bytes")
    (i32.store8 (i32.const 65534) (i32.const 0x33))
    (i32.store8 (i32.const 65535) (i32.const 0x44))
    (i32.store8 (i32.const 65536) (i32.const 0x55)))
  ;; A global set before the trap, and one after that must not happen.
  (func (export "global-trap")
    (global.set $g (i32.const 7))
    (drop (i32.load (i32.const 65536)))
    (global.set $g (i32.const 8)))
  ;; Out-of-bounds store in a loop: every iteration before it is done.
  (func (export "loop-fill") (param $p i32)
    (loop $l
      (i32.store8 (local.get $p) (i32.const 0x66))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $l)))

  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
)

(assert_trap (invoke "sunk" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "sunk" (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "load" (i32.const 200)) (i32.const 0))
(assert_trap (invoke "wrap") "out of bounds memory access")
(assert_trap (invoke "and-ff") "out of bounds memory access")
(assert_trap (invoke "load16-low") "out of bounds memory access")
(assert_trap (invoke "select" (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "select" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "noop-store" (i32.const 65534)) "out of bounds memory access")
(assert_return (invoke "noop-store" (i32.const 65532)))
(assert_trap (invoke "drop-add") "out of bounds memory access")
(assert_trap (invoke "lane0") "out of bounds memory access")
(assert_trap (invoke "cmp-self") "out of bounds memory access")

(assert_trap (invoke "lane3-max") "out of bounds memory access")
(assert_trap (invoke "shr-max") "out of bounds memory access")
(assert_trap (invoke "rmw-max") "out of bounds memory access")
(assert_trap (invoke "store-max") "out of bounds memory access")

(assert_trap (invoke "store-trap-store") "out of bounds memory access")
(assert_return (invoke "load" (i32.const 0)) (i32.const 1))
(assert_trap (invoke "store-trap-store-used") "out of bounds memory access")
(assert_return (invoke "load" (i32.const 4)) (i32.const 1))
(assert_trap (invoke "adjacent") "out of bounds memory access")
(assert_return (invoke "load" (i32.const 65532)) (i32.const 0x11111111))
(assert_trap (invoke "adjacent-bytes") "out of bounds memory access")
(assert_return (invoke "load8" (i32.const 65534)) (i32.const 0x33))
(assert_return (invoke "load8" (i32.const 65535)) (i32.const 0x44))
(assert_trap (invoke "global-trap") "out of bounds memory access")
(assert_return (get "g") (i32.const 7))
(assert_trap (invoke "loop-fill" (i32.const 65000)) "out of bounds memory access")
(assert_return (invoke "load8" (i32.const 65000)) (i32.const 0x66))
(assert_return (invoke "load8" (i32.const 65535)) (i32.const 0x66))
