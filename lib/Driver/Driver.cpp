//===- Driver.cpp - The wasm2native-driver command line -------------------===//
#include "wasm2native/Driver/Driver.h"

#include "wasm2native/CodeGen/CodeGen.h"
#include "wasm2native/Driver/EmbedHeader.h"
#include "wasm2native/Driver/Linker.h"
#include "wasm2native/Support/LLVMCompat.h"
#include "wasm2native/IRGen/HostFunctions.h"
#include "wasm2native/IRGen/IRGen.h"
#include "wasm2native/Reader/BinaryReader.h"
#include "wasm2native/Reader/WasmError.h"
#include "wasm2native/Reader/WasmModule.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/BinaryFormat/Magic.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/Verifier.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Option/Option.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Pass.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/Timer.h"
#include <atomic>
#include <mutex>
#include <thread>

#ifndef WASM2NATIVE_VERSION
#define WASM2NATIVE_VERSION "0.1.0"
#endif

using namespace llvm;
// Options.inc names DefaultVis and HelpHidden unqualified.
using namespace llvm::opt;
using namespace wasm2native;

static constexpr StringLiteral ToolName = "wasm2native-driver";

//===----------------------------------------------------------------------===//
// Option table
//===----------------------------------------------------------------------===//

namespace {
enum ID {
  OPT_INVALID = 0,
#define OPTION(...) LLVM_MAKE_OPT_ID(__VA_ARGS__),
#include "Options.inc"
#undef OPTION
};

// The shape of the generated table depends on the LLVM version.
#if W2N_OPT_TABLE_HAS_STRING_TABLE
#define OPTTABLE_STR_TABLE_CODE
#include "Options.inc"
#undef OPTTABLE_STR_TABLE_CODE
#define OPTTABLE_PREFIXES_TABLE_CODE
#include "Options.inc"
#undef OPTTABLE_PREFIXES_TABLE_CODE
#else
#define PREFIX(NAME, VALUE)                                                    \
  static constexpr StringLiteral NAME##_init[] = VALUE;                        \
  static constexpr ArrayRef<StringLiteral> NAME(NAME##_init,                   \
                                                std::size(NAME##_init) - 1);
#include "Options.inc"
#undef PREFIX
#endif

static constexpr opt::OptTable::Info InfoTable[] = {
#define OPTION(...) LLVM_CONSTRUCT_OPT_INFO(__VA_ARGS__),
#include "Options.inc"
#undef OPTION
};

class DriverOptTable : public opt::GenericOptTable {
public:
#if W2N_OPT_TABLE_HAS_STRING_TABLE
  DriverOptTable()
      : GenericOptTable(OptionStrTable, OptionPrefixesTable, InfoTable) {}
#else
  DriverOptTable() : GenericOptTable(InfoTable) {}
#endif
};
} // namespace

//===----------------------------------------------------------------------===//
// Imports the runtime provides
//===----------------------------------------------------------------------===//

static std::string describeTypes(ArrayRef<ValType> Types) {
  std::string S = "(";
  for (ValType T : Types) {
    if (S.size() > 1)
      S += ", ";
    S += valTypeName(T).str();
  }
  return S + ")";
}

/// Spells \p Letters as value types, the way the module's types read.
static std::string describeLetters(StringRef Letters) {
  SmallVector<ValType, 8> Types;
  for (char C : Letters)
    Types.push_back(C == 'I'   ? ValType::I64
                    : C == 'f' ? ValType::F32
                    : C == 'F' ? ValType::F64
                               : ValType::I32);
  return describeTypes(Types);
}

Error wasm2native::checkImportsProvided(const WasmModule &M) {
  Error Errs = Error::success();
  for (const Import &I : M.Imports) {
    std::string Name = I.Module + "." + I.Field;
    const HostFunction *Host = I.Kind == ExternKind::Func
                                   ? findHostFunction(I.Module, I.Field)
                                   : nullptr;
    if (!Host) {
      Errs = joinErrors(std::move(Errs),
                        makeWasmError(I.Offset, "unresolved import '" + Name +
                                                    "' (no runtime provides "
                                                    "it)"));
      continue;
    }
    // A mismatch would otherwise only show as garbage at run time.
    if (I.FuncTypeIndex >= M.Types.size())
      continue; // the validator rejects this; nothing to compare
    const FuncType &FT = M.Types[I.FuncTypeIndex];
    if (!matchesHostFunction(*Host, FT))
      Errs = joinErrors(
          std::move(Errs),
          makeWasmError(I.Offset, "import '" + Name + "' has type " +
                                      describeTypes(FT.Params) + " -> " +
                                      describeTypes(FT.Results) +
                                      " but the runtime provides " +
                                      describeLetters(Host->Params) + " -> " +
                                      describeLetters(Host->Results)));
  }
  return Errs;
}

//===----------------------------------------------------------------------===//
// Output files
//===----------------------------------------------------------------------===//

namespace {
/// An output that appears at its path only once complete: it is written to
/// a temporary next to the path and renamed over it on commit(), or removed
/// (also on a signal) if never committed. "-" buffers and goes to stdout.
/// An output that exists and is not a regular file (/dev/null, a FIFO, a
/// terminal) is written in place: renaming a temporary over it would replace
/// the device with a file.
static bool isSpecialOutput(StringRef Path) {
  sys::fs::file_status St;
  if (Path == "-" || sys::fs::status(Path, St))
    return false;
  return sys::fs::exists(St) &&
         St.type() != sys::fs::file_type::regular_file &&
         St.type() != sys::fs::file_type::directory_file;
}

/// Writes \p Data to \p Path directly (a device from isSpecialOutput(), or
/// a --save-temps file).
static Error writeInPlace(StringRef Path, StringRef Data) {
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_None);
  if (!EC) {
    OS << Data;
    OS.flush();
    EC = OS.error();
    OS.clear_error();
  }
  if (EC)
    return createStringError(EC,
                             "cannot write '" + Path + "': " + EC.message());
  return Error::success();
}

class OutputFile {
public:
  explicit OutputFile(StringRef Path) : Path(Path.str()) {}
  OutputFile(const OutputFile &) = delete;
  OutputFile &operator=(const OutputFile &) = delete;
  ~OutputFile() { discard(); }

  Error open() {
    if (Path == "-" || isSpecialOutput(Path)) {
      // Object writers may seek back, which a pipe cannot do.
      BufferOS = std::make_unique<raw_svector_ostream>(Buffer);
      return Error::success();
    }
    Expected<sys::fs::TempFile> T =
        sys::fs::TempFile::create(Path + "-%%%%%%%%.tmp");
    if (!T)
      return cannotOpen(errorToErrorCode(T.takeError()));
    Temp.emplace(std::move(*T));
    FileOS = std::make_unique<raw_fd_ostream>(Temp->FD, /*shouldClose=*/false);
    return Error::success();
  }

  raw_pwrite_stream &os() {
    if (FileOS)
      return *FileOS;
    return *BufferOS;
  }

  Error commit() {
    if (BufferOS && Path != "-")
      return writeInPlace(Path, StringRef(Buffer.data(), Buffer.size()));
    if (BufferOS) {
      outs() << Buffer;
      outs().flush();
      if (std::error_code EC = outs().error())
        return createStringError(EC, "cannot write to standard output: " +
                                         EC.message());
      return Error::success();
    }
    FileOS->flush();
    std::error_code EC = FileOS->error();
    FileOS->clear_error();
    FileOS.reset();
    if (EC)
      return createStringError(EC,
                               "cannot write '" + Path + "': " + EC.message());
    Error E = Temp->keep(Path);
    Temp.reset();
    if (E)
      return cannotOpen(errorToErrorCode(std::move(E)));
    return Error::success();
  }

  void discard() {
    if (FileOS) {
      FileOS->clear_error();
      FileOS.reset();
    }
    if (Temp) {
      consumeError(Temp->discard());
      Temp.reset();
    }
  }

private:
  Error cannotOpen(std::error_code EC) {
    return createStringError(EC, "cannot open output file '" + Path +
                                     "': " + EC.message());
  }

  std::string Path;
  std::optional<sys::fs::TempFile> Temp;
  std::unique_ptr<raw_fd_ostream> FileOS;
  SmallString<0> Buffer;
  std::unique_ptr<raw_svector_ostream> BufferOS;
};
} // namespace

//===----------------------------------------------------------------------===//
// The driver
//===----------------------------------------------------------------------===//

namespace {
/// Everything the command line asks for.
struct DriverOptions {
  std::string Input;
  std::string Output;
  bool StopAfterObject = false;   // -c
  bool StopAfterAssembly = false; // -S
  bool EmitLLVM = false;
  bool Verbose = false;
  bool PrintOnly = false; // -###
  BoundsChecks Bounds = BoundsChecks::Guard;
  FeatureSet Features = FeatureSet::defaults(); // --enable-/--disable-
  std::vector<std::string> LLVMArgs; // -mllvm
  bool OptExplicit = false;          // an -O was given
  bool PrintPipeline = false;        // -print-pipeline-passes
  bool TimePasses = false;           // -time-passes
  bool TimeReport = false;           // -ftime-report
  bool SaveTemps = false;            // --save-temps
  bool Static = false;               // -static
  bool Shared = false;               // -shared
  bool DebugInfo = false;            // -g
  std::string HeaderFile;            // --header[=FILE]: where, or ""
  std::string ModuleName;            // --module-name= (C prefix)
  unsigned Threads = 0; // 0: one per core
  uint64_t PartitionSize = 128u << 10;
  CodeGenOptions CG;
  WASIGrants Grants;

