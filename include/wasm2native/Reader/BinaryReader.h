//===- BinaryReader.h - Decode a Wasm binary ---------------------*- C++ -*-===//
#ifndef WASM2NATIVE_READER_BINARYREADER_H
#define WASM2NATIVE_READER_BINARYREADER_H

#include "wasm2native/Reader/Features.h"
#include "wasm2native/Reader/WasmModule.h"
#include "llvm/Support/Error.h"
#include <memory>

namespace wasm2native {

/// Decodes a whole module (all Wasm 2.0 sections, custom `name` section
/// included), checking the binary format's structural rules: section order
/// and sizes, LEB128 limits, UTF-8 names, function/code count agreement,
/// data count. Takes ownership of \p Bytes. Errors are WasmErrors.
llvm::Expected<std::unique_ptr<WasmModule>>
readWasmModule(std::vector<uint8_t> Bytes,
               const FeatureSet &Features = FeatureSet::defaults());

/// Runs the spec's validation algorithm over a decoded module: index and
/// type checks of every section, constant expressions, and every function
/// body with operand and control stacks. Errors are WasmErrors whose
/// message reads like `type mismatch in i32.add, expected i32 but got f64`.
/// Records the ModuleFacts of \p M.
llvm::Error validateWasmModule(WasmModule &M,
                               const FeatureSet &Features = FeatureSet::defaults());

} // namespace wasm2native

#endif
