//===- ModuleEmitter.cpp - Wasm module to LLVM module ---------------------===//
//
// Declares one LLVM function per Wasm function, has a FunctionEmitter fill
// each body, and emits the w2n_module descriptor the runtime instantiates:
// signatures, imports, exports, segment bytes, and the generated
// initialize() that evaluates constant expressions and applies segments.
//
//===----------------------------------------------------------------------===//
#include "ModuleEmitter.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/Support/Path.h"
#include "wasm2native/Support/LLVMCompat.h"
#include "FunctionEmitter.h"
#include "wasm2native/IRGen/HostFunctions.h"
#include "wasm2native/Reader/WasmError.h"
#include "wasm2native/Runtime/wasm2native-rt.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Verifier.h"
#include <map>

using namespace llvm;
using namespace wasm2native;

ModuleEmitter::ModuleEmitter(const WasmModule &M, Module &LM,
                             const IRGenOptions &O)
    : W(M), LM(LM), Opts(O) {
  MDBuilder MDB(LM.getContext());
  MDNode *Root = MDB.createTBAARoot("wasm2native");
  MDNode *Memory = MDB.createTBAAScalarTypeNode("wasm linear memory", Root);
  MDNode *Global = MDB.createTBAAScalarTypeNode("wasm global", Root);
  MemoryTBAA = MDB.createTBAAStructTagNode(Memory, Memory, 0);
  GlobalTBAA = MDB.createTBAAStructTagNode(Global, Global, 0);
  MDNode *Size = MDB.createTBAAScalarTypeNode("wasm memory size", Root);
  MemorySizeTBAA = MDB.createTBAAStructTagNode(Size, Size, 0);
}

Type *ModuleEmitter::valueType(ValType T) {
  LLVMContext &C = context();
  switch (T) {
  case ValType::I32:
    return Type::getInt32Ty(C);
  case ValType::I64:
    return Type::getInt64Ty(C);
  case ValType::F32:
    return Type::getFloatTy(C);
  case ValType::F64:
    return Type::getDoubleTy(C);
  case ValType::V128:
    return FixedVectorType::get(Type::getInt64Ty(C), 2);
  case ValType::FuncRef:
  case ValType::ExternRef:
    return PointerType::getUnqual(C);
  }
  llvm_unreachable("bad value type");
}

FunctionType *ModuleEmitter::functionType(const FuncType &T) {
  LLVMContext &C = context();
  SmallVector<Type *, 8> Params{PointerType::getUnqual(C)};
  for (ValType P : T.Params)
    Params.push_back(valueType(P));
  Type *Ret;
  if (T.Results.empty()) {
    Ret = Type::getVoidTy(C);
  } else if (T.Results.size() == 1) {
    Ret = valueType(T.Results[0]);
  } else {
    SmallVector<Type *, 4> Fields;
    for (ValType R : T.Results)
      Fields.push_back(valueType(R));
    Ret = StructType::get(C, Fields);
  }
  return FunctionType::get(Ret, Params, /*isVarArg=*/false);
}

FunctionType *ModuleEmitter::functionType(uint32_t TypeIndex) {
  return functionType(W.Types[TypeIndex]);
}

FunctionCallee ModuleEmitter::runtimeFunction(StringRef Name) {
  LLVMContext &C = context();
  Type *Ptr = PointerType::getUnqual(C);
  Type *I32 = Type::getInt32Ty(C);
  Type *Void = Type::getVoidTy(C);
  FunctionType *FT = nullptr;
  if (Name == "w2n_trap")
    FT = FunctionType::get(Void, {I32}, false);
  else if (Name.starts_with("w2n_trap_"))
    FT = FunctionType::get(Void, {}, false);
  else if (Name == "w2n_memory_grow")
    FT = FunctionType::get(I32, {Ptr, I32}, false);
  else if (Name == "w2n_memory_init")
    FT = FunctionType::get(Void, {Ptr, I32, I32, I32, I32}, false);
  else if (Name == "w2n_memory_copy" || Name == "w2n_memory_fill")
    FT = FunctionType::get(Void, {Ptr, I32, I32, I32}, false);
  else if (Name == "w2n_data_drop" || Name == "w2n_elem_drop")
    FT = FunctionType::get(Void, {Ptr, I32}, false);
  else if (Name == "w2n_elem_segment_init")
    FT = FunctionType::get(Void, {Ptr, I32, Ptr, I32}, false);
  else if (Name == "w2n_table_init")
    FT = FunctionType::get(Void, {Ptr, I32, I32, I32, I32, I32}, false);
  else if (Name == "w2n_table_copy")
    FT = FunctionType::get(Void, {Ptr, I32, I32, I32, I32, I32}, false);
  else if (Name == "w2n_table_grow")
    FT = FunctionType::get(I32, {Ptr, I32, Ptr, I32}, false);
  else if (Name == "w2n_table_fill")
    FT = FunctionType::get(Void, {Ptr, I32, I32, Ptr, I32}, false);
  else
    llvm_unreachable("unknown runtime function");
  FunctionCallee Callee = LM.getOrInsertFunction(Name, FT);
  if (auto *Fn = dyn_cast<llvm::Function>(Callee.getCallee())) {
    // Linked into the same executable as the code; an object for an
    // embedder (or a JIT) may find the runtime anywhere.
    Fn->setDSOLocal(Opts.Executable);
    Fn->addFnAttr(Attribute::NoUnwind);
    if (Name.starts_with("w2n_trap")) {
      Fn->addFnAttr(Attribute::NoReturn);
      Fn->addFnAttr(Attribute::Cold);
    }
  }
  return Callee;
}