  bool linking() const {
    return !StopAfterObject && !StopAfterAssembly && !EmitLLVM;
  }
  OutputKind kind() const {
    if (StopAfterAssembly)
      return EmitLLVM ? OutputKind::LLVMIR : OutputKind::Assembly;
    return EmitLLVM ? OutputKind::Bitcode : OutputKind::Object;
  }
};

class Driver {
public:
  explicit Driver(std::string DriverPath) : DriverPath(std::move(DriverPath)) {}
  int run(ArrayRef<const char *> Args);

private:
  void error(const Twine &Msg) {
    WithColor::error(errs(), ToolName) << Msg << '\n';
    HadError = true;
  }
  void warning(const Twine &Msg) {
    WithColor::warning(errs(), ToolName) << Msg << '\n';
  }
  /// Reports \p E against the input (`app.wasm:0xOFF: error: ...` for
  /// WasmErrors) and returns the exit code.
  int inputError(Error E) {
    reportError(errs(), Opts.Input == "-" ? "<stdin>" : Opts.Input,
                std::move(E));
    return 1;
  }
  int toolError(Error E) {
    error(toString(std::move(E)));
    return 1;
  }

  bool parseArgs(ArrayRef<const char *> Args, bool &Exit);
  void printVersion(raw_ostream &OS);
  Expected<std::unique_ptr<MemoryBuffer>> readInput();
  Expected<std::unique_ptr<WasmModule>> loadModule(const MemoryBuffer &Buf);
  int compile();
  int compileIR(const MemoryBuffer &Buf, TargetMachine &TM);
  int finish(Module &M, TargetMachine &TM);
  Error findLinkInputs();
  /// --header: the typed header, after the output was written.
  Error writeHeader(const WasmModule &WM);
  Error link(ArrayRef<std::string> Objects, StringRef Output);
  std::vector<std::pair<uint32_t, uint32_t>>
  partition(const WasmModule &M) const;
  int compilePartitioned(const WasmModule &WM, const IRGenOptions &Base,
                         ArrayRef<std::pair<uint32_t, uint32_t>> Parts);

