//===- KnownFunctions.cpp - Fast paths for wasi-libc's memory functions ---===//
//
// Programs built against wasi-libc carry its memcpy, memmove, memset,
// memcmp, memchr and strlen as plain wasm loops, where native programs call
// vector code in the host's libc. When a function's body is byte for byte the
// one Debian 12's wasi-libc ships (checked by size and hash, the name alone
// proves nothing), its semantics are known exactly, so it gets a fast path: if
// every byte it touches is inside linear memory (and, for memcpy, the ranges do
// not overlap), an LLVM memory intrinsic or the runtime does the work.
// Otherwise the original wasm code runs, traps included, so nothing observable
// changes. Any other build of these functions is compiled as usual.
//
//===----------------------------------------------------------------------===//
#include "ModuleEmitter.h"
#include "wasm2native/Reader/BinaryCursor.h"
#include "wasm2native/Runtime/wasm2native-rt.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/MDBuilder.h"

using namespace llvm;
using namespace wasm2native;

namespace {
enum class Known { Memcpy, Memmove, Memset, Memcmp, Memchr, Strlen };

struct KnownBody {
  Known Kind;
  StringLiteral Name;
  unsigned NumParams; // all i32, one i32 result: the exact C signature
  size_t Size;        // bytes of code after the locals
  uint64_t Hash;      // FNV-1a of that code, Masked bytes as zero
  unsigned MaskBegin; // a call's function index, which linking changes
  unsigned MaskEnd;
  // The function that call must reach, itself recognised: the body's
  // meaning depends on it.
  std::optional<Known> Callee;
};

// Debian 12's wasi-libc (0.0~git20221206.8b7148f), built by its clang.
constexpr KnownBody KnownBodies[] = {
    {Known::Memcpy, "memcpy", 3, 1293, 0xf686255b75e4a9ffull, 0, 0, {}},
    {Known::Memmove, "memmove", 3, 1284, 0xf589c39769ac129eull, 39, 44,
     Known::Memcpy},
    {Known::Memset, "memset", 3, 374, 0xbcfd0099da042ac0ull, 0, 0, {}},
    {Known::Memcmp, "memcmp", 3, 70, 0x34fadeac79a5cf60ull, 0, 0, {}},
    {Known::Memchr, "memchr", 3, 367, 0x389aef1cacacec6full, 0, 0, {}},
    {Known::Strlen, "strlen", 1, 174, 0xc65c2453a2b71be5ull, 0, 0, {}},
};
} // namespace

static uint64_t hashBody(ArrayRef<uint8_t> Body, unsigned MaskBegin,
                         unsigned MaskEnd) {
  uint64_t H = 0xcbf29ce484222325ull;
  for (size_t I = 0; I < Body.size(); ++I) {
    uint8_t Byte = (I >= MaskBegin && I < MaskEnd) ? 0 : Body[I];
    H = (H ^ Byte) * 0x100000001b3ull;
  }
  return H;
}

static const KnownBody *recognize(const WasmModule &W, uint32_t FuncIndex,
                                  unsigned Depth = 0) {
  if (FuncIndex < W.NumImportedFuncs || Depth > 1)
    return nullptr;
  const wasm2native::Function &F = W.Functions[FuncIndex - W.NumImportedFuncs];
  StringRef Name = W.functionName(FuncIndex);
  const FuncType &T = W.funcType(FuncIndex);
  if (T.Params.empty() || T.Params.size() > 3 || T.Results.size() != 1 ||
      T.Results[0] != ValType::I32 ||
      !llvm::all_of(T.Params, [](ValType V) { return V == ValType::I32; }))
    return nullptr;
  for (const KnownBody &K : KnownBodies) {
    // The same code bytes with a parameter turned into a local are another
    // function (and the fast path would read arguments that do not exist).
    if (Name != K.Name || T.Params.size() != K.NumParams ||
        F.Body.size() != K.Size ||
        hashBody(F.Body, K.MaskBegin, K.MaskEnd) != K.Hash)
      continue;
    if (K.Callee) {
      // The masked bytes are a call's padded LEB128 function index.
      BinaryCursor C(F.Body.slice(K.MaskBegin, K.MaskEnd - K.MaskBegin));
      Expected<uint32_t> Target = C.readVarU32();
      if (!Target) {
        consumeError(Target.takeError());
        return nullptr;
      }
      const KnownBody *Callee = recognize(W, *Target, Depth + 1);
      if (!Callee || Callee->Kind != *K.Callee)
        return nullptr;
    }
    return &K;
  }
  return nullptr;
}