/// A symbol-safe rendering of a name-section or export name.
static std::string symbolName(StringRef Name) {
  std::string S;
  for (char Ch : Name)
    S += (isAlnum(Ch) || Ch == '_' || Ch == '.' || Ch == '$') ? Ch : '_';
  return S;
}

/// A name as the runtime prints it in a trap message: control characters
/// escaped, so that a name cannot forge a line of its own.
static std::string printableName(StringRef Name) {
  std::string S;
  for (unsigned char Ch : Name) {
    if (Ch >= 0x20 && Ch != 0x7f && Ch != '\\') {
      S += char(Ch);
      continue;
    }
    static const char Hex[] = "0123456789abcdef";
    S += "\\x";
    S += Hex[Ch >> 4];
    S += Hex[Ch & 15];
  }
  return S;
}

StringRef ModuleEmitter::displayName(uint32_t FuncIndex) const {
  StringRef Name = W.functionName(FuncIndex);
  return Name.empty() ? StringRef(ExportName[FuncIndex]) : Name;
}

void ModuleEmitter::declareFunctions() {
  // WASI imports call the runtime's host functions directly: the import's
  // context is the importing instance, which is what those functions take.
  uint32_t FuncImport = 0;
  HostFunctions.assign(W.NumImportedFuncs, nullptr);
  for (const Import &Imp : W.Imports) {
    if (Imp.Kind != ExternKind::Func)
      continue;
    const FuncType &T = W.Types[Imp.FuncTypeIndex];
    const HostFunction *HF = findHostFunction(Imp.Module, Imp.Field);
    if (HF && matchesHostFunction(*HF, T)) {
      FunctionCallee Host = LM.getOrInsertFunction(
          "w2n_wasi_" + Imp.Field, functionType(Imp.FuncTypeIndex));
      auto *Fn = cast<llvm::Function>(Host.getCallee());
      Fn->setDSOLocal(Opts.Executable);
      Fn->addFnAttr(Attribute::NoUnwind);
      HostFunctions[FuncImport] = Fn;
    }
    ++FuncImport;
  }

  // Exported names stand in for missing name-section names.
  ExportName.assign(W.numFuncs(), StringRef());
  std::vector<bool> Exported(W.numFuncs());
  for (const Export &E : W.Exports) {
    if (E.Kind != ExternKind::Func)
      continue;
    Exported[E.Index] = true;
    if (ExportName[E.Index].empty())
      ExportName[E.Index] = E.Name;
  }

  StringSet<> UsedSymbols;
  for (uint32_t I = 0; I < W.Functions.size(); ++I) {
    uint32_t Index = W.NumImportedFuncs + I;
    FunctionType *FT = functionType(W.Functions[I].TypeIndex);
    StringRef Name = displayName(Index);
    // Every wasm-derived symbol lives under "wasm." so no wasm name can
    // bind to, or replace, a libc symbol.
    std::string Sym = Name.empty() ? "wasm.function." + std::to_string(Index)
                                   : "wasm." + symbolName(Name);
    // Partitions must agree on every name without seeing each other.
    if (Opts.Partitioned && !UsedSymbols.insert(Sym).second)
      Sym += "." + std::to_string(Index);
    // Only an object file for an embedder keeps exports visible; in an
    // executable the runtime reaches them through the descriptor.
    // Partitions reach each other's functions through hidden symbols.
    bool External = (Exported[Index] && !Opts.Executable) || Opts.Partitioned;
    llvm::Function *Fn = llvm::Function::Create(
        FT,
        External ? GlobalValue::ExternalLinkage : GlobalValue::InternalLinkage,
        Sym, LM);
    if (Opts.Partitioned && !(Exported[Index] && !Opts.Executable))
      Fn->setVisibility(GlobalValue::HiddenVisibility);
    Fn->setDSOLocal(true);
    Fn->addFnAttr(Attribute::NoUnwind);
    // Keep recursion as real calls so runaway recursion exhausts the
    // stack (a trap) instead of becoming an infinite loop.
    Fn->addFnAttr("disable-tail-calls", "true");
    // Big frames must touch every page so the stack guard is never skipped.
    Fn->addFnAttr("probe-stack", "inline-asm");
    Argument *Ctx = Fn->getArg(0);
    Ctx->setName("ctx");
    Ctx->addAttr(Attribute::NonNull);
    Ctx->addAttr(Attribute::NoUndef);
    Ctx->addAttr(Attribute::getWithDereferenceableBytes(context(),
                                                        sizeof(w2n_instance)));
    Ctx->addAttr(Attribute::getWithAlignment(context(), Align(8)));
    Functions.push_back(Fn);
  }
}

