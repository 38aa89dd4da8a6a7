//===- EmbedAPI.cpp - Generated code of a module's typed C API ------------===//
//
// The typed API needs code that C cannot write: the import trampolines have
// the runtime's native signature (several results as an LLVM struct, v128 as
// a vector) and call the host's typed C function; a -shared library defines
// the header's NAME_* functions itself, because the host has no runtime to
// inline them over. Both are emitted here as IR into the module's own LLVM
// module, calling the runtime's w2n_api_* functions (runtime/embed_api.c).
//
// Calls between this code and C follow the target's C calling convention:
// i32/i64/f32/f64 and pointers map to IR types directly (i32 sign-extended
// on riscv64, as its ABI wants), and w2n_v128, a 16-byte struct passed by
// value, is lowered as clang lowers it (two i64 registers or memory on
// x86-64, [2 x i64] on AArch64 and RISC-V).
//
//===----------------------------------------------------------------------===//
#include "wasm2native/Driver/EmbedHeader.h"
#include "wasm2native/Runtime/wasm2native-rt.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"
#include <cstddef>
#include <map>

using namespace llvm;
using namespace wasm2native;

namespace {
/// One C-level signature lowered to IR.
class CSignature {
public:
  enum class Kind { Direct, V128Pair, V128Array, V128ByVal };
  struct Slot {
    Kind K;
    unsigned First; ///< first IR parameter
  };

  CSignature(Module &M) : M(M), Ctx(M.getContext()), T(M.getTargetTriple()) {}

  /// Adds a pointer parameter.
  unsigned addPtr() { return addValue(PointerType::getUnqual(Ctx), false); }
  /// Adds a 64-bit integer (size_t, uint64_t) parameter.
  unsigned addI64() { return addValue(Type::getInt64Ty(Ctx), false); }
  /// Adds a uint8_t parameter (zero-extended by the caller, as C does).
  unsigned addU8() {
    ZExtParams.push_back(Params.size());
    return addValue(Type::getInt8Ty(Ctx), false);
  }
  /// Adds a parameter of wasm type \p V (as the header's C type).
  unsigned addWasm(ValType V) {
    if (V != ValType::V128)
      return addValue(nativeType(V), V == ValType::I32);
    Type *I64 = Type::getInt64Ty(Ctx);
    if (T.getArch() == Triple::x86_64) {
      if (GPRs + 2 <= 6) {
        GPRs += 2;
        Slots.push_back({Kind::V128Pair, unsigned(Params.size())});
        Params.push_back(I64);
        Params.push_back(I64);
      } else {
        GPRs = 6; // the SysV ABI passes the whole struct in memory
        Slots.push_back({Kind::V128ByVal, unsigned(Params.size())});
        Params.push_back(PointerType::getUnqual(Ctx));
      }
    } else {
      Slots.push_back({Kind::V128Array, unsigned(Params.size())});
      Params.push_back(ArrayType::get(I64, 2));
    }
    return Slots.size() - 1;
  }
  void setReturnVoid() { Ret = Type::getVoidTy(Ctx); }
  void setReturnPtr() { Ret = PointerType::getUnqual(Ctx); }
  void setReturnI64() { Ret = Type::getInt64Ty(Ctx); }
  void setReturnI32() {
    Ret = Type::getInt32Ty(Ctx);
    RetSExt = T.isRISCV64();
  }
  void setReturnWasm(ValType V) {
    RetV128 = V == ValType::V128;
    if (!RetV128) {
      Ret = nativeType(V);
      RetSExt = V == ValType::I32 && T.isRISCV64();
      return;
    }
    Type *I64 = Type::getInt64Ty(Ctx);
    Ret = T.getArch() == Triple::x86_64
              ? static_cast<Type *>(StructType::get(Ctx, {I64, I64}))
              : ArrayType::get(I64, 2);
  }

  FunctionType *type() const { return FunctionType::get(Ret, Params, false); }

