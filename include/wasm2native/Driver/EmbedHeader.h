//===- EmbedHeader.h - The typed C header of a compiled module --*- C++ -*-===//
//
// `-c --header` writes, next to the object, a C/C++ header that gives the
// module a typed API on top of wasm2native-embed.h: NAME_new/NAME_delete,
// one function per export with C parameter and result types, a struct with
// one typed field per import, accessors for exported memories, globals and
// tables.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_DRIVER_EMBEDHEADER_H
#define WASM2NATIVE_DRIVER_EMBEDHEADER_H

#include "wasm2native/Reader/WasmModule.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace wasm2native {

/// A wasm name as a C identifier: ASCII letters, digits and '_' stay, every
/// other byte becomes "_xHH" (its hex value), and a leading digit gets a
/// '_' in front. Collisions are resolved by the caller (a "_2", "_3" ...
/// suffix in declaration order).
std::string mangleCName(llvm::StringRef Name);

/// The descriptor symbol of a module compiled with --module-name=\p Prefix.
inline std::string descriptorSymbolFor(llvm::StringRef Prefix) {
  return Prefix.str() + "_module";
}

/// Writes the header for \p M with C prefix \p Prefix, whose object defines
/// descriptorSymbolFor(Prefix). \p InputName only goes into a comment.
void writeEmbedHeader(const WasmModule &M, llvm::StringRef Prefix,
                      llvm::StringRef InputName, llvm::raw_ostream &OS);

} // namespace wasm2native

#endif