void ModuleEmitter::declareGlobalStorage() {
  if (!Opts.Executable)
    return;
  LLVMContext &C = context();
  // w2n_global: a 16-byte value, then type and mutability bytes.
  auto *Ty = StructType::get(C, {ArrayType::get(Type::getInt64Ty(C), 2),
                                 Type::getInt8Ty(C), Type::getInt8Ty(C)});
  GlobalStorage.assign(W.numGlobals(), nullptr);
  for (uint32_t I = 0; I < W.Globals.size(); ++I) {
    uint32_t Index = W.NumImportedGlobals + I;
    // Partitions share one definition, in the descriptor's partition.
    bool Define = !Opts.Partitioned || Opts.EmitDescriptor;
    auto *GV =
        new GlobalVariable(LM, Ty, /*isConstant=*/false,
                           Opts.Partitioned ? GlobalValue::ExternalLinkage
                                            : GlobalValue::InternalLinkage,
                           Define ? Constant::getNullValue(Ty) : nullptr,
                           "wasm.global." + Twine(Index));
    if (Opts.Partitioned)
      GV->setVisibility(GlobalValue::HiddenVisibility);
    GV->setDSOLocal(true);
    GV->setAlignment(Align(16));
    GlobalStorage[Index] = GV;
  }
}

void ModuleEmitter::freezeTables() {
  std::vector<bool> Candidate(W.numTables(), false);
  for (uint32_t T = W.NumImportedTables; T < W.numTables(); ++T)
    Candidate[T] = W.tableType(T).ElemType == ValType::FuncRef &&
                   W.tableType(T).Lim.Min <= (1u << 20);
  for (const Export &E : W.Exports)
    if (E.Kind == ExternKind::Table)
      Candidate[E.Index] = false;
  // Any instruction that may write a table disqualifies it (the validator
  // records which; without that record, assume every table is written).
  const BitVector &Written = W.Facts.WrittenTables;
  for (uint32_t T = 0; T < W.numTables(); ++T)
    if (T >= Written.size() || Written.test(T))
      Candidate[T] = false;

  LLVMContext &C = context();
  Type *Ptr = PointerType::getUnqual(C), *I32 = Type::getInt32Ty(C);
  auto *EntryTy = StructType::get(C, {Ptr, I32});
  for (uint32_t T = 0; T < W.numTables(); ++T) {
    if (!Candidate[T])
      continue;
    uint32_t Size = W.tableType(T).Lim.Min;
    // Entries that must trap hold a runtime stand-in that traps when
    // called: null ones (type 0) and a sentinel after the last entry
    // (type ~0) that out-of-range indices are clamped to.
    auto Stub = [&](StringRef Name) {
      return cast<Constant>(runtimeFunction(Name).getCallee());
    };
    Constant *Null = ConstantStruct::get(
        EntryTy, {Stub("w2n_trap_uninitialized_element"),
                  ConstantInt::get(I32, 0)});
    std::vector<Constant *> Entries(Size + 1, Null);
    Entries[Size] = ConstantStruct::get(
        EntryTy,
        {Stub("w2n_trap_undefined_element"), ConstantInt::get(I32, ~0u)});
    bool Ok = true;
    for (const ElemSegment &S : W.Elems) {
      if (S.SegMode != ElemSegment::Active || S.TableIndex != T)
        continue;
      if (S.Offset.K != ConstExpr::I32Const ||
          S.Offset.Bits + S.Items.size() > Size) {
        Ok = false; // dynamic offset, or instantiation traps
        break;
      }
      for (size_t K = 0; K < S.Items.size() && Ok; ++K) {
        const ConstExpr &Item = S.Items[K];
        Constant *Entry;
        if (Item.K == ConstExpr::RefNull) {
          Entry = Null;
        } else if (Item.K == ConstExpr::RefFunc) {
          // Own functions and compile-time-bound host functions both take
          // this instance as their context.
          llvm::Function *Fn = function(Item.Index);
          if (!Fn)
            Fn = hostFunction(Item.Index);
          if (!Fn) {
            Ok = false;
            break;
          }
          uint32_t Type = canonicalTypeIndex(W.funcTypeIndex(Item.Index));
          Entry = ConstantStruct::get(EntryTy,
                                      {Fn, ConstantInt::get(I32, Type + 1)});
        } else {
          Ok = false;
          break;
        }
        Entries[S.Offset.Bits + K] = Entry;
      }
      if (!Ok)
        break;
    }
    if (!Ok)
      continue;
    auto *AT = ArrayType::get(EntryTy, Size + 1);
    auto *GV = new GlobalVariable(
        LM, AT, /*isConstant=*/true, GlobalValue::PrivateLinkage,
        ConstantArray::get(AT, Entries), "wasm.table." + Twine(T));
    FrozenTables[T] = {GV, Size};
  }
}

GlobalVariable *ModuleEmitter::stackLimit() {
  if (!StackLimit) {
    StackLimit = new GlobalVariable(
        LM, Type::getInt64Ty(context()), /*isConstant=*/false,
        GlobalValue::ExternalLinkage, nullptr, "w2n_stack_limit", nullptr,
        // A load relative to the thread pointer, not a __tls_get_addr call
        // on every function entry (static TLS also in a shared object).
        GlobalValue::InitialExecTLSModel);
    StackLimit->setDSOLocal(Opts.Executable);
  }
  return StackLimit;
}

void ModuleEmitter::createDebugInfo() {
  Debug = DebugInfo::create(*this);
  DIB = &Debug->builder();
}