  /// Optimises and writes \p M (partition \p Part of several, or -1), with
  /// --save-temps copies and stage timing.
  Error optimizeAndEmit(Module &M, TargetMachine &TM, OutputKind Kind,
                        raw_pwrite_stream &OS, int Part = -1);
  /// --save-temps: the path of a kept intermediate, "<output>.<Suffix>".
  std::string tempPath(StringRef Suffix, int Part = -1) const;
  int compileObjectFile(const MemoryBuffer &Buf);
  int printPipeline(TargetMachine &TM);

  /// -ftime-report: one timer per stage (and per partition).
  struct StageTimer {
    Timer *T = nullptr;
    void start() {
      if (T)
        T->startTimer();
    }
    void stop() {
      if (T)
        T->stopTimer();
    }
  };
  StageTimer stageTimer(StringRef Name);
  std::unique_ptr<TimerGroup> Stages;
  std::mutex StagesLock;
  std::vector<std::unique_ptr<Timer>> StageTimers;

  std::string DriverPath;
  DriverOptions Opts;
  LinuxLinkEnvironment Env;   // set by findLinkInputs()
  std::string RuntimeLibrary; // set by findLinkInputs()
  EmbedAPI API;               // --module-name: the typed API's names
  uint64_t ImportsSize = 0;   // sizeof(NAME_imports), set with its code
  bool HadError = false;
};
} // namespace

void Driver::printVersion(raw_ostream &OS) {
  OS << "wasm2native version " WASM2NATIVE_VERSION "\n"
     << "LLVM version " LLVM_VERSION_STRING "\n"
     << "Target: " << resolveTargetTriple(Opts.CG) << '\n';
}

static std::optional<OptLevel> parseOptLevel(StringRef S) {
  return StringSwitch<std::optional<OptLevel>>(S)
      .Case("0", OptLevel::O0)
      .Case("1", OptLevel::O1)
      .Case("2", OptLevel::O2)
      .Case("3", OptLevel::O3)
      .Case("s", OptLevel::Os)
      .Case("z", OptLevel::Oz)
      .Default(std::nullopt);
}

bool Driver::parseArgs(ArrayRef<const char *> Args, bool &Exit) {
  DriverOptTable Table;
  unsigned MissingIndex, MissingCount;
  opt::InputArgList A = Table.ParseArgs(Args, MissingIndex, MissingCount);
  if (MissingCount)
    error(Twine("argument to '") + A.getArgString(MissingIndex) +
          "' is missing (expected " + Twine(MissingCount) + " value" +
          (MissingCount > 1 ? "s" : "") + ")");
  for (const opt::Arg *U : A.filtered(OPT_UNKNOWN))
    error(Twine("unknown argument: '") + U->getAsString(A) + "'");
  if (HadError)
    return false;

  if (A.hasArg(OPT_help)) {
    Table.printHelp(outs(),
                    "wasm2native-driver [options] <input.wasm|.ll|.bc|.o>",
                    "wasm2native: WebAssembly to native code compiler",
                    /*ShowHidden=*/false, /*ShowAllAliases=*/false);
    Exit = true;
    return true;
  }

  Opts.CG.TargetTriple = A.getLastArgValue(OPT_target).str();
  if (A.hasArg(OPT_version)) {
    printVersion(outs());
    Exit = true;
    return true;
  }

  Opts.StopAfterObject = A.hasArg(OPT_c);
  Opts.StopAfterAssembly = A.hasArg(OPT_S);
  Opts.EmitLLVM = A.hasArg(OPT_emit_llvm);
  Opts.Verbose = A.hasArg(OPT_v);
  Opts.PrintOnly = A.hasArg(OPT_hash_hash_hash);
  Opts.CG.CPU = A.getLastArgValue(OPT_mcpu).str();
  if (const opt::Arg *P = A.getLastArg(OPT_partition_size)) {
    if (StringRef(P->getValue()).getAsInteger(10, Opts.PartitionSize) ||
        Opts.PartitionSize == 0)
      error(Twine("invalid partition size '") + P->getValue() + "'");
  }
  if (const opt::Arg *T = A.getLastArg(OPT_threads)) {
    if (StringRef(T->getValue()).getAsInteger(10, Opts.Threads) ||
        Opts.Threads == 0)
      error(Twine("invalid thread count '") + T->getValue() + "'");
  }
  Opts.CG.Features = A.getLastArgValue(OPT_mattr).str();
  for (const opt::Arg *M : A.filtered(OPT_mllvm))
    Opts.LLVMArgs.push_back(M->getValue());

  for (const opt::Arg *P : A.filtered(OPT_fpass_plugin))
    Opts.CG.PassPlugins.push_back(P->getValue());
  Opts.CG.Passes = A.getLastArgValue(OPT_passes).str();
  Opts.PrintPipeline = A.hasArg(OPT_print_pipeline_passes);
  Opts.TimeReport = A.hasArg(OPT_ftime_report);
  Opts.TimePasses = A.hasArg(OPT_time_passes) || Opts.TimeReport;
  Opts.SaveTemps = A.hasArg(OPT_save_temps);
  Opts.Static = A.hasArg(OPT_static);
  Opts.Shared = A.hasArg(OPT_shared);
  Opts.DebugInfo = A.hasFlag(OPT_g_flag, OPT_g0, false);
  if (const opt::Arg *H = A.getLastArg(OPT_header, OPT_header_eq))
    Opts.HeaderFile = H->getOption().matches(OPT_header_eq) ? H->getValue()
                                                             : "-default-";
  Opts.ModuleName = A.getLastArgValue(OPT_module_name).str();
  Opts.OptExplicit = A.hasArg(OPT_O);

  if (const opt::Arg *O = A.getLastArg(OPT_O)) {
    std::optional<OptLevel> L = parseOptLevel(O->getValue());
    if (!L)
      error(Twine("invalid optimization level '") + O->getAsString(A) +
            "' (expected -O0, -O1, -O2, -O3, -Os or -Oz)");
    else
      Opts.CG.Opt = *L;
  }

  // riscv64 Linux machines with a 39-bit address space (Sv39) hold only a
  // few dozen 8 GiB reservations: explicit checks by default there.
  if (Triple(resolveTargetTriple(Opts.CG)).isRISCV64())
    Opts.Bounds = BoundsChecks::Explicit;
  if (const opt::Arg *B = A.getLastArg(OPT_fbounds_checks)) {
    StringRef V = B->getValue();
    if (V == "explicit")
      Opts.Bounds = BoundsChecks::Explicit;
    else if (V == "guard")
      Opts.Bounds = BoundsChecks::Guard;
    else if (V == "inexact")
      Opts.Bounds = BoundsChecks::Inexact;
    else
      error(Twine("invalid value '") + V + "' in '" + B->getAsString(A) +
            "' (expected 'guard', 'explicit' or 'inexact')");
  }

  // In command-line order, so the last word on a feature wins.
  for (const opt::Arg *F :
       A.filtered(OPT_enable_feature, OPT_disable_feature))
    if (Error E = applyFeatureOption(
            Opts.Features, F->getValue(),
            F->getOption().matches(OPT_enable_feature)))
      error(toString(std::move(E)) + " in '" + F->getAsString(A) + "'");

  for (const opt::Arg *G : A.filtered(OPT_grp_wasi)) {
    StringRef V = G->getNumValues() ? G->getValue() : "";
    if (G->getOption().matches(OPT_dir)) {
      Opts.Grants.Dirs.push_back(V.str());
      if (V.empty() || V.starts_with("::") || V.ends_with("::"))
        error("invalid '--dir=" + V + "' (expected --dir=HOST[::GUEST])");
      Opts.Grants.Words.push_back(("--dir=" + V).str());
    } else if (G->getOption().matches(OPT_env)) {
      Opts.Grants.Env.push_back(V.str());
      if (V.empty() || V.front() == '=')
        error("invalid '--env=" + V +
              "' (expected --env=NAME=VALUE or --env=NAME)");
      Opts.Grants.Words.push_back(("--env=" + V).str());
    } else if (G->getOption().matches(OPT_tcplisten)) {
      Opts.Grants.TCPListen.push_back(V.str());
      auto [Host, Port] = V.rsplit(':');
      unsigned N;
      if (!V.contains(':') || Port.getAsInteger(10, N) || N > 65535)
        error("invalid '--tcplisten=" + V + "' (expected HOST:PORT)");
      Opts.Grants.Words.push_back(("--tcplisten=" + V).str());
    } else {
      Opts.Grants.InheritEnv = true;
      Opts.Grants.Words.push_back("--inherit-env");
    }
  }

  std::vector<std::string> Inputs = A.getAllArgValues(OPT_INPUT);
  if (Inputs.empty()) {
    // `-v` alone shows the version, as with clang.
    if (Opts.Verbose && !HadError) {
      printVersion(errs());
      Exit = true;
      return true;
    }
    error("no input files");
  } else if (Inputs.size() > 1) {
    error("only one input file is supported, got " + Twine(Inputs.size()));
  } else {
    Opts.Input = Inputs.front();
  }

  if (Opts.EmitLLVM && !Opts.StopAfterObject && !Opts.StopAfterAssembly)
    error("-emit-llvm cannot be used when linking; add -c or -S");

  if (Opts.Shared && !Opts.linking())
    error("-shared cannot be used with -c, -S or -emit-llvm");
  if (Opts.Shared && Opts.Static)
    error("-shared and -static cannot be used together");
  if (!Opts.Grants.empty() && (!Opts.linking() || Opts.Shared)) {
    // Grants are baked into executables only; a library's host gives them
    // through NAME_imports.wasi.
    for (const opt::Arg *G : A.filtered(OPT_grp_wasi))
      warning(Twine("argument unused during compilation: '") +
              G->getAsString(A) + "'");
  }

  if (const opt::Arg *O = A.getLastArg(OPT_o)) {
    Opts.Output = O->getValue();
  } else if (Opts.Shared) {
    Opts.Output = ("lib" + sys::path::stem(Opts.Input) + ".so").str();
  } else if (Opts.linking()) {
    Opts.Output = "a.out";
  } else {
    // Like clang: in the current directory, named after the input.
    StringRef Ext;
    switch (Opts.kind()) {
    case OutputKind::Object:
      Ext = "o";
      break;
    case OutputKind::Assembly:
      Ext = "s";
      break;
    case OutputKind::Bitcode:
      Ext = "bc";
      break;
    case OutputKind::LLVMIR:
      Ext = "ll";
      break;
    }
    Opts.Output = (sys::path::stem(Opts.Input) + "." + Ext).str();
  }
  if (Opts.Output.empty())
    error("output file name is empty");

  // The typed header and the module's C name (embedding).
  if (!Opts.HeaderFile.empty() || !Opts.ModuleName.empty() || Opts.Shared) {
    if ((!Opts.StopAfterObject || Opts.StopAfterAssembly || Opts.EmitLLVM) &&
        !Opts.Shared)
      error("--header and --module-name need -c (an object file) or -shared");
    if (Opts.ModuleName.empty())
      Opts.ModuleName = mangleCName(sys::path::stem(Opts.Input));
    else if (mangleCName(Opts.ModuleName) != Opts.ModuleName)
      error("invalid --module-name='" + Opts.ModuleName +
            "' (expected a C identifier)");
    if (Opts.HeaderFile == "-default-") {
      if (Opts.Output == "-")
        error("--header needs a file name (--header=FILE) when the output "
              "goes to standard output");
      SmallString<256> H(Opts.Output);
      sys::path::replace_extension(H, "h");
      Opts.HeaderFile = std::string(H);
    }
  }

  if (Opts.linking()) {
    Triple T(resolveTargetTriple(Opts.CG));
    if ((T.getArch() != Triple::x86_64 && T.getArch() != Triple::aarch64 &&
         T.getArch() != Triple::riscv64) ||
        !T.isOSLinux())
      error("linking executables is supported for x86_64, aarch64 and "
            "riscv64 Linux, not '" +
            T.str() + "'; use -c or -S");
    // A shared library's code is PIC, as for -c (CodeGen's default).
    Opts.CG.PIE = !Opts.Shared;
  }
  return !HadError;
}

Driver::StageTimer Driver::stageTimer(StringRef Name) {
  if (!Opts.TimeReport)
    return {};
  std::lock_guard<std::mutex> Lock(StagesLock);
  if (!Stages)
    Stages = std::make_unique<TimerGroup>("wasm2native", "wasm2native stages");
  StageTimers.push_back(std::make_unique<Timer>(Name, Name, *Stages));
  return {StageTimers.back().get()};
}

std::string Driver::tempPath(StringRef Suffix, int Part) const {
  std::string Base = Opts.Output == "-" || Opts.Output.empty()
                         ? sys::path::stem(Opts.Input).str()
                         : Opts.Output;
  if (Part >= 0)
    Base += ".part" + std::to_string(Part);
  return Base + "." + Suffix.str();
}

/// Writes \p M as text IR to \p Path (a --save-temps file).
static Error writeTextIR(const Module &M, StringRef Path) {
  std::string Text;
  raw_string_ostream OS(Text);
  M.print(OS, nullptr);
  return writeInPlace(Path, Text);
}

Error Driver::optimizeAndEmit(Module &M, TargetMachine &TM, OutputKind Kind,
                              raw_pwrite_stream &OS, int Part) {
  std::string Tag = Part >= 0 ? " (partition " + std::to_string(Part) + ")"
                              : std::string();
  if (Opts.SaveTemps)
    if (Error E = writeTextIR(M, tempPath("irgen.ll", Part)))
      return E;
  StageTimer Optimize = stageTimer("optimisation" + Tag);
  Optimize.start();
  Error E = optimizeModule(M, TM, Opts.CG);
  Optimize.stop();
  if (E)
    return E;
  if (Opts.SaveTemps)
    if (Error E = writeTextIR(M, tempPath("opt.ll", Part)))
      return E;
  StageTimer CodeGen = stageTimer("code generation" + Tag);
  CodeGen.start();
  E = emitModule(M, TM, Kind, OS);
  CodeGen.stop();
  return E;
}

Expected<std::unique_ptr<MemoryBuffer>> Driver::readInput() {
  // Read as a stream rather than mmap: a file shrinking under a mapping
  // would fault instead of failing cleanly.
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
      Opts.Input == "-" ? MemoryBuffer::getSTDIN()
                        : MemoryBuffer::getFileAsStream(Opts.Input);
  if (!Buf)
    return createStringError(Buf.getError(),
                             "cannot open '" + Opts.Input +
                                 "': " + Buf.getError().message());
  return std::move(*Buf);
}

Expected<std::unique_ptr<WasmModule>>
Driver::loadModule(const MemoryBuffer &Buf) {
  StringRef Data = Buf.getBuffer();
  std::vector<uint8_t> Bytes(Data.bytes_begin(), Data.bytes_end());
  StageTimer Read = stageTimer("read");
  Read.start();
  Expected<std::unique_ptr<WasmModule>> M =
      readWasmModule(std::move(Bytes), Opts.Features);
  Read.stop();
  if (!M)
    return M.takeError();
  StageTimer Validate = stageTimer("validate");
  Validate.start();
  Error E = validateWasmModule(**M, Opts.Features);
  Validate.stop();
  if (E)
    return std::move(E);
  return M;
}

/// LLVM IR in place of a wasm module: bitcode (what opt writes to a pipe),
/// or a .ll/.bc file, as -emit-llvm writes it. The IR keeps the wasm
/// semantics under any pipeline, so it is compiled and linked like IRGen's.
static bool isLLVMIR(StringRef Path, StringRef Data) {
  if (Data.starts_with(StringRef("\0asm", 4)))
    return false;
  if (identify_magic(Data) == file_magic::bitcode)
    return true;
  return Path.ends_with(".ll") || Path.ends_with(".bc");
}

Error Driver::findLinkInputs() {
  Expected<LinuxLinkEnvironment> E =
      findLinuxLinkEnvironment(resolveTargetTriple(Opts.CG));
  if (!E)
    return E.takeError();
  Env = std::move(*E);
  Expected<std::string> R = findRuntimeLibrary(DriverPath, Env.RuntimeSubdir);
  if (!R)
    return R.takeError();
  RuntimeLibrary = std::move(*R);
  return Error::success();
}

Error Driver::link(ArrayRef<std::string> Objects, StringRef Output) {
  // lld writes a name we choose next to the output (or in the temp
  // directory for stdout), renamed into place only after it succeeded.
  SmallString<256> Temp;
  bool InPlace = Output == "-" || isSpecialOutput(Output);
  if (InPlace) {
    if (std::error_code EC = sys::fs::getPotentiallyUniqueTempFileName(
            "wasm2native", "out", Temp))
      return createStringError(EC, "cannot create a temporary file: " +
                                       EC.message());
  } else {
    sys::fs::createUniquePath(Output + "-%%%%%%%%.tmp", Temp,
                              /*MakeAbsolute=*/false);
  }

  LinkOptions LO;
  LO.Output = std::string(Temp);
  LO.Objects.assign(Objects.begin(), Objects.end());
  LO.RuntimeLibrary = RuntimeLibrary;
  LO.Grants = Opts.Grants;
  LO.Static = Opts.Static;
  LO.Shared = Opts.Shared;
  if (Opts.Shared && Output != "-")
    LO.SOName = sys::path::filename(Output).str();
  std::vector<std::string> Cmd = buildLinkCommand(Env, LO);
  if (Opts.Verbose || Opts.PrintOnly)
    printCommand(errs(), Cmd);
  if (Opts.PrintOnly)
    return Error::success();

  sys::RemoveFileOnSignal(Temp);
  auto Cleanup = makeScopeExit([&] {
    sys::fs::remove(Temp);
    sys::DontRemoveFileOnSignal(Temp);
  });
  if (Error E = runLLD(Cmd))
    return E;

  if (InPlace) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Exe =
        MemoryBuffer::getFileAsStream(Temp);
    if (!Exe)
      return createFileError(Temp, Exe.getError());
    if (Output != "-")
      return writeInPlace(Output, (*Exe)->getBuffer());
    outs() << (*Exe)->getBuffer();
    outs().flush();
    return Error::success();
  }
  if (std::error_code EC = sys::fs::rename(Temp, Output))
    return createFileError(Output, EC);
  return Error::success();
}

