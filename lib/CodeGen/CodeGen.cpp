//===- CodeGen.cpp - Optimise LLVM IR and emit native code ----------------===//
#include "wasm2native/CodeGen/CodeGen.h"
#include "wasm2native/Support/LLVMCompat.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;
using namespace wasm2native;

void wasm2native::initializeLLVMTargets() {
  // Every registered target, not only the host's, so that --target= can
  // name any architecture this LLVM was built for.
  InitializeAllTargetInfos();
  InitializeAllTargets();
  InitializeAllTargetMCs();
  InitializeAllAsmPrinters();
  InitializeAllAsmParsers();

  // LLVM's X86 cmov converter turns a cmov with a folded volatile load into
  // a branch around that load, so a guard-page access that must trap may not
  // run at all (llvm/llvm-project#219814, fixed after LLVM 22). Off, unless
  // -mllvm set it.
  auto &Registered = cl::getRegisteredOptions(); // a StringMap until 19
  auto It = Registered.find("x86-cmov-converter");
  if (It != Registered.end() && It->second->getNumOccurrences() == 0)
    It->second->addOccurrence(0, "x86-cmov-converter", "false");
}

std::string wasm2native::resolveTargetTriple(const CodeGenOptions &Opts) {
  if (!Opts.TargetTriple.empty())
    return Triple::normalize(Opts.TargetTriple);
  return Triple::normalize(sys::getDefaultTargetTriple());
}

static CodeGenOptLevel codeGenLevel(OptLevel L) {
  switch (L) {
  case OptLevel::O0:
    return CodeGenOptLevel::None;
  case OptLevel::O1:
    return CodeGenOptLevel::Less;
  case OptLevel::O2:
  case OptLevel::Os:
  case OptLevel::Oz:
    return CodeGenOptLevel::Default;
  case OptLevel::O3:
    return CodeGenOptLevel::Aggressive;
  }
  llvm_unreachable("bad OptLevel");
}

static OptimizationLevel passBuilderLevel(OptLevel L) {
  switch (L) {
  case OptLevel::O0:
    return OptimizationLevel::O0;
  case OptLevel::O1:
    return OptimizationLevel::O1;
  case OptLevel::O2:
    return OptimizationLevel::O2;
  case OptLevel::O3:
    return OptimizationLevel::O3;
  case OptLevel::Os:
    return OptimizationLevel::Os;
  case OptLevel::Oz:
    return OptimizationLevel::Oz;
  }
  llvm_unreachable("bad OptLevel");
}