Error ModuleEmitter::emitFunctionBodies() {
  uint32_t End = std::min<uint32_t>(Opts.EndFunction, W.Functions.size());
  for (uint32_t I = Opts.FirstFunction; I < End; ++I) {
    FunctionEmitter FE(*this, W.NumImportedFuncs + I, Functions[I]);
    if (Error E = FE.emit())
      return E;
    // Where the body is in the input, for people reading the IR: the wasm
    // function index and the byte offset of its code.
    Type *I64 = Type::getInt64Ty(context());
    Functions[I]->setMetadata(
        "wasm.function",
        MDNode::get(context(),
                    {ConstantAsMetadata::get(ConstantInt::get(
                         I64, W.NumImportedFuncs + I)),
                     ConstantAsMetadata::get(
                         ConstantInt::get(I64, W.Functions[I].BodyOffset))}));
  }
  return Error::success();
}

Constant *ModuleEmitter::stringConstant(StringRef S) {
  Constant *&C = Strings[S];
  if (!C) {
    IRBuilder<> B(context());
    C = B.CreateGlobalString(S, ".str", 0, &LM);
  }
  return C;
}

/// Byte offsets of the w2n_instance fields the generated code reads.
namespace {
struct InstanceField {
  static constexpr size_t Globals = offsetof(w2n_instance, globals);
  static constexpr size_t Funcs = offsetof(w2n_instance, funcs);
};
} // namespace

static Value *loadField(IRBuilder<> &B, Value *Base, size_t Offset,
                        const Twine &Name) {
  Value *Addr = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Base, Offset);
  return B.CreateAlignedLoad(B.getPtrTy(), Addr, Align(8), Name);
}

static Value *loadArrayEntry(IRBuilder<> &B, Value *Array, uint64_t Index,
                             const Twine &Name) {
  Value *Addr = B.CreateConstInBoundsGEP1_64(B.getPtrTy(), Array, Index);
  return B.CreateAlignedLoad(B.getPtrTy(), Addr, Align(8), Name);
}

Value *ModuleEmitter::emitConstExpr(IRBuilder<> &B, const ConstExpr &E,
                                    Value *Ctx, Type *Ty) {
  switch (E.K) {
  case ConstExpr::I32Const:
    return B.getInt32(static_cast<uint32_t>(E.Bits));
  case ConstExpr::I64Const:
    return B.getInt64(E.Bits);
  case ConstExpr::F32Const:
    return B.CreateBitCast(B.getInt32(static_cast<uint32_t>(E.Bits)),
                           B.getFloatTy());
  case ConstExpr::F64Const:
    return B.CreateBitCast(B.getInt64(E.Bits), B.getDoubleTy());
  case ConstExpr::V128Const: {
    uint64_t Lo = 0, Hi = 0;
    for (int I = 7; I >= 0; --I) {
      Lo = (Lo << 8) | E.V128[I];
      Hi = (Hi << 8) | E.V128[I + 8];
    }
    return ConstantVector::get({B.getInt64(Lo), B.getInt64(Hi)});
  }
  case ConstExpr::RefNull:
    return ConstantPointerNull::get(B.getPtrTy());
  case ConstExpr::RefFunc: {
    Value *Funcs = loadField(B, Ctx, InstanceField::Funcs, "funcs");
    return loadArrayEntry(B, Funcs, E.Index, "funcref");
  }
  case ConstExpr::GlobalGet: {
    Value *Globals = loadField(B, Ctx, InstanceField::Globals, "globals");
    Value *Slot = loadArrayEntry(B, Globals, E.Index, "slot");
    return B.CreateAlignedLoad(Ty, Slot, Align(8), "global");
  }
  case ConstExpr::Program: {
    // Validated: the integer operands of each arithmetic instruction are
    // on the stack, and one value of type Ty is left.
    SmallVector<Value *, 8> Stack;
    for (const ConstExpr &Item : E.Insts) {
      if (Item.K != ConstExpr::Arith) {
        Type *ItemTy = Item.K == ConstExpr::I64Const ? B.getInt64Ty()
                       : Item.K == ConstExpr::GlobalGet
                           ? valueType(W.globalType(Item.Index).Type)
                           : Ty;
        Stack.push_back(emitConstExpr(B, Item, Ctx, ItemTy));
        continue;
      }
      Value *R = Stack.pop_back_val();
      Value *L = Stack.pop_back_val();
      switch (Opcode(Item.Bits)) {
      case Opcode::I32Add:
      case Opcode::I64Add:
        Stack.push_back(B.CreateAdd(L, R));
        break;
      case Opcode::I32Sub:
      case Opcode::I64Sub:
        Stack.push_back(B.CreateSub(L, R));
        break;
      default:
        Stack.push_back(B.CreateMul(L, R));
        break;
      }
    }
    return Stack.back();
  }
  case ConstExpr::Arith:
    break;
  }
  llvm_unreachable("bad const expr");
}