/// Bakes the grants into the executable as `wasm2native_grants`: the option
/// words, each ended by a NUL, then an empty word. The runtime's start-up
/// reads them (the symbol is weak there: no grants, no access).
static void addGrants(Module &M, const WASIGrants &G) {
  if (G.Words.empty())
    return;
  std::string Blob;
  for (const std::string &W : G.Words)
    Blob += W + '\0';
  Blob += '\0';
  Constant *Init =
      ConstantDataArray::getString(M.getContext(), Blob, /*AddNull=*/false);
  auto *GV = new GlobalVariable(M, Init->getType(), /*isConstant=*/true,
                                GlobalValue::ExternalLinkage, Init,
                                "wasm2native_grants");
  GV->setDSOLocal(true);
  GV->setAlignment(Align(1));
}

int Driver::compile() {
  if (Opts.Verbose)
    printVersion(errs());

  if (!Opts.LLVMArgs.empty()) {
    // As clang does: LLVM's own options, parsed once, before any pass runs.
    std::vector<const char *> Argv{"wasm2native-driver (LLVM option parsing)"};
    for (const std::string &S : Opts.LLVMArgs)
      Argv.push_back(S.c_str());
    std::string Msgs;
    raw_string_ostream MsgOS(Msgs);
    if (!cl::ParseCommandLineOptions(Argv.size(), Argv.data(), "", &MsgOS)) {
      error(StringRef(Msgs).trim().str());
      return 1;
    }
  }
  initializeLLVMTargets();
  if (Opts.TimePasses)
    TimePassesIsEnabled = true;
  Expected<std::unique_ptr<TargetMachine>> TM = createTargetMachine(Opts.CG);
  if (!TM)
    return toolError(TM.takeError());

  if (Opts.PrintOnly) {
    // Nothing is compiled; show the link step as it would run.
    if (Opts.linking()) {
      if (Error E = findLinkInputs())
        return toolError(std::move(E));
      if (Error E = link({"<object>"}, Opts.Output))
        return toolError(std::move(E));
    }
    return 0;
  }

  Expected<std::unique_ptr<MemoryBuffer>> Buf = readInput();
  if (!Buf)
    return toolError(Buf.takeError());
  StringRef Data = (*Buf)->getBuffer();
  if (Opts.Shared && !Data.starts_with(StringRef("\0asm", 4))) {
    error("-shared needs a wasm module as input");
    return 1;
  }
  if (isLLVMIR(Opts.Input, Data)) {
    // As clang does for .bc: IR is optimised only when asked to.
    Opts.CG.SkipOptimization = !Opts.OptExplicit && Opts.CG.Passes.empty();
    if (Opts.PrintPipeline)
      return printPipeline(**TM);
    return compileIR(**Buf, **TM);
  }
  file_magic Magic = identify_magic(Data);
  if (Magic == file_magic::elf_relocatable)
    return compileObjectFile(**Buf);
  if (Opts.PrintPipeline)
    return printPipeline(**TM);
  Expected<std::unique_ptr<WasmModule>> WM = loadModule(**Buf);
  Buf->reset();
  if (!WM) {
    // A file that cannot be read is the tool's problem, not a location in
    // the input.
    Error E = WM.takeError();
    if (E.isA<WasmError>())
      return inputError(std::move(E));
    return toolError(std::move(E));
  }

  // An executable has nobody to supply other imports; say so at the import
  // rather than as an undefined symbol from the linker. (A library's host
  // supplies them.)
  if (Opts.linking()) {
    if (!Opts.Shared)
      if (Error E = checkImportsProvided(**WM))
        return inputError(std::move(E));
    // Problems in the input come first, but a missing runtime or C library
    // is still reported before the expensive part.
    if (Error E = findLinkInputs())
      return toolError(std::move(E));
  }

  IRGenOptions IRO;
  IRO.Bounds = Opts.Bounds;
  IRO.Features = Opts.Features;
  IRO.DebugInfo = Opts.DebugInfo;
  if (!Opts.ModuleName.empty())
    IRO.DescriptorSymbol = descriptorSymbolFor(Opts.ModuleName);
  IRO.Executable = Opts.linking() && !Opts.Shared;
  // An embedder keeps using an instance after a trap; an executable ends.
  IRO.ExactStateAfterTrap = !IRO.Executable;
  IRO.TargetTriple = (*TM)->getTargetTriple().str();
  IRO.DataLayout = (*TM)->createDataLayout().getStringRepresentation();

  // The typed API's names (--module-name): its code goes into the module
  // with the descriptor.
  if (!Opts.ModuleName.empty())
    API = computeEmbedAPI(**WM, Opts.ModuleName);

  if (Opts.linking()) {
    std::vector<std::pair<uint32_t, uint32_t>> Parts = partition(**WM);
    if (Parts.size() > 1)
      return compilePartitioned(**WM, IRO, Parts);
  }

  LLVMContext Ctx;
  StageTimer IRGen = stageTimer("IR generation");
  IRGen.start();
  Expected<std::unique_ptr<Module>> M =
      emitLLVMModule(**WM, Ctx, IRO, Opts.Input);
  IRGen.stop();
  if (!M)
    return inputError(M.takeError());
  configureModule(**M, **TM, Opts.CG);
  // The typed API's code: import trampolines, and a library's functions.
  if (!Opts.ModuleName.empty())
    ImportsSize = emitEmbedAPI(**WM, API, **M, Opts.Shared);
  int RC = finish(**M, **TM);
  if (RC == 0)
    if (Error E = writeHeader(**WM))
      return toolError(std::move(E));
  return RC;
}

