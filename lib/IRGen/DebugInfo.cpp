//===- DebugInfo.cpp - DWARF for the generated code (-g) ------------------===//
//
// Wasm DWARF addresses are offsets in the code section's payload, so an
// instruction at file offset O has address O - (file offset of the
// payload). The module is read a second time as an LLVM object file, whose
// DWARFContext answers line and inlined-chain queries for such addresses.
//
//===----------------------------------------------------------------------===//
#include "DebugInfo.h"
#include "llvm/Config/llvm-config.h"
#include "ModuleEmitter.h"

#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/BinaryFormat/Wasm.h"
#include "llvm/DebugInfo/DWARF/DWARFCompileUnit.h"
#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/Object/Wasm.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;
using namespace wasm2native;

DebugInfo::~DebugInfo() = default;

namespace {

class DebugInfoImpl final : public DebugInfo {
public:
  explicit DebugInfoImpl(ModuleEmitter &ME) : ME(ME), DIB(ME.module()) {}

  void build();

  DISubprogram *subprogram(uint32_t Index) const override {
    return Index < SPs.size() ? SPs[Index] : nullptr;
  }
  DILocation *location(uint32_t Index, uint64_t Offset) override;
  DIBuilder &builder() override { return DIB; }
  void finalize() override { DIB.finalize(); }

private:
  /// Opens the module's DWARF if it has any that covers code.
  bool openSourceDWARF();
  DIFile *file(StringRef Path);
  DISubprogram *makeSubprogram(StringRef Name, StringRef LinkageName,
                               DIFile *File, unsigned Line);
  /// The subprogram that inlined copies of \p D (an inlined subroutine)
  /// share, keyed by its abstract origin.
  DISubprogram *inlinedSubprogram(const DWARFDie &D);
  /// \p SP, or a lexical block file of it when code of \p SP comes from
  /// another file (an #include'd function body, a macro).
  DILocalScope *scopeInFile(DISubprogram *SP, StringRef Path);

  ModuleEmitter &ME;
  DIBuilder DIB;
  DICompileUnit *CU = nullptr;
  DISubroutineType *Ty = nullptr;
  std::vector<DISubprogram *> SPs; // by defined function

  // The module's own DWARF, when it has some.
  std::unique_ptr<object::ObjectFile> Obj;
  std::unique_ptr<DWARFContext> DCtx;
  uint64_t CodeStart = 0; // file offset of the code section's payload
  struct SourceFunc {
    DWARFUnit *Unit = nullptr;
    uint64_t DIEOffset = 0; // of its DW_TAG_subprogram
  };
  std::vector<SourceFunc> Source; // by defined function; Unit null if none
  DenseMap<uint64_t, DISubprogram *> Inlined;
  StringMap<DIFile *> Files;
  DenseMap<std::pair<DISubprogram *, DIFile *>, DILexicalBlockFile *>
      BlockFiles;
};

} // namespace

bool DebugInfoImpl::openSourceDWARF() {
  const WasmModule &W = ME.wasm();
  if (W.Storage.empty())
    return false;
  MemoryBufferRef Buf(
      StringRef(reinterpret_cast<const char *>(W.Storage.data()),
                W.Storage.size()),
      ME.module().getModuleIdentifier());
  Expected<std::unique_ptr<object::ObjectFile>> O =
      object::ObjectFile::createWasmObjectFile(Buf);
  if (!O) {
    // The reader accepted the module; LLVM's may still refuse (e.g. a
    // custom section it finds malformed): then there is no source DWARF.
    consumeError(O.takeError());
    return false;
  }
  auto *Wasm = cast<object::WasmObjectFile>(O->get());
  bool HasInfo = false, HasCode = false;
  for (const object::SectionRef &S : Wasm->sections()) {
    const object::WasmSection &WS = Wasm->getWasmSection(S);
    if (WS.Type == wasm::WASM_SEC_CODE) {
      CodeStart = WS.Offset;
      HasCode = true;
    } else if (WS.Type == wasm::WASM_SEC_CUSTOM && WS.Name == ".debug_info") {
      HasInfo = true;
    }
  }
  if (!HasInfo || !HasCode)
    return false;
  Obj = std::move(*O);
  // Malformed DWARF costs locations, never the compilation: no messages.
  DCtx = DWARFContext::create(
      *Obj, DWARFContext::ProcessDebugRelocations::Process, nullptr, "",
      [](Error E) { consumeError(std::move(E)); },
      [](Error E) { consumeError(std::move(E)); });
  return DCtx->getNumCompileUnits() != 0;
}