void ModuleEmitter::emitInitialize() {
  LLVMContext &C = context();
  Type *Ptr = PointerType::getUnqual(C);
  FunctionType *FT = FunctionType::get(Type::getVoidTy(C), {Ptr}, false);
  InitializeFn = llvm::Function::Create(FT, GlobalValue::InternalLinkage,
                                        "wasm.initialize", LM);
  InitializeFn->addFnAttr(Attribute::NoUnwind);
  InitializeFn->addFnAttr("probe-stack", "inline-asm");
  Value *Ctx = InitializeFn->getArg(0);
  IRBuilder<> B(BasicBlock::Create(C, "entry", InitializeFn));

  // Globals, in order: a later initialiser may read an imported global.
  for (uint32_t I = 0; I < W.Globals.size(); ++I) {
    const Global &G = W.Globals[I];
    Type *Ty = valueType(G.Type.Type);
    Value *V = emitConstExpr(B, G.Init, Ctx, Ty);
    Value *Globals = loadField(B, Ctx, InstanceField::Globals, "globals");
    Value *Slot = loadArrayEntry(B, Globals, W.NumImportedGlobals + I, "slot");
    B.CreateAlignedStore(V, Slot, Align(8));
  }

  // Element segments: materialise their references, then apply the active
  // ones and drop active and declarative ones, as instantiation does.
  size_t MaxItems = 0;
  for (const ElemSegment &S : W.Elems)
    MaxItems = std::max(MaxItems, S.Items.size());
  Value *Items = nullptr;
  if (MaxItems)
    Items = B.CreateAlloca(Ptr, B.getInt32(MaxItems), "items");
  for (uint32_t SegIndex = 0; SegIndex < W.Elems.size(); ++SegIndex) {
    const ElemSegment &S = W.Elems[SegIndex];
    bool AllFuncs = llvm::all_of(
        S.Items, [](const ConstExpr &E) { return E.K == ConstExpr::RefFunc; });
    if (AllFuncs && S.Items.size() > 8) {
      // A table of indices and a loop keep big segments from bloating code.
      SmallVector<uint32_t, 64> Indices;
      for (const ConstExpr &E : S.Items)
        Indices.push_back(E.Index);
      auto *Arr = ConstantDataArray::get(C, Indices);
      auto *GV =
          new GlobalVariable(LM, Arr->getType(), true,
                             GlobalValue::PrivateLinkage, Arr, "elem.indices");
      Value *Funcs = loadField(B, Ctx, InstanceField::Funcs, "funcs");
      BasicBlock *Pre = B.GetInsertBlock();
      BasicBlock *Loop = BasicBlock::Create(C, "elem.loop", InitializeFn);
      BasicBlock *Done = BasicBlock::Create(C, "elem.done", InitializeFn);
      B.CreateBr(Loop);
      B.SetInsertPoint(Loop);
      PHINode *K = B.CreatePHI(B.getInt32Ty(), 2, "k");
      K->addIncoming(B.getInt32(0), Pre);
      Value *FIdx = B.CreateLoad(B.getInt32Ty(),
                                 B.CreateInBoundsGEP(B.getInt32Ty(), GV, K));
      Value *Ref = B.CreateLoad(
          Ptr,
          B.CreateInBoundsGEP(Ptr, Funcs, B.CreateZExt(FIdx, B.getInt64Ty())));
      B.CreateStore(Ref, B.CreateInBoundsGEP(Ptr, Items, K));
      Value *Next = B.CreateAdd(K, B.getInt32(1));
      K->addIncoming(Next, Loop);
      B.CreateCondBr(B.CreateICmpULT(Next, B.getInt32(S.Items.size())), Loop,
                     Done);
      B.SetInsertPoint(Done);
    } else {
      for (size_t K = 0; K < S.Items.size(); ++K) {
        Value *V = emitConstExpr(B, S.Items[K], Ctx, Ptr);
        B.CreateStore(V, B.CreateConstInBoundsGEP1_64(Ptr, Items, K));
      }
    }
    B.CreateCall(runtimeFunction("w2n_elem_segment_init"),
                 {Ctx, B.getInt32(SegIndex),
                  Items ? Items : ConstantPointerNull::get(B.getPtrTy()),
                  B.getInt32(S.Items.size())});
  }
  for (uint32_t SegIndex = 0; SegIndex < W.Elems.size(); ++SegIndex) {
    const ElemSegment &S = W.Elems[SegIndex];
    if (S.SegMode == ElemSegment::Passive)
      continue;
    if (S.SegMode == ElemSegment::Active) {
      Value *Offset = emitConstExpr(B, S.Offset, Ctx, B.getInt32Ty());
      B.CreateCall(runtimeFunction("w2n_table_init"),
                   {Ctx, B.getInt32(S.TableIndex), B.getInt32(SegIndex), Offset,
                    B.getInt32(0), B.getInt32(S.Items.size())});
    }
    B.CreateCall(runtimeFunction("w2n_elem_drop"), {Ctx, B.getInt32(SegIndex)});
  }

  for (uint32_t SegIndex = 0; SegIndex < W.Datas.size(); ++SegIndex) {
    const DataSegment &S = W.Datas[SegIndex];
    if (!S.IsActive)
      continue;
    Value *Offset = emitConstExpr(B, S.Offset, Ctx, B.getInt32Ty());
    B.CreateCall(runtimeFunction("w2n_memory_init"),
                 {Ctx, B.getInt32(SegIndex), Offset, B.getInt32(0),
                  B.getInt32(S.Bytes.size())});
    B.CreateCall(runtimeFunction("w2n_data_drop"), {Ctx, B.getInt32(SegIndex)});
  }

  if (W.Start) {
    uint32_t Index = *W.Start;
    if (llvm::Function *Fn = function(Index)) {
      B.CreateCall(Fn, {Ctx});
    } else {
      Value *Funcs = loadField(B, Ctx, InstanceField::Funcs, "funcs");
      Value *Ref = loadArrayEntry(B, Funcs, Index, "start.ref");
      Value *Code =
          B.CreateLoad(Ptr, B.CreateConstInBoundsGEP1_64(
                                B.getInt8Ty(), Ref, offsetof(w2n_funcref, fn)));
      Value *Inst = B.CreateLoad(
          Ptr, B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Ref,
                                            offsetof(w2n_funcref, instance)));
      B.CreateCall(functionType(W.funcTypeIndex(Index)), Code, {Inst});
    }
  }
  B.CreateRetVoid();
}

