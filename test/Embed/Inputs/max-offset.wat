;; Accesses at the highest effective addresses a 32-bit memory allows:
;; address 0xffffffff plus offset 0xffffffff, up to 16 bytes wide.
(module
  (memory (export "memory") 1)
  (func (export "lane3-max") (result i32)
    (i32x4.extract_lane 3 (v128.load offset=0xffffffff (i32.const -1))))
  (func (export "shr-max") (result i64)
    (i64.shr_u (i64.load offset=0xffffffff (i32.const -1)) (i64.const 32)))
  (func (export "rmw-max")
    (i64.store offset=0xffffffff (i32.const -1)
      (i64.or (i64.load offset=0xffffffff (i32.const -1)) (i64.const 0x100))))
  (func (export "store-max")
    (i64.store offset=0xffffffff (i32.const -1) (i64.const 0)))
  (func (export "v128-store-max")
    (v128.store offset=0xffffffff (i32.const -1) (v128.const i64x2 0 0)))
  (func (export "store-in-bounds") (param i32 i32)
    (i32.store8 (local.get 0) (local.get 1)))
  (func (export "load-in-bounds") (param i32) (result i32)
    (i32.load8_u (local.get 0))))
