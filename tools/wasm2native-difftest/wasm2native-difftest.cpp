//===- wasm2native-difftest.cpp - Run modules for differential testing ----===//
//
// Usage: wasm2native-difftest [--config=O<n>[:guard|explicit|inexact]
//                             [:native]]... [--timeout=SECONDS] FILE.wasm...
//
// Compiles each module in this process exactly as the spec runner does
// (reader, validator, IRGen for an embedder object with exact state after a
// trap, the -O pipeline, the x86-64 backend, ORC/JITLink) once per
// configuration, instantiates it with binaryen's `fuzzing-support` logging
// imports, and calls every exported function in export order with zero
// arguments, calling `hangLimitInitializer` first when the module exports
// one: the same protocol as binaryen's `wasm-opt --fuzz-exec-before`, whose
// output utils/difftest.py compares with ours. The instance is kept across
// traps, so what later calls see (memory, globals) is the state a trap left.
//
// Output, one line each (values as bit patterns, so nothing is lost):
//   module FILE
//   config O2 guard
//   compile-error MESSAGE | instantiate-error MESSAGE | instantiate-trap MSG
//   call NAME
//   log TYPE:BITS            a fuzzing-support log-* call
//   result TYPE:BITS ...     the results of a call that returned
//   trap MESSAGE             the call trapped
//   timeout                  (then the process exits with status 124)
//
//===----------------------------------------------------------------------===//
#include "../common/RuntimeJIT.h"
#include "wasm2native/CodeGen/CodeGen.h"
#include "wasm2native/IRGen/IRGen.h"
#include "wasm2native/Reader/BinaryReader.h"
#include "wasm2native/Reader/WasmError.h"
#include "wasm2native/Runtime/wasm2native-embed.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include <csignal>
#include <cstring>
#include <unistd.h>

using namespace llvm;
using namespace wasm2native;

static cl::OptionCategory DiffCat("wasm2native-difftest options");
static cl::list<std::string> Files(cl::Positional, cl::desc("<file.wasm>..."),
                                   cl::cat(DiffCat));
static cl::list<std::string>
    Configs("config",
            cl::desc("O<level>[:guard|explicit|inexact][:native], "
                     "repeatable (default: O0 and O2 with guard pages)"),
            cl::cat(DiffCat));
static cl::opt<unsigned>
    Timeout("timeout",
            cl::desc("Seconds one module may take in one configuration"),
            cl::init(20), cl::cat(DiffCat));

