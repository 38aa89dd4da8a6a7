//===- EmitSIMD.cpp - Fixed-width SIMD (0xFD) instructions ----------------===//
#include "FunctionEmitter.h"
#include "wasm2native/Reader/WasmError.h"

using namespace llvm;
using namespace wasm2native;

Expected<bool> FunctionEmitter::emitSIMD(Opcode Op, BinaryCursor &Imm) {
  (void)Imm;
  return makeWasmError(InstrOffset, "SIMD instruction '" + opcodeName(Op) +
                                        "' is not supported yet");
}