/// The memory base and current size in bytes, as the fast paths see them.
static std::pair<Value *, Value *> memoryBaseAndSize(IRBuilder<> &B,
                                                     Value *Ctx) {
  auto Field = [&](size_t Offset, const Twine &Name) {
    auto *L = B.CreateAlignedLoad(
        B.getPtrTy(), B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Ctx, Offset),
        Align(8), Name);
    L->setMetadata(LLVMContext::MD_invariant_load,
                   MDNode::get(B.getContext(), {}));
    return L;
  };
  Value *Base = Field(offsetof(w2n_instance, mem_base), "base");
  Value *Mem = Field(offsetof(w2n_instance, memory), "memory");
  Value *Size =
      B.CreateAlignedLoad(B.getInt64Ty(),
                          B.CreateConstInBoundsGEP1_64(
                              B.getInt8Ty(), Mem, offsetof(w2n_memory, size)),
                          Align(8), "size");
  return {Base, Size};
}

/// Returns what the original wasm code returns for the same arguments.
static void returnGeneric(IRBuilder<> &B, llvm::Function *Fn,
                          llvm::Function *Generic) {
  SmallVector<Value *, 4> Args;
  for (Argument &Arg : Fn->args())
    Args.push_back(&Arg);
  B.CreateRet(B.CreateCall(Generic, Args));
}

/// strlen: the host's strnlen bounded by the end of memory; a string that
/// runs off the end takes the wasm code (which traps there).
static void emitStrlenFastPath(ModuleEmitter &ME, llvm::Function *Fn,
                               llvm::Function *Generic, Value *S) {
  LLVMContext &C = ME.context();
  Module &LM = ME.module();
  IRBuilder<> B(BasicBlock::Create(C, "entry", Fn));
  auto [Base, Size] = memoryBaseAndSize(B, Fn->getArg(0));
  Value *P = B.CreateZExt(S, B.getInt64Ty());
  BasicBlock *Scan = BasicBlock::Create(C, "scan", Fn);
  BasicBlock *Found = BasicBlock::Create(C, "found", Fn);
  BasicBlock *Slow = BasicBlock::Create(C, "slow", Fn);
  B.CreateCondBr(B.CreateICmpULT(P, Size), Scan, Slow);
  B.SetInsertPoint(Scan);
  Value *Room = B.CreateSub(Size, P);
  FunctionType *FT =
      FunctionType::get(B.getInt64Ty(), {B.getPtrTy(), B.getInt64Ty()}, false);
  FunctionCallee Strnlen = LM.getOrInsertFunction("strnlen", FT);
  Value *Len =
      B.CreateCall(Strnlen, {B.CreateGEP(B.getInt8Ty(), Base, P), Room}, "len");
  B.CreateCondBr(B.CreateICmpULT(Len, Room), Found, Slow);
  B.SetInsertPoint(Found);
  B.CreateRet(B.CreateTrunc(Len, B.getInt32Ty()));
  B.SetInsertPoint(Slow);
  returnGeneric(B, Fn, Generic);
}