  /// The attributes of a function or call of this signature.
  AttributeList attributes() const {
    AttributeList AL;
    for (const Slot &S : Slots) {
      if (S.K == Kind::V128ByVal) {
        AL = AL.addParamAttribute(
            Ctx, S.First,
            Attribute::getWithByValType(
                Ctx, ArrayType::get(Type::getInt8Ty(Ctx), 16)));
        AL = AL.addParamAttribute(Ctx, S.First,
                                  Attribute::getWithAlignment(Ctx, Align(8)));
      }
    }
    for (unsigned I : SExtParams)
      AL = AL.addParamAttribute(Ctx, I, Attribute::SExt);
    for (unsigned I : ZExtParams)
      AL = AL.addParamAttribute(Ctx, I, Attribute::ZExt);
    if (RetSExt)
      AL = AL.addRetAttribute(Ctx, Attribute::SExt);
    return AL;
  }

  llvm::Function *define(StringRef Name, bool Hidden) {
    llvm::Function *F =
        llvm::Function::Create(type(), GlobalValue::ExternalLinkage, Name, M);
    F->setAttributes(attributes());
    F->addFnAttr(Attribute::NoUnwind);
    if (Hidden)
      F->setVisibility(GlobalValue::HiddenVisibility);
    return F;
  }

  /// Logical parameter \p I of \p F as the runtime's native value.
  Value *param(IRBuilder<> &B, llvm::Function *F, unsigned I) const {
    const Slot &S = Slots[I];
    Argument *A = F->getArg(S.First);
    switch (S.K) {
    case Kind::Direct:
      return A;
    case Kind::V128Pair:
      return pairToVector(B, A, F->getArg(S.First + 1));
    case Kind::V128Array:
      return pairToVector(B, B.CreateExtractValue(A, 0),
                          B.CreateExtractValue(A, 1));
    case Kind::V128ByVal:
      return B.CreateAlignedLoad(v128Type(), A, Align(8));
    }
    llvm_unreachable("bad slot");
  }

  /// Appends native value \p V as logical parameter \p I of a call.
  void pushArg(IRBuilder<> &B, SmallVectorImpl<Value *> &Args, unsigned I,
               Value *V) const {
    switch (Slots[I].K) {
    case Kind::Direct:
      Args.push_back(V);
      return;
    case Kind::V128Pair:
      Args.push_back(B.CreateExtractElement(V, uint64_t(0)));
      Args.push_back(B.CreateExtractElement(V, uint64_t(1)));
      return;
    case Kind::V128Array: {
      Value *A = PoisonValue::get(ArrayType::get(B.getInt64Ty(), 2));
      A = B.CreateInsertValue(A, B.CreateExtractElement(V, uint64_t(0)), 0);
      Args.push_back(
          B.CreateInsertValue(A, B.CreateExtractElement(V, uint64_t(1)), 1));
      return;
    }
    case Kind::V128ByVal: {
      AllocaInst *Tmp = B.CreateAlloca(v128Type());
      Tmp->setAlignment(Align(16));
      B.CreateStore(V, Tmp);
      Args.push_back(Tmp);
      return;
    }
    }
  }

  /// The C return value \p R as the runtime's native value, and back.
  Value *returnToNative(IRBuilder<> &B, Value *R) const {
    if (!RetV128)
      return R;
    return pairToVector(B, B.CreateExtractValue(R, 0),
                        B.CreateExtractValue(R, 1));
  }
  Value *nativeToReturn(IRBuilder<> &B, Value *V) const {
    if (!RetV128)
      return V;
    Value *R = PoisonValue::get(Ret);
    R = B.CreateInsertValue(R, B.CreateExtractElement(V, uint64_t(0)), 0);
    return B.CreateInsertValue(R, B.CreateExtractElement(V, uint64_t(1)), 1);
  }