DIFile *DebugInfoImpl::file(StringRef Path) {
  DIFile *&F = Files[Path];
  if (!F)
    F = DIB.createFile(sys::path::filename(Path), sys::path::parent_path(Path));
  return F;
}

DISubprogram *DebugInfoImpl::makeSubprogram(StringRef Name,
                                            StringRef LinkageName, DIFile *File,
                                            unsigned Line) {
  // No linkage name: debuggers would show it ("wasm.f") instead of the
  // name; the symbol table has it for `break wasm.f`.
  (void)LinkageName;
  return DIB.createFunction(
      File, Name, "", File, Line, Ty, Line, DINode::FlagPrototyped,
      DISubprogram::SPFlagDefinition | DISubprogram::SPFlagOptimized);
}

DISubprogram *DebugInfoImpl::inlinedSubprogram(const DWARFDie &D) {
  DWARFDie Origin =
      D.getAttributeValueAsReferencedDie(dwarf::DW_AT_abstract_origin);
  uint64_t Key = Origin ? Origin.getOffset() : D.getOffset();
  DISubprogram *&SP = Inlined[Key];
  if (!SP) {
    const char *Name = D.getSubroutineName(DINameKind::ShortName);
    std::string Path =
        D.getDeclFile(DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath);
    SP = makeSubprogram(Name ? Name : "??", "",
                        Path.empty() ? CU->getFile() : file(Path),
                        unsigned(D.getDeclLine()));
  }
  return SP;
}

DILocalScope *DebugInfoImpl::scopeInFile(DISubprogram *SP, StringRef Path) {
  if (Path.empty())
    return SP;
  DIFile *F = file(Path);
  if (F == SP->getFile())
    return SP;
  DILexicalBlockFile *&B = BlockFiles[{SP, F}];
  if (!B)
    B = DIB.createLexicalBlockFile(SP, F);
  return B;
}

void DebugInfoImpl::build() {
  const WasmModule &W = ME.wasm();
  const IRGenOptions &Opts = ME.options();
  bool FromSource = openSourceDWARF();
  Ty = DIB.createSubroutineType(DIB.getOrCreateTypeArray({}));

  // One compile unit: the first of the module's, else the wasm file.
  StringRef WasmPath = ME.module().getModuleIdentifier();
  DIFile *CUFile = DIB.createFile(sys::path::filename(WasmPath),
                                  sys::path::parent_path(WasmPath));
  unsigned Lang = dwarf::DW_LANG_C11; // no DWARF language code names wasm
  std::string Producer = "wasm2native";
  if (FromSource) {
    DWARFDie First = (*DCtx->compile_units().begin())->getUnitDIE();
    if (auto L = First.find(dwarf::DW_AT_language))
      Lang = unsigned(L->getAsUnsignedConstant().value_or(Lang));
    if (const char *Name = First.getShortName()) {
      SmallString<256> Path(Name);
      if (const char *Dir =
              dwarf::toString(First.find(dwarf::DW_AT_comp_dir), nullptr))
#if LLVM_VERSION_MAJOR >= 22
        sys::path::make_absolute(Dir, Path);
#else
        sys::fs::make_absolute(Dir, Path);
#endif
      CUFile = file(Path);
    }
    if (const char *P =
            dwarf::toString(First.find(dwarf::DW_AT_producer), nullptr))
      Producer += std::string(" from ") + P;
  }
  // Full debug info, though there are no types or variables: with line
  // tables only, LLVM leaves out the subprogram of every function without
  // inlined code, and debuggers and the runtime's backtraces want them all.
  CU = DIB.createCompileUnit(Lang, CUFile, Producer, /*isOptimized=*/true, "",
                             0, "", DICompileUnit::FullDebug);

  uint32_t End = std::min<uint32_t>(Opts.EndFunction, W.Functions.size());
  SPs.assign(W.Functions.size(), nullptr);
  Source.assign(W.Functions.size(), SourceFunc());
  DIFile *WasmFile = DIB.createFile(sys::path::filename(WasmPath),
                                    sys::path::parent_path(WasmPath));
  for (uint32_t I = Opts.FirstFunction; I < End; ++I) {
    uint32_t Index = W.NumImportedFuncs + I;
    llvm::Function *Fn = ME.function(Index);
    uint64_t Entry = W.Functions[I].BodyOffset;
    DISubprogram *SP = nullptr;
    if (FromSource && Entry >= CodeStart) {
      SmallVector<DWARFDie, 4> Chain;
      if (DWARFCompileUnit *U =
              DCtx->getCompileUnitForCodeAddress(Entry - CodeStart)) {
        U->getInlinedChainForAddress(Entry - CodeStart, Chain);
        if (!Chain.empty() &&
            Chain.back().getTag() == dwarf::DW_TAG_subprogram) {
          const DWARFDie &D = Chain.back();
          const char *Name = D.getSubroutineName(DINameKind::ShortName);
          std::string Path = D.getDeclFile(
              DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath);
          SP = makeSubprogram(Name ? Name : Fn->getName(), Fn->getName(),
                              Path.empty() ? CUFile : file(Path),
                              unsigned(D.getDeclLine()));
          Source[I] = {U, D.getOffset()};
        }
      }
    }
    if (!SP) {
      StringRef Name = ME.displayName(Index);
      std::string Display = Name.empty()
                                ? "wasm-function[" + std::to_string(Index) + "]"
                                : Name.str();
      SP = makeSubprogram(Display, Fn->getName(), WasmFile, unsigned(Entry));
    }
    Fn->setSubprogram(SP);
    SPs[I] = SP;
  }
  // Trap backtraces read the program's DWARF (runtime/dwarf.c) only in
  // programs compiled with -g: this reference links the reader in.
  Module &LM = ME.module();
  FunctionCallee Reader = LM.getOrInsertFunction(
      "rt_dwarf_describe",
      FunctionType::get(Type::getInt32Ty(ME.context()), {}, false));
  auto *ReaderRef = new GlobalVariable(
      LM, PointerType::getUnqual(ME.context()), /*isConstant=*/true,
      GlobalValue::PrivateLinkage, cast<Constant>(Reader.getCallee()),
      "w2n.dwarf.reader");
  appendToCompilerUsed(LM, {ReaderRef});

  // DWARF 4: the runtime's reader of trap backtraces (runtime/dwarf.c)
  // knows its forms, and every debugger does.
  LM.addModuleFlag(Module::Warning, "Debug Info Version",
                   DEBUG_METADATA_VERSION);
  LM.addModuleFlag(Module::Warning, "Dwarf Version", 4);
}

