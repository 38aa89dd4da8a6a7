//===- Opcodes.cpp - Wasm opcode names ------------------------------------===//

#include "wasm2native/Reader/Opcodes.h"

using namespace llvm;

namespace wasm2native {

StringRef opcodeName(Opcode Op) {
  switch (Op) {
#define WASM_OP(Name, Code, Text)                                              \
  case Opcode::Name:                                                           \
    return Text;
#define WASM_MISC_OP(Name, Code, Text) WASM_OP(Name, Code, Text)
#define WASM_SIMD_OP(Name, Code, Text) WASM_OP(Name, Code, Text)
#include "wasm2native/Reader/Opcodes.def"
  }
  return "<unknown>";
}

bool isKnownOpcode(uint32_t Code) {
  switch (static_cast<Opcode>(Code)) {
#define WASM_OP(Name, Code, Text)                                              \
  case Opcode::Name:                                                           \
    return true;
#define WASM_MISC_OP(Name, Code, Text) WASM_OP(Name, Code, Text)
#define WASM_SIMD_OP(Name, Code, Text) WASM_OP(Name, Code, Text)
#include "wasm2native/Reader/Opcodes.def"
  }
  return false;
}

} // namespace wasm2native