/// void invoke(ptr fn, ptr ctx, ptr args): calls fn with args[i] and stores
/// the results back to args[0..]; lets C call any signature.
llvm::Function *ModuleEmitter::emitInvokeThunk(uint32_t TypeIndex) {
  LLVMContext &C = context();
  Type *Ptr = PointerType::getUnqual(C);
  FunctionType *FT =
      FunctionType::get(Type::getVoidTy(C), {Ptr, Ptr, Ptr}, false);
  llvm::Function *Thunk = llvm::Function::Create(
      FT, GlobalValue::InternalLinkage, "wasm.invoke." + Twine(TypeIndex), LM);
  Thunk->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> B(BasicBlock::Create(C, "entry", Thunk));
  const FuncType &T = W.Types[TypeIndex];
  Value *Args = Thunk->getArg(2);
  SmallVector<Value *, 8> CallArgs{Thunk->getArg(1)};
  for (size_t I = 0; I < T.Params.size(); ++I) {
    Value *Slot = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Args,
                                               I * sizeof(w2n_value));
    CallArgs.push_back(
        B.CreateAlignedLoad(valueType(T.Params[I]), Slot, Align(8)));
  }
  CallInst *Call =
      B.CreateCall(functionType(TypeIndex), Thunk->getArg(0), CallArgs);
  for (size_t I = 0; I < T.Results.size(); ++I) {
    Value *R = T.Results.size() == 1 ? Call : B.CreateExtractValue(Call, I);
    Value *Slot = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Args,
                                               I * sizeof(w2n_value));
    B.CreateAlignedStore(R, Slot, Align(8));
  }
  B.CreateRetVoid();
  return Thunk;
}

