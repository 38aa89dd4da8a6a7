//===- Opcodes.h - Wasm opcode enumeration ----------------------*- C++ -*-===//
#ifndef WASM2NATIVE_READER_OPCODES_H
#define WASM2NATIVE_READER_OPCODES_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>

namespace wasm2native {

/// Prefixed opcodes are encoded as (Prefix << 16) | SubOpcode.
constexpr uint32_t MiscPrefix = 0xfc;
constexpr uint32_t SimdPrefix = 0xfd;

enum class Opcode : uint32_t {
#define WASM_OP(Name, Code, Text) Name = Code,
#define WASM_MISC_OP(Name, Code, Text) Name = (MiscPrefix << 16) | Code,
#define WASM_SIMD_OP(Name, Code, Text) Name = (SimdPrefix << 16) | Code,
#include "wasm2native/Reader/Opcodes.def"
};

/// The text-format name of \p Op, or "<unknown>".
llvm::StringRef opcodeName(Opcode Op);

/// True if \p Code (as returned by BinaryCursor::readOpcode) is a Wasm 2.0
/// instruction listed in Opcodes.def.
bool isKnownOpcode(uint32_t Code);

} // namespace wasm2native

#endif