Expected<std::unique_ptr<TargetMachine>>
wasm2native::createTargetMachine(const CodeGenOptions &Opts) {
  std::string TripleStr = resolveTargetTriple(Opts);
  Triple TT(TripleStr);
  std::string Err;
  const Target *T = lookupTargetFor(TT, Err);
  if (!T)
    return createStringError(inconvertibleErrorCode(),
                             "unable to create target for '" + TripleStr +
                                 "': " + Err);

  std::string CPU = Opts.CPU;
  SubtargetFeatures Features;
  if (CPU == "native") {
    // Only meaningful when compiling for the machine we run on.
    if (TT.getArch() != Triple(sys::getProcessTriple()).getArch())
      return createStringError(inconvertibleErrorCode(),
                               "-mcpu=native is not valid for target '" +
                                   TripleStr + "'");
    CPU = sys::getHostCPUName().str();
    for (const auto &F : sys::getHostCPUFeatures())
      Features.AddFeature(F.first(), F.second);
  } else if (CPU.empty()) {
    // The baseline, so that binaries run on every machine of the
    // architecture rather than only on the build host.
    CPU = TT.getArch() == Triple::x86_64 ? "x86-64" : "generic";
    if (TT.isRISCV64()) {
      // What Linux distributions require of riscv64 (RV64GC), as clang's
      // default for riscv64-linux-gnu.
      CPU = "generic-rv64";
      for (const char *F : {"+m", "+a", "+f", "+d", "+c", "+zicsr",
                            "+zifencei"})
        Features.AddFeature(F);
    }
  }
  for (StringRef F : split(Opts.Features, ','))
    if (!F.empty())
      Features.AddFeature(F);

  // Checked up front: the target machine would only warn and carry on.
  if (CPU != "generic") {
    std::unique_ptr<MCSubtargetInfo> STI(
        createSubtargetInfoFor(*T, TT));
    if (STI && !STI->isCPUStringValid(CPU))
      return createStringError(inconvertibleErrorCode(),
                               "unknown target CPU '" + CPU + "'");
  }

  TargetOptions TO;
  // Constructors and destructors (llvm.global_ctors/dtors, which pass
  // plugins add) in .init_array/.fini_array, which is what ELF C libraries
  // run; the old .ctors/.dtors sections are ignored by them.
  TO.UseInitArray = true;
  // The hard-float ABI of riscv64 Linux (its C library and crt files).
  if (TT.isRISCV64())
    TO.MCOptions.ABIName = "lp64d";
  // Executables are PIE and -c objects may go into shared objects: PIC
  // suits both.
  std::unique_ptr<TargetMachine> TM(createTargetMachineFor(
      *T, TripleStr, CPU, Features.getString(), TO, Reloc::PIC_,
      codeGenLevel(Opts.Opt)));
  if (!TM)
    return createStringError(inconvertibleErrorCode(),
                             "unable to create target machine for '" +
                                 TripleStr + "'");
  return std::move(TM);
}

void wasm2native::configureModule(Module &M, TargetMachine &TM,
                                  const CodeGenOptions &Opts) {
  setModuleTriple(M, TM.getTargetTriple().str());
  M.setDataLayout(TM.createDataLayout());
  // IR read back from -emit-llvm already has the flags (which must be
  // unique).
  // RISC-V records the ABI in the module; it must match the target's.
  if (TM.getTargetTriple().isRISCV64() && !M.getModuleFlag("target-abi"))
    M.addModuleFlag(Module::Error, "target-abi",
                    MDString::get(M.getContext(), "lp64d"));
  if (!M.getModuleFlag("PIC Level"))
    M.setPICLevel(PICLevel::BigPIC);
  if (Opts.PIE && !M.getModuleFlag("PIE Level"))
    M.setPIELevel(PIELevel::Large);
}

static Error verify(Module &M, StringRef When) {
  std::string Msg;
  raw_string_ostream OS(Msg);
  if (!verifyModule(M, &OS))
    return Error::success();
  return createStringError(inconvertibleErrorCode(),
                           "internal compiler error: invalid LLVM IR " + When +
                               ":\n" + StringRef(Msg).rtrim());
}

namespace {
/// The new pass manager and its analyses, set up as clang does, with the
/// plugins' callbacks registered.
struct Pipeline {
  std::vector<PassPlugin> Plugins;
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  PassInstrumentationCallbacks PIC;
  std::unique_ptr<StandardInstrumentations> SI;
  std::unique_ptr<PassBuilder> PB;
  ModulePassManager MPM;