namespace {

struct Config {
  std::string Name;
  OptLevel Opt = OptLevel::O2;
  BoundsChecks Bounds = BoundsChecks::Guard;
  std::unique_ptr<TargetMachine> TM;
  CodeGenOptions CGOpts;
};

// Host output goes through stdio, flushed after every line, so a timeout or
// a crash loses nothing that was printed before it.
void line(const std::string &S) {
  std::fputs(S.c_str(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

std::string hex(uint64_t V) { return "0x" + utohexstr(V, /*LowerCase=*/true); }

std::string bits(uint8_t Type, const w2n_value &V) {
  switch (Type) {
  case W2N_TYPE_I32:
    return "i32:" + hex(static_cast<uint32_t>(V.i32));
  case W2N_TYPE_I64:
    return "i64:" + hex(static_cast<uint64_t>(V.i64));
  case W2N_TYPE_F32: {
    uint32_t B;
    std::memcpy(&B, &V.f32, 4);
    return "f32:" + hex(B);
  }
  case W2N_TYPE_F64: {
    uint64_t B;
    std::memcpy(&B, &V.f64, 8);
    return "f64:" + hex(B);
  }
  case W2N_TYPE_V128: {
    std::string S = "v128:";
    for (int I = 0; I < 16; ++I) // memory (little-endian) byte order
      S += toHex(ArrayRef<uint8_t>(&V.v128[I], 1), /*LowerCase=*/true);
    return S;
  }
  default:
    return V.ref ? "ref:nonnull" : "ref:null";
  }
}

// The fuzzing-support imports of binaryen's -ttf modules.
typedef uint8_t V128 __attribute__((vector_size(16)));
void logI32(w2n_instance *, int32_t X) {
  w2n_value V{};
  V.i32 = X;
  line("log " + bits(W2N_TYPE_I32, V));
}
void logI64(w2n_instance *, int64_t X) {
  w2n_value V{};
  V.i64 = X;
  line("log " + bits(W2N_TYPE_I64, V));
}
void logF32(w2n_instance *, float X) {
  w2n_value V{};
  V.f32 = X;
  line("log " + bits(W2N_TYPE_F32, V));
}
void logF64(w2n_instance *, double X) {
  w2n_value V{};
  V.f64 = X;
  line("log " + bits(W2N_TYPE_F64, V));
}
void logV128(w2n_instance *, V128 X) {
  w2n_value V{};
  std::memcpy(V.v128, &X, 16);
  line("log " + bits(W2N_TYPE_V128, V));
}

StringMap<w2n_funcref *> &hostFuncs() {
  // Freed at exit (w2n_host_func_new allocates with malloc), so that
  // LeakSanitizer in the sanitizer build sees no leak.
  struct Owner {
    StringMap<w2n_funcref *> M;
    ~Owner() {
      for (auto &E : M)
        free(E.second);
    }
  };
  static Owner Funcs;
  static bool Filled = [] {
    auto Add = [](const char *Name, void *Fn, uint8_t Type) {
      const char Params[] = {static_cast<char>(Type), 0};
      Funcs.M[Name] = w2n_host_func_new(Fn, Params, "");
    };
    Add("log-i32", (void *)&logI32, W2N_TYPE_I32);
    Add("log-i64", (void *)&logI64, W2N_TYPE_I64);
    Add("log-f32", (void *)&logF32, W2N_TYPE_F32);
    Add("log-f64", (void *)&logF64, W2N_TYPE_F64);
    Add("log-v128", (void *)&logV128, W2N_TYPE_V128);
    return true;
  }();
  (void)Filled;
  return Funcs.M;
}

int resolve(void *, const w2n_module *, const w2n_import *Imp,
            w2n_extern *Out) {
  if (StringRef(Imp->module, Imp->module_len) != "fuzzing-support" ||
      Imp->kind != W2N_EXTERN_FUNC)
    return 1;
  auto It = hostFuncs().find(StringRef(Imp->name, Imp->name_len));
  if (It == hostFuncs().end())
    return 1;
  Out->kind = W2N_EXTERN_FUNC;
  Out->u.func = It->second;
  return 0;
}

std::string errorText(Error E) {
  std::string S;
  handleAllErrors(std::move(E), [&](const ErrorInfoBase &EI) {
    if (!S.empty())
      S += "; ";
    S += EI.message();
  });
  // One line per event.
  std::replace(S.begin(), S.end(), '\n', ' ');
  return S;
}

extern "C" void onAlarm(int) {
  static const char Msg[] = "timeout\n";
  (void)!write(1, Msg, sizeof(Msg) - 1);
  _exit(124);
}

class Runner {
public:
  Error init();
  void runFile(StringRef File);

  std::vector<Config> Cfgs;

private:
  std::unique_ptr<orc::LLJIT> JIT;
  unsigned Counter = 0;

  Expected<std::pair<const w2n_module *, orc::JITDylib *>>
  compile(Config &C, const WasmModule &WM, StringRef File);
  void callExports(w2n_instance *Inst);
};

Error Runner::init() {
  initializeLLVMTargets();
  for (Config &C : Cfgs) {
    C.CGOpts.Opt = C.Opt;
    auto TM = createTargetMachine(C.CGOpts);
    if (!TM)
      return TM.takeError();
    C.TM = std::move(*TM);
  }
  auto J = createRuntimeJIT();
  if (!J)
    return J.takeError();
  JIT = std::move(*J);
  return Error::success();
}

Expected<std::pair<const w2n_module *, orc::JITDylib *>>
Runner::compile(Config &C, const WasmModule &WM, StringRef File) {
  auto Ctx = std::make_unique<LLVMContext>();
  IRGenOptions IROpts;
  IROpts.Executable = false;
  IROpts.Bounds = C.Bounds;
  // The instance is used after a trap, as by any embedder.
  IROpts.ExactStateAfterTrap = true;
  IROpts.DescriptorSymbol = "wasm2native_module";
  IROpts.TargetTriple = C.TM->getTargetTriple().str();
  IROpts.DataLayout = C.TM->createDataLayout().getStringRepresentation();
  auto LM = emitLLVMModule(WM, *Ctx, IROpts, File);
  if (!LM)
    return LM.takeError();
  configureModule(**LM, *C.TM, C.CGOpts);
  if (Error E = optimizeModule(**LM, *C.TM, C.CGOpts))
    return std::move(E);
  SmallVector<char, 0> Obj;
  raw_svector_ostream ObjOS(Obj);
  if (Error E = emitModule(**LM, *C.TM, OutputKind::Object, ObjOS))
    return std::move(E);
  auto JD = JIT->createJITDylib(("module" + Twine(Counter++)).str());
  if (!JD)
    return JD.takeError();
  JD->addToLinkOrder(JIT->getMainJITDylib());
  if (Error E =
          JIT->addObjectFile(*JD, MemoryBuffer::getMemBufferCopy(
                                      StringRef(Obj.data(), Obj.size()), File)))
    return std::move(E);
  auto Sym = JIT->lookup(*JD, "wasm2native_module");
  if (!Sym)
    return Sym.takeError();
  return std::make_pair(Sym->toPtr<const w2n_module *>(), &*JD);
}

void Runner::callExports(w2n_instance *Inst) {
  const w2n_module *M = Inst->module;
  w2n_extern Hang{};
  bool HasHang =
      w2n_instance_export(Inst, "hangLimitInitializer", &Hang) == 0 &&
      Hang.kind == W2N_EXTERN_FUNC;
  for (uint32_t I = 0; I < M->num_exports; ++I) {
    const w2n_export &E = M->exports[I];
    if (E.kind != W2N_EXTERN_FUNC)
      continue;
    line("call " + std::string(E.name, E.name_len));
    w2n_extern Ext{};
    if (w2n_instance_export_n(Inst, E.name, E.name_len, &Ext) != 0)
      continue;
    const w2n_func_type *FT = w2n_funcref_type(Inst, Ext.u.func);
    if (!FT) {
      line("trap unknown signature");
      continue;
    }
    // binaryen resets the hang limit before every export it calls.
    if (HasHang) {
      w2n_value Dummy[1] = {};
      if (w2n_trap_code T = w2n_invoke(Inst, Hang.u.func, Dummy, nullptr)) {
        line(std::string("trap ") + w2n_trap_message(T));
        continue;
      }
    }
    std::vector<w2n_value> Slots(
        std::max<size_t>({FT->num_params, FT->num_results, 1}));
    w2n_trap_code T = w2n_invoke(Inst, Ext.u.func, Slots.data(), nullptr);
    if (T != W2N_TRAP_NONE) {
      line(std::string("trap ") + w2n_trap_message(T));
      continue;
    }
    if (!FT->num_results)
      continue;
    std::string S = "result";
    for (uint32_t R = 0; R < FT->num_results; ++R)
      S += " " + bits(static_cast<uint8_t>(FT->results[R]), Slots[R]);
    line(S);
  }
}

void Runner::runFile(StringRef File) {
  line("module " + File.str());
  auto Buf = MemoryBuffer::getFile(File);
  if (!Buf) {
    line("compile-error cannot open: " + Buf.getError().message());
    return;
  }
  std::vector<uint8_t> Bytes((*Buf)->getBufferStart(), (*Buf)->getBufferEnd());
  auto WM = readWasmModule(std::move(Bytes));
  if (WM) {
    if (Error E = validateWasmModule(**WM)) {
      line("compile-error " + errorText(std::move(E)));
      return;
    }
  } else {
    line("compile-error " + errorText(WM.takeError()));
    return;
  }
  for (Config &C : Cfgs) {
    line("config " + C.Name);
    alarm(Timeout);
    auto Compiled = compile(C, **WM, File);
    if (!Compiled) {
      line("compile-error " + errorText(Compiled.takeError()));
      alarm(0);
      continue;
    }
    w2n_import_resolver R{&resolve, nullptr};
    w2n_trap_code Trap = W2N_TRAP_NONE;
    char Err[512] = "";
    w2n_instance *Inst =
        w2n_instantiate(Compiled->first, &R, nullptr, &Trap, Err, sizeof(Err));
    if (!Inst) {
      line(std::string(Trap ? "instantiate-trap " : "instantiate-error ") +
           Err);
    } else {
      callExports(Inst);
      w2n_instance_delete(Inst);
    }
    alarm(0);
    // Unload the code: a run goes through thousands of modules.
    if (Error E = JIT->getExecutionSession().removeJITDylib(*Compiled->second))
      line("note cannot unload: " + errorText(std::move(E)));
  }
}

Expected<Config> parseConfig(StringRef S) {
  Config C;
  SmallVector<StringRef, 3> Parts;
  S.split(Parts, ':');
  StringRef Level = Parts[0];
  if (Level == "O0")
    C.Opt = OptLevel::O0;
  else if (Level == "O1")
    C.Opt = OptLevel::O1;
  else if (Level == "O2")
    C.Opt = OptLevel::O2;
  else if (Level == "O3")
    C.Opt = OptLevel::O3;
  else
    return createStringError(inconvertibleErrorCode(),
                             "bad optimisation level in --config=" + S);
  StringRef Mode = "guard";
  bool Native = false;
  for (StringRef P : ArrayRef<StringRef>(Parts).drop_front()) {
    if (P == "guard" || P == "explicit" || P == "inexact")
      Mode = P;
    else if (P == "native")
      Native = true;
    else
      return createStringError(inconvertibleErrorCode(),
                               "bad word '" + P + "' in --config=" + S);
  }
  C.Bounds = Mode == "explicit"  ? BoundsChecks::Explicit
             : Mode == "inexact" ? BoundsChecks::Inexact
                                 : BoundsChecks::Guard;
  // -mcpu=native: AVX2/AVX-512 lowering where the host has it.
  if (Native)
    C.CGOpts.CPU = "native";
  C.Name = (Level + " " + Mode + (Native ? " native" : "")).str();
  return C;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(DiffCat);
  cl::ParseCommandLineOptions(argc, argv,
                              "wasm2native differential-testing runner\n");
  Runner R;
  std::vector<std::string> Names(Configs.begin(), Configs.end());
  if (Names.empty())
    Names = {"O0", "O2"};
  for (const std::string &N : Names) {
    auto C = parseConfig(N);
    if (!C) {
      errs() << "wasm2native-difftest: error: " << errorText(C.takeError())
             << "\n";
      return 1;
    }
    R.Cfgs.push_back(std::move(*C));
  }
  if (Error E = R.init()) {
    errs() << "wasm2native-difftest: error: " << errorText(std::move(E))
           << "\n";
    return 1;
  }
  std::signal(SIGALRM, onAlarm);
  for (const std::string &F : Files)
    R.runFile(F);
  return 0;
}