Error Driver::writeHeader(const WasmModule &WM) {
  if (Opts.HeaderFile.empty())
    return Error::success();
  OutputFile Header(Opts.HeaderFile);
  if (Error E = Header.open())
    return E;
  writeEmbedHeader(WM, API, sys::path::filename(Opts.Input), Opts.Shared,
                   ImportsSize, Header.os());
  return Header.commit();
}

int Driver::compileIR(const MemoryBuffer &Buf, TargetMachine &TM) {
  if (Opts.linking())
    if (Error E = findLinkInputs())
      return toolError(std::move(E));
  LLVMContext Ctx;
  SMDiagnostic Diag;
  std::unique_ptr<Module> M = parseIR(Buf.getMemBufferRef(), Diag, Ctx);
  if (!M) {
    Diag.print(ToolName.data(), errs());
    return 1;
  }
  std::string Broken;
  raw_string_ostream BrokenOS(Broken);
  if (verifyModule(*M, &BrokenOS)) {
    error("'" + Opts.Input + "' is not valid LLVM IR:\n" +
          StringRef(Broken).rtrim());
    return 1;
  }
  if (Opts.linking() && !M->getNamedGlobal("wasm2native_module")) {
    error("'" + Opts.Input +
          "' has no wasm2native_module descriptor (expected IR written by "
          "wasm2native-driver -emit-llvm)");
    return 1;
  }
  configureModule(*M, TM, Opts.CG);
  return finish(*M, TM);
}

