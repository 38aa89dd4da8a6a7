;; table.grow by 2^32-1 of a table without a maximum: the grow must fail
;; (-1); wabt's wasm-interp allocates first and dies of std::bad_alloc.
(module
  (table $t 0 funcref)
  (func (export "grow") (result i32) (table.grow $t (ref.null func) (i32.const -1))))
