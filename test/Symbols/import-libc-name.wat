;; An import nobody provides is an error that names it, even when libc has a
;; function of that name; no executable is written.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: rm -f %t.exe
;; RUN: not %w2n %t.wasm -o %t.exe 2>&1 | FileCheck %s -DFILE=%t.wasm
;; RUN: %expect-exit 1 test -e %t.exe
;; CHECK: [[FILE]]:0x{{[0-9a-f]+}}: error: unresolved import 'env.system'
;; As an object file the import stays an instance slot for an embedder to
;; fill: no undefined reference to libc's system().
;; RUN: %w2n -c %t.wasm -o %t.o
;; RUN: llvm-nm %t.o | FileCheck %s --check-prefix=OBJ
;; OBJ-NOT: system
(module
  (import "env" "system" (func $system (param i32) (result i32)))
  (func (export "_start") (drop (call $system (i32.const 0)))))