void ModuleEmitter::emitDescriptor() {
  LLVMContext &C = context();
  Type *I8 = Type::getInt8Ty(C), *I32 = Type::getInt32Ty(C),
       *I64 = Type::getInt64Ty(C), *Ptr = PointerType::getUnqual(C);
  auto I8C = [&](uint64_t V) { return ConstantInt::get(I8, V); };
  auto I32C = [&](uint64_t V) { return ConstantInt::get(I32, V); };
  auto I64C = [&](uint64_t V) { return ConstantInt::get(I64, V); };
  Constant *Null = ConstantPointerNull::get(PointerType::getUnqual(C));
  auto Array = [&](Type *ElemTy, ArrayRef<Constant *> Elems,
                   StringRef Name) -> Constant * {
    if (Elems.empty())
      return Null;
    auto *AT = ArrayType::get(ElemTy, Elems.size());
    return new GlobalVariable(LM, AT, true, GlobalValue::PrivateLinkage,
                              ConstantArray::get(AT, Elems), Name);
  };
  auto TypeString = [&](ArrayRef<ValType> Ts) {
    std::string S;
    for (ValType T : Ts)
      S += static_cast<char>(T);
    return stringConstant(S);
  };

  // Which types need an invoke thunk: those of exported functions and of
  // the start function; an embedder calls nothing else from C.
  std::vector<bool> NeedsInvoke(W.Types.size());
  for (const Export &E : W.Exports)
    if (E.Kind == ExternKind::Func)
      NeedsInvoke[canonicalTypeIndex(W.funcTypeIndex(E.Index))] = true;
  std::vector<llvm::Function *> Thunks(W.Types.size());

  auto *FuncTypeTy = StructType::get(C, {Ptr, Ptr, I32, I32, Ptr});
  SmallVector<Constant *, 16> Types;
  for (uint32_t I = 0; I < W.Types.size(); ++I) {
    const FuncType &T = W.Types[I];
    uint32_t Canon = canonicalTypeIndex(I);
    if (NeedsInvoke[Canon] && !Thunks[Canon])
      Thunks[Canon] = emitInvokeThunk(Canon);
    Types.push_back(ConstantStruct::get(
        FuncTypeTy,
        {TypeString(T.Params), TypeString(T.Results), I32C(T.Params.size()),
         I32C(T.Results.size()),
         Thunks[Canon] ? static_cast<Constant *>(Thunks[Canon]) : Null}));
  }

  auto *ImportTy =
      StructType::get(C, {Ptr, Ptr, I32, I32, I8, I8, I8, I8, I32, I64, I64});
  SmallVector<Constant *, 16> Imports;
  for (const Import &Imp : W.Imports) {
    uint8_t ValueType = 0, Mut = 0, HasMax = 0;
    uint32_t TypeIndex = 0;
    uint64_t Min = 0, Max = 0;
    switch (Imp.Kind) {
    case ExternKind::Func:
      TypeIndex = Imp.FuncTypeIndex;
      break;
    case ExternKind::Table:
      ValueType = static_cast<uint8_t>(Imp.Table.ElemType);
      Min = Imp.Table.Lim.Min;
      HasMax = Imp.Table.Lim.Max.has_value();
      Max = Imp.Table.Lim.Max.value_or(0);
      break;
    case ExternKind::Memory:
      Min = Imp.Memory.Lim.Min;
      HasMax = Imp.Memory.Lim.Max.has_value();
      Max = Imp.Memory.Lim.Max.value_or(0);
      break;
    case ExternKind::Global:
      ValueType = static_cast<uint8_t>(Imp.Global.Type);
      Mut = Imp.Global.Mutable;
      break;
    }
    Imports.push_back(ConstantStruct::get(
        ImportTy,
        {stringConstant(Imp.Module), stringConstant(Imp.Field),
         I32C(Imp.Module.size()), I32C(Imp.Field.size()),
         I8C(static_cast<uint8_t>(Imp.Kind)), I8C(ValueType), I8C(Mut),
         I8C(HasMax), I32C(TypeIndex), I64C(Min), I64C(Max)}));
  }

  // Only functions that can become funcref values (exported, or named by
  // an element segment or a global initialiser, which every ref.func target
  // must be) get their address in the descriptor. The others stay private
  // to LLVM, which may then inline them away, drop unused parameters such
  // as the instance, and pick their calling convention. Trap reports find
  // their names in the executable's symbol table instead.
  std::vector<bool> Escapes(W.numFuncs());
  for (const Export &E : W.Exports)
    if (E.Kind == ExternKind::Func)
      Escapes[E.Index] = true;
  for (const ElemSegment &S : W.Elems)
    for (const ConstExpr &Item : S.Items)
      if (Item.K == ConstExpr::RefFunc)
        Escapes[Item.Index] = true;
  for (const Global &G : W.Globals)
    if (G.Init.K == ConstExpr::RefFunc)
      Escapes[G.Init.Index] = true;

  auto *FuncTy = StructType::get(C, {Ptr, I32, Ptr});
  SmallVector<Constant *, 64> Funcs;
  for (uint32_t I = 0; I < W.numFuncs(); ++I) {
    llvm::Function *Fn = Escapes[I] ? function(I) : hostFunction(I);
    StringRef Name = Escapes[I] ? displayName(I) : StringRef();
    Funcs.push_back(ConstantStruct::get(
        FuncTy,
        {Fn ? static_cast<Constant *>(Fn) : Null, I32C(W.funcTypeIndex(I)),
         Name.empty() ? Null : stringConstant(printableName(Name))}));
  }

  auto *TableTy = StructType::get(C, {I8, I8, I32, I32});
  SmallVector<Constant *, 4> Tables;
  for (const TableType &T : W.Tables)
    Tables.push_back(ConstantStruct::get(
        TableTy,
        {I8C(static_cast<uint8_t>(T.ElemType)), I8C(T.Lim.Max.has_value()),
         I32C(T.Lim.Min), I32C(T.Lim.Max.value_or(0xffffffffu))}));

  auto *GlobalTy = StructType::get(C, {I8, I8, Ptr});
  SmallVector<Constant *, 16> Globals;
  for (uint32_t I = 0; I < W.Globals.size(); ++I) {
    const Global &G = W.Globals[I];
    GlobalVariable *Storage = globalStorage(W.NumImportedGlobals + I);
    Globals.push_back(ConstantStruct::get(
        GlobalTy, {I8C(static_cast<uint8_t>(G.Type.Type)), I8C(G.Type.Mutable),
                   Storage ? static_cast<Constant *>(Storage) : Null}));
  }

  auto *ExportTy = StructType::get(C, {Ptr, I32, I8, I32});
  SmallVector<Constant *, 16> Exports;
  for (const Export &E : W.Exports)
    Exports.push_back(ConstantStruct::get(
        ExportTy, {stringConstant(E.Name), I32C(E.Name.size()),
                   I8C(static_cast<uint8_t>(E.Kind)), I32C(E.Index)}));

  auto *DataTy = StructType::get(C, {Ptr, I32});
  SmallVector<Constant *, 16> Datas;
  for (const DataSegment &D : W.Datas) {
    Constant *Bytes = Null;
    if (!D.Bytes.empty()) {
      auto *Init = ConstantDataArray::get(C, D.Bytes);
      Bytes = new GlobalVariable(LM, Init->getType(), true,
                                 GlobalValue::PrivateLinkage, Init, "data");
    }
    Datas.push_back(ConstantStruct::get(DataTy, {Bytes, I32C(D.Bytes.size())}));
  }

  uint64_t MemMin = 0, MemMax = 65536;
  bool MemHasMax = false;
  if (!W.Memories.empty()) {
    MemMin = W.Memories[0].Lim.Min;
    MemHasMax = W.Memories[0].Lim.Max.has_value();
    MemMax = W.Memories[0].Lim.Max.value_or(65536);
  }

  StructType *ModuleTy = StructType::get(
      C, {I32, I32, Ptr, I32, Ptr, I32, Ptr, I32, Ptr, I32, Ptr, I32, I64,
          I64, I8,  I32, Ptr, I32, I32, I32, Ptr, I32, Ptr, I32, Ptr});
  uint32_t Flags =
      Opts.Bounds == BoundsChecks::Explicit ? W2N_MODULE_EXPLICIT_BOUNDS_CHECKS
                                            : 0;
  Constant *Desc = ConstantStruct::get(
      ModuleTy, {I32C(W2N_ABI_VERSION),
                 I32C(Flags),
                 W.ModuleName.empty() ? Null : stringConstant(W.ModuleName),
                 I32C(Types.size()),
                 Array(FuncTypeTy, Types, "types"),
                 I32C(Imports.size()),
                 Array(ImportTy, Imports, "imports"),
                 I32C(Funcs.size()),
                 Array(FuncTy, Funcs, "funcs"),
                 I32C(Tables.size()),
                 Array(TableTy, Tables, "tables"),
                 I32C(W.Memories.size()),
                 I64C(MemMin),
                 I64C(MemMax),
                 I8C(MemHasMax),
                 I32C(Globals.size()),
                 Array(GlobalTy, Globals, "globals"),
                 I32C(W.numTables()),
                 I32C(W.numGlobals()),
                 I32C(Exports.size()),
                 Array(ExportTy, Exports, "exports"),
                 I32C(Datas.size()),
                 Array(DataTy, Datas, "data"),
                 I32C(W.Elems.size()),
                 InitializeFn});

  // The generated layout must be the C layout of wasm2native-rt.h.
  const DataLayout &DL = LM.getDataLayout();
  assert(DL.getTypeAllocSize(ModuleTy) == sizeof(w2n_module) &&
         DL.getStructLayout(ModuleTy)->getElementOffset(24) ==
             offsetof(w2n_module, initialize) &&
         DL.getTypeAllocSize(ImportTy) == sizeof(w2n_import) &&
         DL.getTypeAllocSize(FuncTypeTy) == sizeof(w2n_func_type) &&
         DL.getTypeAllocSize(ExportTy) == sizeof(w2n_export) &&
         "descriptor layout differs from wasm2native-rt.h");
  (void)DL;

  auto *GV =
      new GlobalVariable(LM, ModuleTy, true, GlobalValue::ExternalLinkage, Desc,
                         Opts.DescriptorSymbol);
  GV->setAlignment(Align(8));
}

