;; A function name from the name section cannot forge lines of a trap
;; message: control characters are escaped where the name is stored (here
;; in a stripped executable, where the descriptor names the function).
;; RUN: %wat2wasm --debug-names %s -o %t.plain.wasm
;; The name "evil_NL_wasm_trap:_forged" gets a real newline in place of _NL_
;; (same length, so the section sizes stay right).
;; RUN: python3 -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d.replace(b'_NL_', b'\n\x1b[K'))" %t.plain.wasm %t.wasm
;; RUN: %w2n -O0 %t.wasm -o %t.exe
;; RUN: llvm-strip %t.exe
;; RUN: %expect-exit 134 %t.exe 2> %t.err
;; RUN: FileCheck %s --input-file %t.err
;; RUN: count 1 < %t.err
;; CHECK: wasm trap: unreachable in function evil\x0a\x1b[Kwasm_trap:_forged
(module
  (func $evil_NL_wasm_trap:_forged (export "evil") (unreachable))
  (func (export "_start") (call $evil_NL_wasm_trap:_forged)))