  Type *v128Type() const {
    return FixedVectorType::get(Type::getInt64Ty(Ctx), 2);
  }
  /// The type the generated code uses for wasm type \p V.
  Type *nativeType(ValType V) const {
    switch (V) {
    case ValType::I32:
      return Type::getInt32Ty(Ctx);
    case ValType::I64:
      return Type::getInt64Ty(Ctx);
    case ValType::F32:
      return Type::getFloatTy(Ctx);
    case ValType::F64:
      return Type::getDoubleTy(Ctx);
    case ValType::V128:
      return v128Type();
    case ValType::FuncRef:
    case ValType::ExternRef:
      return PointerType::getUnqual(Ctx);
    }
    llvm_unreachable("bad value type");
  }

private:
  unsigned addValue(Type *Ty, bool SExt32) {
    if (Ty->isIntegerTy() || Ty->isPointerTy())
      GPRs = std::min(GPRs + 1, 6u);
    if (SExt32 && T.isRISCV64())
      SExtParams.push_back(Params.size());
    Slots.push_back({Kind::Direct, unsigned(Params.size())});
    Params.push_back(Ty);
    return Slots.size() - 1;
  }
  Value *pairToVector(IRBuilder<> &B, Value *Lo, Value *Hi) const {
    Value *V = PoisonValue::get(v128Type());
    V = B.CreateInsertElement(V, Lo, uint64_t(0));
    return B.CreateInsertElement(V, Hi, uint64_t(1));
  }

  Module &M;
  LLVMContext &Ctx;
  Triple T;
  unsigned GPRs = 0; ///< x86-64 integer argument registers used
  SmallVector<Type *, 8> Params;
  SmallVector<Slot, 8> Slots;
  SmallVector<unsigned, 4> SExtParams, ZExtParams;
  Type *Ret = nullptr;
  bool RetSExt = false, RetV128 = false;
};

/// The runtime's signature of a function of type \p T (as IRGen makes it).
FunctionType *nativeFunctionType(const CSignature &C, LLVMContext &Ctx,
                                 const FuncType &T) {
  SmallVector<Type *, 8> Params{PointerType::getUnqual(Ctx)};
  for (ValType P : T.Params)
    Params.push_back(C.nativeType(P));
  Type *Ret = Type::getVoidTy(Ctx);
  if (T.Results.size() == 1) {
    Ret = C.nativeType(T.Results[0]);
  } else if (T.Results.size() > 1) {
    SmallVector<Type *, 4> Fields;
    for (ValType R : T.Results)
      Fields.push_back(C.nativeType(R));
    Ret = StructType::get(Ctx, Fields);
  }
  return FunctionType::get(Ret, Params, false);
}

class APIEmitter {
public:
  APIEmitter(const WasmModule &WM, const EmbedAPI &API, Module &M)
      : WM(WM), API(API), M(M), Ctx(M.getContext()),
        Ptr(PointerType::getUnqual(Ctx)), I32(Type::getInt32Ty(Ctx)),
        I64(Type::getInt64Ty(Ctx)) {}

  /// NAME_imports as the header declares it; sets the field offsets.
  uint64_t layoutImports() {
    SmallVector<Type *, 16> Fields(1 + API.Imports.size(), Ptr);
    if (API.UsesWASI)
      Fields.push_back(StructType::get(Ctx, {I32, Ptr, Ptr, I32, Ptr}));
    const StructLayout *SL =
        M.getDataLayout().getStructLayout(StructType::get(Ctx, Fields));
    for (size_t K = 0; K < API.Imports.size(); ++K)
      FieldOffsets.push_back(SL->getElementOffset(1 + K));
    WASIOffset =
        API.UsesWASI ? int64_t(SL->getElementOffset(Fields.size() - 1)) : -1;
    return SL->getSizeInBytes();
  }

  void emitTrampolines(bool Hidden) {
    for (size_t K = 0; K < API.Imports.size(); ++K) {
      const EmbedAPI::ImportField &F = API.Imports[K];
      if (F.I->Kind != ExternKind::Func)
        continue;
      Trampolines[K] = emitTrampoline(F, FieldOffsets[K], Hidden);
    }
  }