  Error build(LLVMContext &Ctx, TargetMachine &TM, const CodeGenOptions &Opts) {
    for (const std::string &Path : Opts.PassPlugins) {
      Expected<PassPlugin> P = PassPlugin::Load(Path);
      if (!P)
        return createStringError(inconvertibleErrorCode(),
                                 "unable to load plugin '" + Path +
                                     "': " + toString(P.takeError()));
      Plugins.push_back(std::move(*P));
    }

    // Same tuning as clang: unrolling from -O2 on (size levels included,
    // the pass itself honours optsize), the loop vectoriser at -O2/-O3/-Os,
    // the SLP vectoriser at any of those or -Oz.
    PipelineTuningOptions PTO;
    bool Level2Plus = Opts.Opt != OptLevel::O0 && Opts.Opt != OptLevel::O1;
    PTO.LoopUnrolling = Level2Plus;
    PTO.LoopInterleaving = Level2Plus;
    PTO.LoopVectorization = Level2Plus && Opts.Opt != OptLevel::Oz;
    PTO.SLPVectorization = Level2Plus;

    // Gives optnone functions, -opt-bisect-limit and -time-passes their
    // usual meaning.
    SI = std::make_unique<StandardInstrumentations>(Ctx,
                                                    /*DebugLogging=*/false);
    SI->registerCallbacks(PIC, &MAM);

    PB = std::make_unique<PassBuilder>(&TM, PTO, std::nullopt, &PIC);
    for (PassPlugin &P : Plugins)
      P.registerPassBuilderCallbacks(*PB);

    PB->registerModuleAnalyses(MAM);
    PB->registerCGSCCAnalyses(CGAM);
    PB->registerFunctionAnalyses(FAM);
    PB->registerLoopAnalyses(LAM);
    PB->crossRegisterProxies(LAM, FAM, CGAM, MAM);

    if (!Opts.Passes.empty()) {
      if (Error E = PB->parsePassPipeline(MPM, Opts.Passes))
        return createStringError(inconvertibleErrorCode(),
                                 "invalid -passes='" + Opts.Passes +
                                     "': " + toString(std::move(E)));
      return Error::success();
    }
    if (Opts.SkipOptimization)
      return Error::success();
    OptimizationLevel Level = passBuilderLevel(Opts.Opt);
    MPM = Opts.Opt == OptLevel::O0 ? PB->buildO0DefaultPipeline(Level)
                                   : PB->buildPerModuleDefaultPipeline(Level);
    return Error::success();
  }
};
} // namespace

Error wasm2native::optimizeModule(Module &M, TargetMachine &TM,
                                  const CodeGenOptions &Opts) {
  // The verifier is linear in the IR size; always running it turns an
  // IRGen bug into a clear error instead of a crash deep in a pass.
  if (Error E = verify(M, "from IRGen"))
    return E;

  Pipeline P;
  if (Error E = P.build(M.getContext(), TM, Opts))
    return E;
  P.MPM.run(M, P.MAM);

  // Plugins and custom pipelines are foreign code; check what they leave.
  if (!P.Plugins.empty() || !Opts.Passes.empty())
    if (Error E = verify(M, "after optimisation"))
      return E;
  return Error::success();
}

Expected<std::string> wasm2native::describePipeline(TargetMachine &TM,
                                                    const CodeGenOptions &Opts) {
  LLVMContext Ctx;
  Pipeline P;
  if (Error E = P.build(Ctx, TM, Opts))
    return std::move(E);
  std::string Text;
  raw_string_ostream OS(Text);
  P.MPM.printPipeline(OS, [&](StringRef ClassName) {
    StringRef PassName = P.PIC.getPassNameForClassName(ClassName);
    return PassName.empty() ? ClassName : PassName;
  });
  return Text;
}

Error wasm2native::emitModule(Module &M, TargetMachine &TM, OutputKind Kind,
                              raw_pwrite_stream &OS) {
  switch (Kind) {
  case OutputKind::Bitcode:
    WriteBitcodeToFile(M, OS);
    return Error::success();
  case OutputKind::LLVMIR:
    M.print(OS, nullptr);
    return Error::success();
  case OutputKind::Object:
  case OutputKind::Assembly:
    break;
  }

  // Machine code generation still runs on the legacy pass manager.
  legacy::PassManager PM;
  PM.add(new TargetLibraryInfoWrapperPass(Triple(M.getTargetTriple())));
  CodeGenFileType FT = Kind == OutputKind::Object
                           ? CodeGenFileType::ObjectFile
                           : CodeGenFileType::AssemblyFile;
  if (TM.addPassesToEmitFile(PM, OS, nullptr, FT))
    return createStringError(inconvertibleErrorCode(),
                             "target '" + TM.getTargetTriple().str() +
                                 "' cannot emit this file type");
  PM.run(M);
  return Error::success();
}
