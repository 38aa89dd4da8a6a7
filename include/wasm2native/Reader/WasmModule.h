//===- WasmModule.h - In-memory form of a decoded Wasm module ---*- C++ -*-===//
//
// What the binary reader produces and the validator and IR generator consume.
// Function bodies are kept as byte ranges of the input; the IR generator
// decodes them again with decodeInstruction(), as the validator does.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_READER_WASMMODULE_H
#define WASM2NATIVE_READER_WASMMODULE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wasm2native {

enum class ValType : uint8_t {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
};

llvm::StringRef valTypeName(ValType T);
inline bool isRefType(ValType T) {
  return T == ValType::FuncRef || T == ValType::ExternRef;
}

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };

struct FuncType {
  llvm::SmallVector<ValType, 4> Params;
  llvm::SmallVector<ValType, 2> Results;
  bool operator==(const FuncType &O) const {
    return Params == O.Params && Results == O.Results;
  }
};

struct Limits {
  uint64_t Min = 0;
  std::optional<uint64_t> Max;
  uint64_t Offset = 0; // byte offset of the limits in the input
};

struct TableType {
  ValType ElemType = ValType::FuncRef;
  Limits Lim;
};

struct MemoryType {
  Limits Lim; // in pages
  bool Is64 = false; // memory64: i64 addresses
};

struct GlobalType {
  ValType Type = ValType::I32;
  bool Mutable = false;
};

/// A constant expression (global initialiser, segment offset, element
/// expression). Wasm 2.0 allows a single instruction of these kinds; with
/// extended-const, i32/i64 add, sub and mul may combine them, and such an
/// expression is a Program. i32.const values are stored zero-extended in
/// Bits.
struct ConstExpr {
  enum Kind : uint8_t {
    I32Const,
    I64Const,
    F32Const,
    F64Const,
    V128Const,
    RefNull,
    RefFunc,
    GlobalGet,
    /// An arithmetic instruction of a Program: Bits holds its Opcode.
    Arith,
    /// Insts holds the instructions (without the final end).
    Program
  } K = I32Const;
  std::vector<ConstExpr> Insts;
  uint64_t Bits = 0;     // integer value or float bit pattern
  uint8_t V128[16] = {}; // V128Const
  uint32_t Index = 0;    // RefFunc function / GlobalGet global index
  ValType RefType = ValType::FuncRef; // RefNull
  uint64_t Offset = 0; // byte offset of the expression in the input
};

struct Import {
  std::string Module;
  std::string Field;
  ExternKind Kind = ExternKind::Func;
  uint32_t FuncTypeIndex = 0; // Kind == Func
  TableType Table;            // Kind == Table
  MemoryType Memory;          // Kind == Memory
  GlobalType Global;          // Kind == Global
  uint64_t Offset = 0;
};

struct Export {
  std::string Name;
  ExternKind Kind = ExternKind::Func;
  uint32_t Index = 0;
  uint64_t Offset = 0;
};

struct Global {
  GlobalType Type;
  ConstExpr Init;
};

struct Local {
  uint32_t Count = 0;
  ValType Type = ValType::I32;
};

/// A function defined in the module (imports are in WasmModule::Imports).
struct Function {
  uint32_t TypeIndex = 0;
  std::vector<Local> Locals;    // compressed local declarations
  llvm::ArrayRef<uint8_t> Body; // instructions after the locals, incl.
                                // the final `end`
  uint64_t BodyOffset = 0;      // file offset of Body.front()
  uint64_t DeclOffset = 0;      // offset of its function-section entry
};

struct ElemSegment {
  enum Mode : uint8_t { Active, Passive, Declarative } SegMode = Active;
  uint32_t TableIndex = 0;
  ConstExpr Offset; // Active only
  ValType ElemType = ValType::FuncRef;
  std::vector<ConstExpr> Items; // ref.func / ref.null / global.get
  uint64_t FileOffset = 0;
};

struct DataSegment {
  bool IsActive = true;
  uint32_t MemoryIndex = 0;
  ConstExpr Offset; // Active only
  llvm::ArrayRef<uint8_t> Bytes;
  uint64_t FileOffset = 0;
};

/// What the validator learns from the function bodies that later stages
/// need, so that no stage decodes the bodies again.
struct ModuleFacts {
  /// Tables that some instruction may write (table.set/grow/fill/init and
  /// the destination of table.copy), by table index.
  llvm::BitVector WrittenTables;
};

/// A decoded module. Index spaces count imports first, as in the spec.
struct WasmModule {
  std::vector<FuncType> Types;
  std::vector<Import> Imports;
  std::vector<Function> Functions;  // defined functions only
  std::vector<TableType> Tables;    // defined tables only
  std::vector<MemoryType> Memories; // defined memories only
  std::vector<Global> Globals;      // defined globals only
  std::vector<Export> Exports;
  std::optional<uint32_t> Start;
  uint64_t StartOffset = 0; // offset of the start section's index
  std::vector<ElemSegment> Elems;
  std::vector<DataSegment> Datas;
  std::optional<uint32_t> DataCount;

  // Name section (optional; empty strings where absent).
  std::string ModuleName;
  std::vector<std::string> FunctionNames; // by function index, may be short

  // Derived index-space views, filled by the reader.
  uint32_t NumImportedFuncs = 0;
  uint32_t NumImportedTables = 0;
  uint32_t NumImportedMemories = 0;
  uint32_t NumImportedGlobals = 0;
  /// Position in Imports of each imported function/table/memory/global,
  /// indexed by ExternKind, so the index-space helpers are O(1). Filled by
  /// the reader; hand-built modules may leave it empty (helpers then scan).
  std::vector<uint32_t> ImportPositions[4];

  uint32_t numFuncs() const { return NumImportedFuncs + Functions.size(); }
  uint32_t numTables() const { return NumImportedTables + Tables.size(); }
  uint32_t numMemories() const { return NumImportedMemories + Memories.size(); }
  uint32_t numGlobals() const { return NumImportedGlobals + Globals.size(); }

  /// Type index of function \p FuncIndex (imports first).
  uint32_t funcTypeIndex(uint32_t FuncIndex) const;
  const FuncType &funcType(uint32_t FuncIndex) const {
    return Types[funcTypeIndex(FuncIndex)];
  }
  GlobalType globalType(uint32_t GlobalIndex) const;
  TableType tableType(uint32_t TableIndex) const;
  MemoryType memoryType(uint32_t MemoryIndex) const;
  /// The import that provides function/table/memory/global \p Index of
  /// kind \p K, or nullptr if it is defined in the module.
  const Import *importFor(ExternKind K, uint32_t Index) const;
  /// Name-section name of a function, or "" when it has none.
  llvm::StringRef functionName(uint32_t FuncIndex) const {
    return FuncIndex < FunctionNames.size()
               ? llvm::StringRef(FunctionNames[FuncIndex])
               : llvm::StringRef();
  }

  /// Filled by validateWasmModule().
  ModuleFacts Facts;

  /// Owns the input bytes the ArrayRefs above point into.
  std::vector<uint8_t> Storage;
};

} // namespace wasm2native

#endif
