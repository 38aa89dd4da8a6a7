//===- WasmModule.cpp - Index-space helpers -------------------------------===//

#include "wasm2native/Reader/WasmModule.h"
#include <cassert>

using namespace llvm;

namespace wasm2native {

StringRef valTypeName(ValType T) {
  switch (T) {
  case ValType::I32:
    return "i32";
  case ValType::I64:
    return "i64";
  case ValType::F32:
    return "f32";
  case ValType::F64:
    return "f64";
  case ValType::V128:
    return "v128";
  case ValType::FuncRef:
    return "funcref";
  case ValType::ExternRef:
    return "externref";
  }
  return "<unknown>";
}

const Import *WasmModule::importFor(ExternKind K, uint32_t Index) const {
  const std::vector<uint32_t> &Positions =
      ImportPositions[static_cast<unsigned>(K)];
  if (!Positions.empty())
    return Index < Positions.size() ? &Imports[Positions[Index]] : nullptr;
  // Hand-built module without the position table: count imports of kind K.
  for (const Import &I : Imports)
    if (I.Kind == K && Index-- == 0)
      return &I;
  return nullptr;
}

uint32_t WasmModule::funcTypeIndex(uint32_t FuncIndex) const {
  if (FuncIndex < NumImportedFuncs)
    return importFor(ExternKind::Func, FuncIndex)->FuncTypeIndex;
  assert(FuncIndex - NumImportedFuncs < Functions.size() && "bad func index");
  return Functions[FuncIndex - NumImportedFuncs].TypeIndex;
}

GlobalType WasmModule::globalType(uint32_t GlobalIndex) const {
  if (GlobalIndex < NumImportedGlobals)
    return importFor(ExternKind::Global, GlobalIndex)->Global;
  assert(GlobalIndex - NumImportedGlobals < Globals.size() && "bad global");
  return Globals[GlobalIndex - NumImportedGlobals].Type;
}

TableType WasmModule::tableType(uint32_t TableIndex) const {
  if (TableIndex < NumImportedTables)
    return importFor(ExternKind::Table, TableIndex)->Table;
  assert(TableIndex - NumImportedTables < Tables.size() && "bad table");
  return Tables[TableIndex - NumImportedTables];
}

MemoryType WasmModule::memoryType(uint32_t MemoryIndex) const {
  if (MemoryIndex < NumImportedMemories)
    return importFor(ExternKind::Memory, MemoryIndex)->Memory;
  assert(MemoryIndex - NumImportedMemories < Memories.size() && "bad memory");
  return Memories[MemoryIndex - NumImportedMemories];
}

} // namespace wasm2native