/// Optimises \p M and writes what was asked for: IR, assembly, an object,
/// or an object linked into the executable.
int Driver::finish(Module &M, TargetMachine &TM) {
  // Grants go into IR and objects too, so that linking them later (IR or
  // object input) bakes them in.
  if (!Opts.Shared)
    addGrants(M, Opts.Grants);

  if (!Opts.linking()) {
    OutputFile Out(Opts.Output);
    if (Error E = Out.open())
      return toolError(std::move(E));
    if (Error E = optimizeAndEmit(M, TM, Opts.kind(), Out.os()))
      return toolError(std::move(E));
    if (Error E = Out.commit())
      return toolError(std::move(E));
    return 0;
  }

  // The object only lives for the link, in the temporary directory.
  SmallString<256> Model;
  sys::path::system_temp_directory(/*ErasedOnReboot=*/true, Model);
  sys::path::append(Model, sys::path::stem(Opts.Input) + "-%%%%%%.o");
  Expected<sys::fs::TempFile> Obj = sys::fs::TempFile::create(Model);
  if (!Obj)
    return toolError(Obj.takeError());
  auto RemoveObj = makeScopeExit([&] { consumeError(Obj->discard()); });
  {
    raw_fd_ostream OS(Obj->FD, /*shouldClose=*/false);
    if (Error E = optimizeAndEmit(M, TM, OutputKind::Object, OS))
      return toolError(std::move(E));
    OS.flush();
    if (std::error_code EC = OS.error()) {
      OS.clear_error();
      return toolError(createFileError(Obj->TmpName, EC));
    }
  }
  if (Opts.SaveTemps)
    if (std::error_code EC = sys::fs::copy_file(Obj->TmpName, tempPath("o")))
      return toolError(createFileError(tempPath("o"), EC));
  // Free the function bodies before linking; lld wants the memory more.
  for (llvm::Function &F : M)
    F.deleteBody();
  StageTimer Link = stageTimer("link");
  Link.start();
  Error E = link({Obj->TmpName}, Opts.Output);
  Link.stop();
  if (E)
    return toolError(std::move(E));
  return 0;
}