Error ModuleEmitter::emit() {
  // Structurally equal signatures share one canonical index, so
  // call_indirect compares ids, not indices.
  std::map<std::pair<std::vector<uint8_t>, std::vector<uint8_t>>, uint32_t>
      Seen;
  for (uint32_t I = 0; I < W.Types.size(); ++I) {
    const FuncType &T = W.Types[I];
    std::vector<uint8_t> P, R;
    for (ValType V : T.Params)
      P.push_back(static_cast<uint8_t>(V));
    for (ValType V : T.Results)
      R.push_back(static_cast<uint8_t>(V));
    CanonicalType.push_back(Seen.try_emplace({P, R}, I).first->second);
  }
  declareFunctions();
  if (Opts.DebugInfo)
    createDebugInfo();
  declareGlobalStorage();
  freezeTables();
  if (Error E = emitFunctionBodies())
    return E;
  // Executables only: an embedder's memory could be shared with code that
  // is not ours while a host memcpy runs.
  if (Opts.Executable)
    addKnownFunctionFastPaths();
  if (Opts.EmitDescriptor) {
    emitInitialize();
    emitDescriptor();
  }
  if (Debug)
    Debug->finalize();
  return Error::success();
}

Expected<std::unique_ptr<Module>>
wasm2native::emitLLVMModule(const WasmModule &M, LLVMContext &Ctx,
                            const IRGenOptions &Opts, StringRef ModuleID) {
  auto LM = std::make_unique<Module>(ModuleID, Ctx);
  if (!Opts.TargetTriple.empty())
    setModuleTriple(*LM, Opts.TargetTriple);
  if (!Opts.DataLayout.empty())
    LM->setDataLayout(Opts.DataLayout);
  else
    LM->setDataLayout("e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-"
                      "f80:128-n8:16:32:64-S128");
  ModuleEmitter ME(M, *LM, Opts);
  if (Error E = ME.emit())
    return std::move(E);
  // Frame pointers in every function that calls: trap backtraces
  // (runtime/backtrace.c) walk the chain of frame records, and so can
  // debuggers and profilers without unwind tables. Leaf functions go
  // without (a fault there finds its caller's return address by other
  // means), which halves the cost (README, "Debugging and profiling").
  for (llvm::Function &F : *LM)
    if (!F.isDeclaration())
      F.addFnAttr("frame-pointer", "non-leaf");
  std::string Msg;
  raw_string_ostream OS(Msg);
  if (verifyModule(*LM, &OS))
    return createStringError(inconvertibleErrorCode(),
                             "internal error: generated invalid IR: " + Msg);
  return std::move(LM);
}