  void emitShared(uint64_t ImportsSize) {
    // Everything the module defined so far (descriptor, wasm functions) is
    // the library's business; only the API below is exported.
    hideDefinitions(M);
    GlobalVariable *Desc = emitDescriptor(ImportsSize);
    StringRef P = API.Prefix;

    { // NAME_new(imports, err, errlen)
      CSignature S(M);
      S.addPtr();
      S.addPtr();
      S.addI64();
      S.setReturnPtr();
      llvm::Function *F = S.define((P + "_new").str(), false);
      IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
      B.CreateRet(
          B.CreateCall(runtime("w2n_api_new", Ptr, {Ptr, Ptr, Ptr, I64}),
                       {Desc, F->getArg(0), F->getArg(1), F->getArg(2)}));
    }
    { // NAME_delete(self)
      CSignature S(M);
      S.addPtr();
      S.setReturnVoid();
      llvm::Function *F = S.define((P + "_delete").str(), false);
      IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
      B.CreateCall(runtime("w2n_api_delete", Type::getVoidTy(Ctx), {Ptr}),
                   {F->getArg(0)});
      B.CreateRetVoid();
    }
    { // NAME_trap_message(code)
      CSignature S(M);
      S.addWasm(ValType::I32);
      S.setReturnPtr();
      llvm::Function *F = S.define((P + "_trap_message").str(), false);
      IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
      B.CreateRet(B.CreateCall(runtime("w2n_trap_message", Ptr, {I32}),
                               {F->getArg(0)}));
    }
    { // NAME_report_trap(code)
      CSignature S(M);
      S.addWasm(ValType::I32);
      S.setReturnVoid();
      llvm::Function *F = S.define((P + "_report_trap").str(), false);
      IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
      B.CreateCall(runtime("w2n_report_trap", Type::getVoidTy(Ctx), {I32}),
                   {F->getArg(0)});
      B.CreateRetVoid();
    }
    { // NAME_exit_status(self)
      CSignature S(M);
      S.addPtr();
      S.setReturnI32();
      llvm::Function *F = S.define((P + "_exit_status").str(), false);
      IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
      B.CreateRet(B.CreateCall(runtime("w2n_api_exit_status", I32, {Ptr}),
                               {F->getArg(0)}));
    }
    emitHostObjects();
    for (const EmbedAPI::ExportItem &X : API.Exports)
      emitExport(X);
  }

private:
  /// NAME_memory_new and friends: a library's host has no runtime of its
  /// own, and only objects of the library's copy may be imported (its fault
  /// handler knows their reservations).
  void emitHostObjects() {
    StringRef P = API.Prefix;
    Type *Void = Type::getVoidTy(Ctx);
    // Defines NAME_<Name> with signature \p Sig, forwarding every parameter
    // to runtime function \p Callee of signature \p CalleeSig, with
    // \p Adapt converting the parameters.
    auto Forward = [&](StringRef Name, CSignature &Sig, StringRef Callee,
                       CSignature &CalleeSig,
                       function_ref<void(IRBuilder<> &, llvm::Function *,
                                         SmallVectorImpl<Value *> &)>
                           Adapt) {
      llvm::Function *F = Sig.define((P + "_" + Name).str(), false);
      IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
      SmallVector<Value *, 8> Args;
      Adapt(B, F, Args);
      FunctionCallee C = M.getOrInsertFunction(Callee, CalleeSig.type());
      CallInst *Call = B.CreateCall(C, Args);
      Call->setAttributes(CalleeSig.attributes());
      if (F->getReturnType()->isVoidTy())
        B.CreateRetVoid();
      else
        B.CreateRet(Call);
    };
    auto Same = [](IRBuilder<> &, llvm::Function *F,
                   SmallVectorImpl<Value *> &Args) {
      for (Argument &A : F->args())
        Args.push_back(&A);
    };
    { // w2n_memory *NAME_memory_new(uint64_t min_pages, uint64_t max_pages,
      //                             int has_max, char *err, size_t errlen)
      CSignature S(M);
      S.addI64();
      S.addI64();
      S.addWasm(ValType::I32);
      S.addPtr();
      S.addI64();
      S.setReturnPtr();
      Forward("memory_new", S, "w2n_memory_new", S, Same);
    }
    for (StringRef Kind : {"memory", "table", "global"}) {
      CSignature S(M);
      S.addPtr();
      S.setReturnVoid();
      Forward((Kind + "_delete").str(), S, ("w2n_" + Kind + "_delete").str(), S,
              Same);
    }
    { // w2n_table *NAME_table_new(int elem_type, uint32_t min, uint32_t max,
      //                           int has_max, void *init)
      CSignature S(M), R(M);
      for (CSignature *X : {&S, &R}) {
        if (X == &S)
          X->addWasm(ValType::I32);
        else
          X->addU8();
        X->addWasm(ValType::I32);
        X->addWasm(ValType::I32);
        X->addWasm(ValType::I32);
        X->addPtr();
        X->setReturnPtr();
      }
      Forward("table_new", S, "w2n_table_new", R,
              [&](IRBuilder<> &B, llvm::Function *F,
                  SmallVectorImpl<Value *> &Args) {
                Args.push_back(B.CreateTrunc(F->getArg(0), B.getInt8Ty()));
                for (unsigned I = 1; I < F->arg_size(); ++I)
                  Args.push_back(F->getArg(I));
              });
    }
    { // w2n_global *NAME_global_new(int type, int mutability,
      //                             w2n_value init)
      // w2n_value is a 16-byte union of integer class: passed as w2n_v128.
      CSignature S(M), R(M);
      unsigned SInit = 0, RInit = 0;
      S.addWasm(ValType::I32);
      R.addU8();
      S.addWasm(ValType::I32);
      R.addWasm(ValType::I32);
      SInit = S.addWasm(ValType::V128);
      RInit = R.addWasm(ValType::V128);
      S.setReturnPtr();
      R.setReturnPtr();
      Forward("global_new", S, "w2n_global_new", R,
              [&](IRBuilder<> &B, llvm::Function *F,
                  SmallVectorImpl<Value *> &Args) {
                Args.push_back(B.CreateTrunc(F->getArg(0), B.getInt8Ty()));
                Args.push_back(F->getArg(1));
                R.pushArg(B, Args, RInit, S.param(B, F, SInit));
              });
    }
    (void)Void;
  }