int Driver::printPipeline(TargetMachine &TM) {
  Expected<std::string> P = describePipeline(TM, Opts.CG);
  if (!P)
    return toolError(P.takeError());
  outs() << *P << "\n";
  return 0;
}

/// An object file made by -c: linked as it is.
int Driver::compileObjectFile(const MemoryBuffer &Buf) {
  Expected<std::unique_ptr<object::ObjectFile>> Obj =
      object::ObjectFile::createObjectFile(Buf.getMemBufferRef());
  if (!Obj)
    return toolError(Obj.takeError());
  bool HasDescriptor = false;
  for (const object::SymbolRef &Sym : (*Obj)->symbols()) {
    Expected<StringRef> Name = Sym.getName();
    Expected<uint32_t> Flags = Sym.getFlags();
    if (Name && Flags && *Name == "wasm2native_module" &&
        !(*Flags & object::SymbolRef::SF_Undefined))
      HasDescriptor = true;
    if (!Name)
      consumeError(Name.takeError());
    if (!Flags)
      consumeError(Flags.takeError());
  }
  if (!HasDescriptor) {
    error("'" + Opts.Input +
          "' defines no wasm2native_module descriptor (expected an object "
          "written by wasm2native-driver -c)");
    return 1;
  }
  if (!Opts.linking()) {
    error("an object file can only be linked (no -c, -S or -emit-llvm)");
    return 1;
  }
  if (!Opts.Grants.Words.empty())
    warning("WASI grants are baked in when the module is compiled; those "
            "given here are ignored for an object input");
  if (Error E = findLinkInputs())
    return toolError(std::move(E));
  // lld reads the file by name; stdin has none.
  if (Opts.Input == "-") {
    error("an object file must be given by name, not on standard input");
    return 1;
  }
  StageTimer Link = stageTimer("link");
  Link.start();
  Error E = link({Opts.Input}, Opts.Output);
  Link.stop();
  if (E)
    return toolError(std::move(E));
  return 0;
}

