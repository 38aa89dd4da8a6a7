//===- ModuleEmitter.h - Module-level IR emission state ---------*- C++ -*-===//
#ifndef WASM2NATIVE_LIB_IRGEN_MODULEEMITTER_H
#define WASM2NATIVE_LIB_IRGEN_MODULEEMITTER_H

#include "DebugInfo.h"
#include "wasm2native/IRGen/IRGen.h"
#include "wasm2native/Reader/WasmModule.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/Module.h"

namespace wasm2native {

class ModuleEmitter {
public:
  ModuleEmitter(const WasmModule &M, llvm::Module &LM, const IRGenOptions &O);

  llvm::Error emit();

  const WasmModule &wasm() const { return W; }
  llvm::Module &module() { return LM; }
  llvm::LLVMContext &context() { return LM.getContext(); }
  const IRGenOptions &options() const { return Opts; }
  const FeatureSet &features() const { return Opts.Features; }

  /// LLVM type of a Wasm value type (v128 is <2 x i64>, refs are ptr).
  llvm::Type *valueType(ValType T);
  /// Native signature of Wasm function type \p TypeIndex: (ptr ctx, ...).
  llvm::FunctionType *functionType(uint32_t TypeIndex);
  llvm::FunctionType *functionType(const FuncType &T);
  /// The runtime's host function an import is bound to at compile time
  /// (WASI preview 1, see WASIFunctions.def), or nullptr.
  llvm::Function *hostFunction(uint32_t FuncIndex) const {
    return FuncIndex < HostFunctions.size() ? HostFunctions[FuncIndex]
                                            : nullptr;
  }
  /// The LLVM function for a defined function, or nullptr for imports.
  llvm::Function *function(uint32_t FuncIndex) {
    return FuncIndex < W.NumImportedFuncs
               ? nullptr
               : Functions[FuncIndex - W.NumImportedFuncs];
  }
  /// A runtime entry point declared from wasm2native-rt.h.
  llvm::FunctionCallee runtimeFunction(llvm::StringRef Name);
  /// The runtime's thread-local w2n_stack_limit (see wasm2native-rt.h).
  llvm::GlobalVariable *stackLimit();
  /// Type index whose signature equals that of \p TypeIndex and is the
  /// lowest such index (signatures compare structurally).
  uint32_t canonicalTypeIndex(uint32_t TypeIndex) const {
    return CanonicalType[TypeIndex];
  }
  /// A table whose contents are fixed once the instance is initialised
  /// (defined, not exported, never written by code, filled only by active
  /// segments of constant offsets with this module's own functions): its
  /// final contents as a constant array of {code, canonical type + 1}
  /// (0 = null), or nullptr. call_indirect then reads no instance state.
  llvm::GlobalVariable *frozenTable(uint32_t TableIndex) const {
    auto It = FrozenTables.find(TableIndex);
    return It == FrozenTables.end() ? nullptr : It->second.first;
  }
  uint32_t frozenTableSize(uint32_t TableIndex) const {
    return FrozenTables.find(TableIndex)->second.second;
  }
  /// The storage of defined global \p GlobalIndex when the module has a
  /// single instance (an executable): an LLVM global the code reads
  /// directly, laid out as w2n_global. Otherwise nullptr: go through
  /// ctx->globals.
  llvm::GlobalVariable *globalStorage(uint32_t GlobalIndex) const {
    return GlobalIndex < GlobalStorage.size() ? GlobalStorage[GlobalIndex]
                                              : nullptr;
  }
  /// TBAA tags: linear memory, global slots and the instance never alias.
  llvm::MDNode *memoryTBAA() const { return MemoryTBAA; }
  llvm::MDNode *globalTBAA() const { return GlobalTBAA; }
  llvm::MDNode *memorySizeTBAA() const { return MemorySizeTBAA; }

  /// The debug-info subprogram of defined function \p Index, or null
  /// without -g.
  llvm::DISubprogram *subprogram(uint32_t Index) const {
    return Debug ? Debug->subprogram(Index) : nullptr;
  }
  /// With -g, the debug location of the instruction at file offset
  /// \p Offset in defined function \p Index (DebugInfo.h).
  llvm::DILocation *debugLocation(uint32_t Index, uint64_t Offset) {
    return Debug->location(Index, Offset);
  }

  /// Name-section name of a function, else its first export name, else "".
  llvm::StringRef displayName(uint32_t FuncIndex) const;

private:
  void declareFunctions();
  void freezeTables();
  void addKnownFunctionFastPaths();
  void declareGlobalStorage();
  llvm::Error emitFunctionBodies();
  void emitInitialize();
  void emitDescriptor();
  llvm::Function *emitInvokeThunk(uint32_t TypeIndex);
  llvm::Constant *stringConstant(llvm::StringRef S);
  llvm::Value *emitConstExpr(llvm::IRBuilder<> &B, const ConstExpr &E,
                             llvm::Value *Ctx, llvm::Type *Ty);

  const WasmModule &W;
  llvm::Module &LM;
  const IRGenOptions &Opts;
  std::vector<llvm::Function *> Functions;           // defined functions
  std::vector<llvm::Function *> HostFunctions;       // by import index
  std::vector<llvm::GlobalVariable *> GlobalStorage; // by global index
  llvm::GlobalVariable *StackLimit = nullptr;
  std::vector<uint32_t> CanonicalType;
  std::vector<llvm::StringRef> ExportName;
  llvm::StringMap<llvm::Constant *> Strings;
  llvm::DenseMap<uint32_t, std::pair<llvm::GlobalVariable *, uint32_t>>
      FrozenTables;
  llvm::Function *InitializeFn = nullptr;
  llvm::MDNode *MemoryTBAA = nullptr;
  llvm::MDNode *GlobalTBAA = nullptr;
  llvm::MDNode *MemorySizeTBAA = nullptr;
  std::unique_ptr<DebugInfo> Debug; // with -g
  llvm::DIBuilder *DIB = nullptr;    // Debug's builder
  void createDebugInfo();
  void moveSubprogramToGeneric(llvm::Function *Fn, llvm::Function *Generic);
};

} // namespace wasm2native

#endif