  FunctionCallee runtime(StringRef Name, Type *Ret, ArrayRef<Type *> Params) {
    return M.getOrInsertFunction(Name, FunctionType::get(Ret, Params, false));
  }

  llvm::Function *emitTrampoline(const EmbedAPI::ImportField &F,
                                 uint64_t Offset, bool Hidden) {
    const FuncType &T = WM.Types[F.I->FuncTypeIndex];
    CSignature Native(M);
    llvm::Function *Tramp = llvm::Function::Create(
        nativeFunctionType(Native, Ctx, T), GlobalValue::ExternalLinkage,
        importTrampolineSymbol(API.Prefix, F.Position), M);
    Tramp->addFnAttr(Attribute::NoUnwind);
    if (Hidden)
      Tramp->setVisibility(GlobalValue::HiddenVisibility);
    IRBuilder<> B(BasicBlock::Create(Ctx, "", Tramp));
    AllocaInst *Host = B.CreateAlloca(Ptr);
    AllocaInst *Self = B.CreateAlloca(Ptr);
    SmallVector<AllocaInst *, 4> Outs;
    if (T.Results.size() > 1)
      for (ValType R : T.Results) {
        AllocaInst *A = B.CreateAlloca(Native.nativeType(R));
        A->setAlignment(Align(16));
        Outs.push_back(A);
      }
    Value *Fn = B.CreateCall(
        runtime("w2n_api_import_target", Ptr, {Ptr, I32, Ptr, Ptr}),
        {Tramp->getArg(0), B.getInt32(Offset), Host, Self});

    // The typed field: RESULT f(void *host, NAME_instance *caller,
    // PARAMS..., RESULT *...).
    CSignature C(M);
    C.addPtr();
    C.addPtr();
    SmallVector<unsigned, 8> ParamSlots;
    for (ValType P : T.Params)
      ParamSlots.push_back(C.addWasm(P));
    for (size_t R = 0; R < Outs.size(); ++R)
      C.addPtr();
    if (T.Results.size() == 1)
      C.setReturnWasm(T.Results[0]);
    else
      C.setReturnVoid();
    SmallVector<Value *, 8> Args{B.CreateLoad(Ptr, Host),
                                 B.CreateLoad(Ptr, Self)};
    for (size_t A = 0; A < T.Params.size(); ++A)
      C.pushArg(B, Args, ParamSlots[A], Tramp->getArg(1 + A));
    for (AllocaInst *O : Outs)
      Args.push_back(O);
    CallInst *Call = B.CreateCall(C.type(), Fn, Args);
    Call->setAttributes(C.attributes());
    if (T.Results.empty()) {
      B.CreateRetVoid();
    } else if (T.Results.size() == 1) {
      B.CreateRet(C.returnToNative(B, Call));
    } else {
      Value *R = PoisonValue::get(Tramp->getReturnType());
      for (size_t I = 0; I < Outs.size(); ++I)
        R = B.CreateInsertValue(
            R, B.CreateLoad(Outs[I]->getAllocatedType(), Outs[I]), I);
      B.CreateRet(R);
    }
    return Tramp;
  }

