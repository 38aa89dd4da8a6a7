;; In an executable every out-of-bounds access traps where wasm says: the
;; host call before it has happened (it printed "before"), none after it
;; ("after" never appears), the status is 134. Each case is one that plain
;; LLVM loads lose (deleted, narrowed, sunk, merged) or that reaches the end
;; of the 8 GiB guard region. The first argument's letter picks the case.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.O0
;; RUN: %w2n -O2 %t.wasm -o %t.O2
;; RUN: %w2n -O2 -fbounds-checks=explicit %t.wasm -o %t.explicit
;; The IR keeps the guarantees through stock opt, back into the driver.
;; RUN: %w2n -O2 -S -emit-llvm %t.wasm -o %t.ll
;; RUN: %opt -O3 %t.ll -o %t.opt.bc
;; RUN: %w2n -O2 %t.opt.bc -o %t.ir
;; RUN: %expect-exit 134 %t.O0 a 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O0 b 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O0 c 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O0 d 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O0 e 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O0 f 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O0 g 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O0 h 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O0 i 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O0 j 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O0 k 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O0 l 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O2 a 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O2 b 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O2 c 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O2 d 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O2 e 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O2 f 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O2 g 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O2 h 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O2 i 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O2 j 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O2 k 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.O2 l 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.explicit a 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.explicit b 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.explicit c 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.explicit d 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.explicit e 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.explicit f 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.explicit g 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.explicit h 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.explicit i 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.explicit j 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.explicit k 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.explicit l 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.ir a 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.ir b 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.ir c 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.ir d 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.ir e 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.ir f 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.ir g 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.ir h 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.ir i 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.ir j 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.ir k 2>&1 | FileCheck %s
;; RUN: %expect-exit 134 %t.ir l 2>&1 | FileCheck %s
;; CHECK: before
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
(module
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get"
    (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 2048) "before\n")
  (data (i32.const 2056) "after\n")

  (func $say (param $at i32) (param $len i32)
    (i32.store (i32.const 1024) (local.get $at))
    (i32.store (i32.const 1028) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 1024) (i32.const 1)
                          (i32.const 1032))))

  (func $sunk (param $c i32) (local $x i32)
    (local.set $x (i32.load (i32.const 0x10000)))
    (if (local.get $c) (then (i32.store (i32.const 200) (local.get $x)))))
  (func $wrap (result i32) (i32.wrap_i64 (i64.load (i32.const 65532))))
  (func $and-ff (result i32)
    (i32.and (i32.load (i32.const 65533)) (i32.const 0xff)))
  (func $select (param $c i32) (result i32)
    (select (i32.load (i32.const 0)) (i32.load (i32.const 65536))
            (local.get $c)))
  (func $noop-store (param $p i32)
    (i32.store (local.get $p) (i32.load (local.get $p))))
  (func $drop-add (drop (i32.add (i32.load (i32.const 65536)) (i32.const 1))))
  (func $lane0 (result i32)
    (i32x4.extract_lane 0 (v128.load (i32.const 65532))))
  (func $lane3-max (result i32)
    (i32x4.extract_lane 3 (v128.load offset=0xffffffff (i32.const -1))))
  (func $shr-max (result i64)
    (i64.shr_u (i64.load offset=0xffffffff (i32.const -1)) (i64.const 32)))
  (func $rmw-max
    (i64.store offset=0xffffffff (i32.const -1)
      (i64.or (i64.load offset=0xffffffff (i32.const -1)) (i64.const 0x100))))
  (func $loop-fill (param $p i32)
    (loop $l
      (i32.store8 (local.get $p) (i32.const 0x66))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $l)))
  (func $cmp-self (result i32)
    (i32.eq (i32.load (i32.const 65534)) (i32.load (i32.const 65534))))

  (func (export "_start") (local $case i32)
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (drop (call $args_get (i32.const 16) (i32.const 256)))
    (local.set $case
      (i32.sub (i32.load8_u (i32.load (i32.const 20))) (i32.const 97)))
    (call $say (i32.const 2048) (i32.const 7))
    (block $done (block $l (block $k (block $j (block $i (block $h (block $g
    (block $f (block $e (block $d (block $c (block $b (block $a
      (br_table $a $b $c $d $e $f $g $h $i $j $k $l (local.get $case)))
      (call $sunk (i32.const 0)) (br $done))
      (drop (call $wrap)) (br $done))
      (drop (call $and-ff)) (br $done))
      (drop (call $select (i32.const 1))) (br $done))
      (call $noop-store (i32.const 65534)) (br $done))
      (call $drop-add) (br $done))
      (drop (call $lane0)) (br $done))
      (drop (call $lane3-max)) (br $done))
      (drop (call $shr-max)) (br $done))
      (call $rmw-max) (br $done))
      (call $loop-fill (i32.const 65000)) (br $done))
      (drop (call $cmp-self)) (br $done))
    (call $say (i32.const 2056) (i32.const 6))))