DILocation *DebugInfoImpl::location(uint32_t Index, uint64_t Offset) {
  LLVMContext &Ctx = ME.context();
  DISubprogram *SP = SPs[Index];
  const SourceFunc &S = Source[Index];
  if (!S.Unit)
    return DILocation::get(Ctx, unsigned(Offset), 0, SP);
  uint64_t Addr = Offset - CodeStart;
  SmallVector<DWARFDie, 4> Chain;
  S.Unit->getInlinedChainForAddress(Addr, Chain);
  // Code outside the function's DWARF ranges (or in none): line 0, which
  // debuggers skip.
  if (Chain.empty() || Chain.back().getOffset() != S.DIEOffset)
    return DILocation::get(Ctx, 0, 0, SP);
  DILineInfo Row;
  const DWARFDebugLine::LineTable *LT = DCtx->getLineTableForUnit(S.Unit);
  const char *CompDir = S.Unit->getCompilationDir();
  if (LT)
    LT->getFileLineInfoForAddress(
        {Addr, object::SectionedAddress::UndefSection},
#if LLVM_VERSION_MAJOR >= 22
        /*Approximate=*/false,
#endif
        CompDir, DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath, Row);
  if (Row.FileName == DILineInfo::BadString)
    Row.FileName.clear();

  // Outermost first: the function's own subprogram, then each inlined
  // function at the call site its DIE records in the one around it.
  DILocation *At = nullptr;
  DISubprogram *Scope = SP;
  for (size_t I = Chain.size(); I-- > 0;) {
    if (I + 1 < Chain.size())
      Scope = inlinedSubprogram(Chain[I]);
    if (I == 0) {
      At = DILocation::get(Ctx, Row.Line, Row.Column,
                           scopeInFile(Scope, Row.FileName), At);
      break;
    }
    uint32_t File = 0, Line = 0, Column = 0, Discriminator = 0;
    Chain[I - 1].getCallerFrame(File, Line, Column, Discriminator);
    std::string Path;
    if (LT)
      LT->getFileNameByIndex(
          File, CompDir,
          DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath, Path);
    At = DILocation::get(Ctx, Line, Column, scopeInFile(Scope, Path), At);
  }
  return At;
}

std::unique_ptr<DebugInfo> DebugInfo::create(ModuleEmitter &ME) {
  auto D = std::make_unique<DebugInfoImpl>(ME);
  D->build();
  return D;
}