  GlobalVariable *emitDescriptor(uint64_t ImportsSize) {
    StructType *ImportTy = StructType::get(Ctx, {I32, I32, Ptr});
    SmallVector<Constant *, 8> Items;
    for (size_t K = 0; K < API.Imports.size(); ++K) {
      Constant *Tramp =
          Trampolines.count(K)
              ? static_cast<Constant *>(Trampolines[K])
              : ConstantPointerNull::get(PointerType::getUnqual(Ctx));
      Items.push_back(ConstantStruct::get(
          ImportTy, {ConstantInt::get(I32, API.Imports[K].Position),
                     ConstantInt::get(I32, FieldOffsets[K]), Tramp}));
    }
    Constant *ImportsInit =
        ConstantArray::get(ArrayType::get(ImportTy, Items.size()), Items);
    auto *ImportsGV = new GlobalVariable(
        M, ImportsInit->getType(), true, GlobalValue::PrivateLinkage,
        ImportsInit, API.Prefix + "__api_imports");
    GlobalValue *Module = M.getNamedValue(descriptorSymbolFor(API.Prefix));
    assert(Module && "the module descriptor is emitted first");
    StructType *DescTy = StructType::get(Ctx, {Ptr, I32, I32, I32, Ptr});
    Constant *Init = ConstantStruct::get(
        DescTy, {Module, ConstantInt::get(I32, ImportsSize),
                 ConstantInt::get(I32, WASIOffset),
                 ConstantInt::get(I32, Items.size()), ImportsGV});
    return new GlobalVariable(M, DescTy, true, GlobalValue::PrivateLinkage,
                              Init, API.Prefix + "__api");
  }