/// Contiguous ranges of defined functions with about equal code bytes. One
/// range for modules under two partition sizes (128 KiB) of code, which
/// keeps whole-module optimisation for all but big modules; otherwise one
/// per thread, and none above ~4 MiB so that peak memory stays bounded.
std::vector<std::pair<uint32_t, uint32_t>>
Driver::partition(const WasmModule &M) const {
  uint64_t Total = 0;
  for (const wasm2native::Function &F : M.Functions)
    Total += F.Body.size();
  uint32_t N = M.Functions.size();
  if (Total < 2 * Opts.PartitionSize || N < 2)
    return {{0, N}};
  unsigned Threads = Opts.Threads
                         ? Opts.Threads
                         : std::max(1u, std::thread::hardware_concurrency());
  uint64_t Count = std::max<uint64_t>(
      std::min<uint64_t>(Threads, Total / Opts.PartitionSize),
      Total / (4u << 20) + 1);
  Count = std::min<uint64_t>(Count, N);
  if (Count <= 1)
    return {{0, N}};
  std::vector<std::pair<uint32_t, uint32_t>> Parts;
  uint64_t Done = 0, Target = Total / Count;
  uint32_t Begin = 0;
  for (uint32_t I = 0; I < N; ++I) {
    Done += M.Functions[I].Body.size();
    if (Done >= Target * (Parts.size() + 1) && Parts.size() + 1 < Count) {
      Parts.push_back({Begin, I + 1});
      Begin = I + 1;
    }
  }
  Parts.push_back({Begin, N});
  return Parts;
}

/// Compiles each partition to its own object on a pool of threads (each
/// with its own LLVMContext and TargetMachine), then links them together.
int Driver::compilePartitioned(const WasmModule &WM, const IRGenOptions &Base,
                               ArrayRef<std::pair<uint32_t, uint32_t>> Parts) {
  struct Result {
    std::optional<sys::fs::TempFile> Obj;
    Error Err = Error::success();
    bool InputError = false;
  };
  std::vector<Result> Results(Parts.size());
  auto DiscardAll = makeScopeExit([&] {
    for (Result &R : Results)
      if (R.Obj)
        consumeError(R.Obj->discard());
  });
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    auto TM = createTargetMachine(Opts.CG);
    for (size_t I = Next++; I < Parts.size(); I = Next++) {
      Result &R = Results[I];
      if (!TM) {
        R.Err = createStringError(inconvertibleErrorCode(), "%s",
                                  toString(TM.takeError()).c_str());
        continue;
      }
      IRGenOptions IRO = Base;
      IRO.Partitioned = true;
      IRO.FirstFunction = Parts[I].first;
      IRO.EndFunction = Parts[I].second;
      IRO.EmitDescriptor = I == 0;
      LLVMContext Ctx;
      StageTimer IRGen =
          stageTimer("IR generation (partition " + std::to_string(I) + ")");
      IRGen.start();
      auto M = emitLLVMModule(WM, Ctx, IRO, Opts.Input);
      IRGen.stop();
      if (!M) {
        R.Err = M.takeError();
        R.InputError = true;
        continue;
      }
      configureModule(**M, **TM, Opts.CG);
      if (I == 0 && !Opts.Shared)
        addGrants(**M, Opts.Grants);
      // A library: the API with the descriptor, everything else hidden.
      if (Opts.Shared) {
        if (I == 0)
          ImportsSize = emitEmbedAPI(WM, API, **M, /*Shared=*/true,
                                     /*Partitioned=*/true);
        else
          hideDefinitions(**M);
      }
      SmallString<256> Model;
      sys::path::system_temp_directory(/*ErasedOnReboot=*/true, Model);
      sys::path::append(Model, sys::path::stem(Opts.Input) + "-%%%%%%.o");
      Expected<sys::fs::TempFile> Obj = sys::fs::TempFile::create(Model);
      if (!Obj) {
        R.Err = Obj.takeError();
        continue;
      }
      R.Obj.emplace(std::move(*Obj));
      raw_fd_ostream OS(R.Obj->FD, /*shouldClose=*/false);
      if ((R.Err = optimizeAndEmit(**M, **TM, OutputKind::Object, OS, I)))
        continue;
      OS.flush();
      if (std::error_code EC = OS.error()) {
        OS.clear_error();
        R.Err = createFileError(R.Obj->TmpName, EC);
        continue;
      }
      if (Opts.SaveTemps)
        if (std::error_code EC =
                sys::fs::copy_file(R.Obj->TmpName, tempPath("o", I)))
          R.Err = createFileError(tempPath("o", I), EC);
    }
  };
  unsigned Threads = Opts.Threads
                         ? Opts.Threads
                         : std::max(1u, std::thread::hardware_concurrency());
  Threads = std::min<unsigned>(Threads, Parts.size());
  std::vector<std::thread> Pool;
  for (unsigned T = 1; T < Threads; ++T)
    Pool.emplace_back(Work);
  Work();
  for (std::thread &T : Pool)
    T.join();

  std::vector<std::string> Objects;
  for (Result &R : Results) {
    if (R.Err)
      return R.InputError ? inputError(std::move(R.Err))
                          : toolError(std::move(R.Err));
    Objects.push_back(R.Obj->TmpName);
  }
  if (Opts.Verbose)
    errs() << "compiled in " << Parts.size() << " partitions on " << Threads
           << " threads\n";
  StageTimer Link = stageTimer("link");
  Link.start();
  Error E = link(Objects, Opts.Output);
  Link.stop();
  if (E)
    return toolError(std::move(E));
  if (Error E = writeHeader(WM))
    return toolError(std::move(E));
  return 0;
}

int Driver::run(ArrayRef<const char *> Args) {
  bool Exit = false;
  if (!parseArgs(Args, Exit))
    return 1;
  if (Exit)
    return 0;
  return compile();
}

int wasm2native::driverMain(int Argc, char **Argv) {
  // The runtime is found next to the binary that is running, whatever
  // name or relative path it was started by.
  std::string Path = sys::fs::getMainExecutable(
      Argv[0], reinterpret_cast<void *>(&driverMain));
  Driver D(Path);
  return D.run(ArrayRef<const char *>(Argv + 1, Argv + Argc));
}