void ModuleEmitter::addKnownFunctionFastPaths() {
  LLVMContext &C = context();
  MDBuilder MDB(C);
  for (uint32_t I = 0; I < W.Functions.size(); ++I) {
    uint32_t Index = W.NumImportedFuncs + I;
    llvm::Function *Fn = Functions[I];
    if (Fn->isDeclaration() || W.numMemories() == 0)
      continue;
    const KnownBody *K = recognize(W, Index);
    if (!K)
      continue;

    // The original body becomes the slow path.
    llvm::Function *Generic = llvm::Function::Create(
        Fn->getFunctionType(), GlobalValue::InternalLinkage,
        Fn->getName() + ".generic", LM);
    Generic->copyAttributesFrom(Fn);
    Generic->setLinkage(GlobalValue::InternalLinkage);
    Generic->setVisibility(GlobalValue::DefaultVisibility);
    Generic->splice(Generic->end(), Fn);
    for (unsigned A = 0; A < Fn->arg_size(); ++A) {
      Generic->getArg(A)->takeName(Fn->getArg(A));
      Fn->getArg(A)->replaceAllUsesWith(Generic->getArg(A));
    }

    Value *A0 = Fn->getArg(1);
    if (K->Kind == Known::Strlen) {
      emitStrlenFastPath(*this, Fn, Generic, A0);
      continue;
    }
    IRBuilder<> B(BasicBlock::Create(C, "entry", Fn));
    Value *A1 = Fn->getArg(2), *N = Fn->getArg(3);
    auto [Base, Size] = memoryBaseAndSize(B, Fn->getArg(0));
    Value *N64 = B.CreateZExt(N, B.getInt64Ty());
    Value *P = B.CreateZExt(A0, B.getInt64Ty());
    Value *PEnd = B.CreateAdd(P, N64);
    Value *Ok = B.CreateICmpULE(PEnd, Size);
    Value *Q = nullptr, *QEnd = nullptr;
    if (K->Kind != Known::Memset && K->Kind != Known::Memchr) {
      Q = B.CreateZExt(A1, B.getInt64Ty());
      QEnd = B.CreateAdd(Q, N64);
      Ok = B.CreateAnd(Ok, B.CreateICmpULE(QEnd, Size));
    }
    if (K->Kind == Known::Memcpy) // overlap copies in the wasm code's order
      Ok = B.CreateAnd(
          Ok, B.CreateOr(B.CreateICmpULE(PEnd, Q), B.CreateICmpULE(QEnd, P)));
    BasicBlock *Fast = BasicBlock::Create(C, "fast", Fn);
    BasicBlock *Slow = BasicBlock::Create(C, "slow", Fn);
    B.CreateCondBr(Ok, Fast, Slow, MDB.createLikelyBranchWeights());

    B.SetInsertPoint(Slow);
    returnGeneric(B, Fn, Generic);

    B.SetInsertPoint(Fast);
    Value *PPtr = B.CreateGEP(B.getInt8Ty(), Base, P);
    switch (K->Kind) {
    case Known::Memcpy:
      B.CreateMemCpy(PPtr, MaybeAlign(), B.CreateGEP(B.getInt8Ty(), Base, Q),
                     MaybeAlign(), N64);
      B.CreateRet(A0);
      break;
    case Known::Memmove:
      B.CreateMemMove(PPtr, MaybeAlign(), B.CreateGEP(B.getInt8Ty(), Base, Q),
                      MaybeAlign(), N64);
      B.CreateRet(A0);
      break;
    case Known::Memset:
      B.CreateMemSet(PPtr, B.CreateTrunc(A1, B.getInt8Ty()), N64, MaybeAlign());
      B.CreateRet(A0);
      break;
    case Known::Memcmp: {
      // musl's value: the difference of the first differing bytes.
      FunctionType *FT = FunctionType::get(
          B.getInt32Ty(), {B.getPtrTy(), B.getPtrTy(), B.getInt64Ty()}, false);
      FunctionCallee Cmp = LM.getOrInsertFunction("w2n_memcmp", FT);
      if (auto *CmpFn = dyn_cast<llvm::Function>(Cmp.getCallee())) {
        CmpFn->setDSOLocal(Opts.Executable);
        CmpFn->addFnAttr(Attribute::NoUnwind);
      }
      B.CreateRet(
          B.CreateCall(Cmp, {PPtr, B.CreateGEP(B.getInt8Ty(), Base, Q), N64}));
      break;
    }
    case Known::Strlen:
      llvm_unreachable("strlen has its own fast path");
    case Known::Memchr: {
      // The first match is the same whoever searches; NULL stays 0.
      FunctionType *FT = FunctionType::get(
          B.getPtrTy(), {B.getPtrTy(), B.getInt32Ty(), B.getInt64Ty()}, false);
      FunctionCallee Chr = LM.getOrInsertFunction("memchr", FT);
      Value *Found =
          B.CreateCall(Chr, {PPtr, B.CreateAnd(A1, B.getInt32(0xff)), N64});
      Value *Offset = B.CreateTrunc(B.CreatePtrDiff(B.getInt8Ty(), Found, Base),
                                    B.getInt32Ty());
      B.CreateRet(B.CreateSelect(B.CreateIsNull(Found), B.getInt32(0), Offset));
      break;
    }
    }
    moveSubprogramToGeneric(Fn, Generic);
  }
}

/// With -g, the original body (now Generic) keeps the function's
/// subprogram, which its instructions' locations name; the fast path gets
/// one of its own, at the same place in the wasm file.
void ModuleEmitter::moveSubprogramToGeneric(llvm::Function *Fn,
                                            llvm::Function *Generic) {
  DISubprogram *SP = Fn->getSubprogram();
  if (!SP || !DIB)
    return;
  Generic->setSubprogram(SP);
  DISubprogram *Fast = DIB->createFunction(
      SP->getFile(), (SP->getName() + " (fast path)").str(), Fn->getName(),
      SP->getFile(), SP->getLine(), SP->getType(), SP->getLine(),
      DINode::FlagPrototyped,
      DISubprogram::SPFlagDefinition | DISubprogram::SPFlagOptimized);
  Fn->setSubprogram(Fast);
  DILocation *Loc = DILocation::get(context(), SP->getLine(), 0, Fast);
  for (BasicBlock &BB : *Fn)
    for (Instruction &I : BB)
      I.setDebugLoc(Loc);
}
