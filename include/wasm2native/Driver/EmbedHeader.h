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
#include <vector>

namespace llvm {
class Module;
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

/// The C names of a module's typed API, shared by the header and by the
/// code generated for it (import trampolines, a -shared library's
/// functions), which must agree on them and on NAME_imports' layout.
struct EmbedAPI {
  struct ImportField {
    const Import *I;
    std::string Name;  ///< the NAME_imports field
    uint32_t Position; ///< index in the module's imports
  };
  struct ExportItem {
    const Export *E;
    std::string Name; ///< NAME_<Name>
    uint32_t Index;   ///< index in the module's exports
  };
  std::string Prefix;
  /// The non-WASI imports: NAME_imports' fields after `host`, in order.
  std::vector<ImportField> Imports;
  std::vector<ExportItem> Exports;
  bool UsesWASI = false; ///< NAME_imports ends with a `wasi` member
};

/// Names \p M's imports and exports under C prefix \p Prefix.
EmbedAPI computeEmbedAPI(const WasmModule &M, llvm::StringRef Prefix);

/// The symbol of the trampoline of import \p Position: the entry with the
/// runtime's signature that calls the typed NAME_imports field.
inline std::string importTrampolineSymbol(llvm::StringRef Prefix,
                                          uint32_t Position) {
  return Prefix.str() + "__import_" + std::to_string(Position);
}

/// Writes the header for \p M, whose object defines
/// descriptorSymbolFor(API.Prefix). \p InputName only goes into a comment.
/// \p Shared: the API is a -shared library's exported functions (declared
/// here, NAME_instance opaque) instead of static inline code over the
/// runtime; \p ImportsSize is then sizeof(NAME_imports) in the library,
/// which the header checks.
void writeEmbedHeader(const WasmModule &M, const EmbedAPI &API,
                      llvm::StringRef InputName, bool Shared,
                      uint64_t ImportsSize, llvm::raw_ostream &OS);

/// Adds the typed API's code to \p IR, the module's LLVM IR: the import
/// trampolines (hidden), and with \p Shared the NAME_* functions of the
/// header as exported definitions and the w2n_api_desc they use. Every
/// other definition of \p IR becomes hidden with \p Shared, so that the
/// library exports the typed API only. The exported wasm functions become
/// local symbols, unless \p Partitioned (the other partitions refer to
/// them; they are hidden then). Returns sizeof(NAME_imports).
uint64_t emitEmbedAPI(const WasmModule &WM, const EmbedAPI &API,
                      llvm::Module &IR, bool Shared, bool Partitioned = false);

/// Gives every non-local definition of \p IR hidden visibility: the other
/// partitions of a -shared library's module.
void hideDefinitions(llvm::Module &IR);

} // namespace wasm2native

#endif