  void emitExport(const EmbedAPI::ExportItem &X) {
    const Export &E = *X.E;
    std::string N = API.Prefix + "_" + X.Name;
    Value *K = ConstantInt::get(I32, X.Index);
    FunctionCallee Lookup = runtime("w2n_api_export", Ptr, {Ptr, I32});
    switch (E.Kind) {
    case ExternKind::Func: {
      const FuncType &T = WM.funcType(E.Index);
      CSignature S(M);
      S.addPtr();
      SmallVector<unsigned, 8> ParamSlots;
      for (ValType P : T.Params)
        ParamSlots.push_back(S.addWasm(P));
      for (size_t R = 0; R < T.Results.size(); ++R)
        S.addPtr();
      S.setReturnI32();
      llvm::Function *F = S.define(N, false);
      IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
      // w2n_value args[max(params, results)], 16 bytes each.
      size_t Slots =
          std::max<size_t>(1, std::max(T.Params.size(), T.Results.size()));
      AllocaInst *Args = B.CreateAlloca(ArrayType::get(S.v128Type(), Slots));
      Args->setAlignment(Align(16));
      B.CreateMemSet(Args, B.getInt8(0), Slots * 16, Align(16));
      for (size_t A = 0; A < T.Params.size(); ++A)
        B.CreateStore(S.param(B, F, ParamSlots[A]),
                      B.CreateConstGEP1_64(B.getInt8Ty(), Args, 16 * A));
      Value *Code = B.CreateCall(runtime("w2n_api_call", I32, {Ptr, I32, Ptr}),
                                 {F->getArg(0), K, Args});
      if (!T.Results.empty()) {
        BasicBlock *Store = BasicBlock::Create(Ctx, "", F);
        BasicBlock *Done = BasicBlock::Create(Ctx, "", F);
        B.CreateCondBr(B.CreateICmpEQ(Code, B.getInt32(0)), Store, Done);
        B.SetInsertPoint(Store);
        unsigned FirstOut = F->arg_size() - T.Results.size();
        for (size_t R = 0; R < T.Results.size(); ++R) {
          Type *Ty = S.nativeType(T.Results[R]);
          Value *V = B.CreateLoad(
              Ty, B.CreateConstGEP1_64(B.getInt8Ty(), Args, 16 * R));
          // The caller's pointer need not be aligned for a vector.
          B.CreateAlignedStore(V, F->getArg(FirstOut + R),
                               T.Results[R] == ValType::V128
                                   ? Align(1)
                                   : M.getDataLayout().getABITypeAlign(Ty));
        }
        B.CreateBr(Done);
        B.SetInsertPoint(Done);
      }
      B.CreateRet(Code);
      break;
    }
    case ExternKind::Memory: {
      for (bool Size : {false, true}) {
        CSignature S(M);
        S.addPtr();
        if (Size)
          S.setReturnI64();
        else
          S.setReturnPtr();
        llvm::Function *F = S.define(Size ? N + "_size" : N, false);
        IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
        Value *Mem = B.CreateCall(Lookup, {F->getArg(0), K});
        uint64_t Off =
            Size ? offsetof(w2n_memory, size) : offsetof(w2n_memory, base);
        B.CreateRet(
            B.CreateLoad(Size ? static_cast<Type *>(I64) : Ptr,
                         B.CreateConstGEP1_64(B.getInt8Ty(), Mem, Off)));
      }
      break;
    }
    case ExternKind::Table: {
      CSignature S(M);
      S.addPtr();
      S.setReturnPtr();
      llvm::Function *F = S.define(N, false);
      IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
      B.CreateRet(B.CreateCall(Lookup, {F->getArg(0), K}));
      break;
    }
    case ExternKind::Global: {
      // w2n_global holds the value first.
      GlobalType G = WM.globalType(E.Index);
      {
        CSignature S(M);
        S.addPtr();
        S.setReturnWasm(G.Type);
        llvm::Function *F = S.define(N, false);
        IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
        Value *Glob = B.CreateCall(Lookup, {F->getArg(0), K});
        Value *V = B.CreateAlignedLoad(S.nativeType(G.Type), Glob, Align(8));
        B.CreateRet(S.nativeToReturn(B, V));
      }
      if (G.Mutable) {
        CSignature S(M);
        S.addPtr();
        unsigned Slot = S.addWasm(G.Type);
        S.setReturnVoid();
        llvm::Function *F = S.define(N + "_set", false);
        IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
        Value *Glob = B.CreateCall(Lookup, {F->getArg(0), K});
        B.CreateAlignedStore(S.param(B, F, Slot), Glob, Align(8));
        B.CreateRetVoid();
      }
      break;
    }
    }
  }

  const WasmModule &WM;
  const EmbedAPI &API;
  Module &M;
  LLVMContext &Ctx;
  Type *Ptr, *I32, *I64;
  SmallVector<uint64_t, 16> FieldOffsets;
  int64_t WASIOffset = -1;
  std::map<size_t, llvm::Function *> Trampolines;
};
} // namespace

void wasm2native::hideDefinitions(Module &IR) {
  for (GlobalValue &GV : IR.global_values())
    if (!GV.isDeclaration() && !GV.hasLocalLinkage())
      GV.setVisibility(GlobalValue::HiddenVisibility);
}

uint64_t wasm2native::emitEmbedAPI(const WasmModule &WM, const EmbedAPI &API,
                                   Module &IR, bool Shared, bool Partitioned) {
  // An embedder's object keeps the exported wasm functions as external
  // symbols "wasm.<export>"; two modules exporting the same name would
  // clash in one program. The typed API reaches them through the
  // descriptor only, so they become local symbols (which still name them
  // in trap reports and debuggers), and every external symbol of the
  // object carries the prefix.
  for (llvm::Function &F : IR)
    if (!Partitioned && !F.isDeclaration() && F.hasExternalLinkage() &&
        F.getName().starts_with("wasm."))
      F.setLinkage(GlobalValue::InternalLinkage);
  APIEmitter E(WM, API, IR);
  uint64_t Size = E.layoutImports();
  E.emitTrampolines(/*Hidden=*/true);
  if (Shared)
    E.emitShared(Size);
  return Size;
}
