//===- SpecRunner.cpp - Run one wast2json command script ------------------===//
//
// Compiles each module of a script through the driver's own pipeline
// (reader, validator, IRGen, the -O pass pipeline and the x86-64 backend to
// an object file), links the object into this process with ORC/JITLink and
// instantiates it with the real runtime. Every command reports one line:
// PASS, SKIP <category> <file>:<line>: <why> or FAIL <file>:<line>: <why>.
// A skip's category is the standard name of the WebAssembly proposal the
// command needs ("gc", "exception-handling", ...: the reader's
// UnsupportedFeatureError, or the converter's "unsupported_feature" for a
// module it could not encode), "text-format" for a text module, or
// "unclassified" / "rejected-otherwise" for a module that fails for a reason
// that names no feature (only with --skip-unsupported).
//
//===----------------------------------------------------------------------===//
#include "SpecRunner.h"
#include "../common/RuntimeJIT.h"
#include "wasm2native/CodeGen/CodeGen.h"
#include "wasm2native/IRGen/IRGen.h"
#include "wasm2native/Reader/BinaryReader.h"
#include "wasm2native/Reader/WasmError.h"
#include "wasm2native/Runtime/wasm2native-embed.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>

using namespace llvm;
using namespace wasm2native;

namespace {

/// Host functions of the `spectest` module: they print nothing, the suite
/// only needs them to exist with the right types.
void specPrint(w2n_instance *) {}
void specPrintI32(w2n_instance *, int32_t) {}
void specPrintI64(w2n_instance *, int64_t) {}
void specPrintF32(w2n_instance *, float) {}
void specPrintF64(w2n_instance *, double) {}
void specPrintI32F32(w2n_instance *, int32_t, float) {}
void specPrintF64F64(w2n_instance *, double, double) {}

/// The objects the `spectest` module exports.
struct SpecTestHost {
  StringMap<w2n_extern> Exports;
  SpecTestHost() {
    auto Func = [&](const char *Name, void *Fn, const char *Params) {
      w2n_extern E{};
      E.kind = W2N_EXTERN_FUNC;
      E.u.func = w2n_host_func_new(Fn, Params, "");
      Exports[Name] = E;
    };
    const char I32[] = {(char)W2N_TYPE_I32, 0}, I64[] = {(char)W2N_TYPE_I64, 0},
               F32[] = {(char)W2N_TYPE_F32, 0}, F64[] = {(char)W2N_TYPE_F64, 0},
               I32F32[] = {(char)W2N_TYPE_I32, (char)W2N_TYPE_F32, 0},
               F64F64[] = {(char)W2N_TYPE_F64, (char)W2N_TYPE_F64, 0};
    Func("print", (void *)&specPrint, "");
    Func("print_i32", (void *)&specPrintI32, I32);
    Func("print_i64", (void *)&specPrintI64, I64);
    Func("print_f32", (void *)&specPrintF32, F32);
    Func("print_f64", (void *)&specPrintF64, F64);
    Func("print_i32_f32", (void *)&specPrintI32F32, I32F32);
    Func("print_f64_f64", (void *)&specPrintF64F64, F64F64);
    auto Global = [&](const char *Name, uint8_t Type, w2n_value V) {
      w2n_extern E{};
      E.kind = W2N_EXTERN_GLOBAL;
      E.u.global = w2n_global_new(Type, 0, V);
      Exports[Name] = E;
    };
    w2n_value V{};
    V.i32 = 666;
    Global("global_i32", W2N_TYPE_I32, V);
    V = {};
    V.i64 = 666;
    Global("global_i64", W2N_TYPE_I64, V);
    V = {};
    V.f32 = 666.6f;
    Global("global_f32", W2N_TYPE_F32, V);
    V = {};
    V.f64 = 666.6;
    Global("global_f64", W2N_TYPE_F64, V);
    w2n_extern T{};
    T.kind = W2N_EXTERN_TABLE;
    T.u.table = w2n_table_new(W2N_TYPE_FUNCREF, 10, 20, 1, nullptr);
    Exports["table"] = T;
    w2n_extern M{};
    M.kind = W2N_EXTERN_MEMORY;
    char Err[256];
    M.u.memory = w2n_memory_new(1, 2, 1, Err, sizeof(Err));
    Exports["memory"] = M;
  }
  // Freed after every instance that imported them (see ~Impl), so that a
  // leak check of the runner sees only the runtime's own leaks.
  ~SpecTestHost() {
    for (auto &KV : Exports) {
      const w2n_extern &E = KV.second;
      switch (E.kind) {
      case W2N_EXTERN_FUNC:
        free(E.u.func);
        break;
      case W2N_EXTERN_GLOBAL:
        w2n_global_delete(E.u.global);
        break;
      case W2N_EXTERN_TABLE:
        w2n_table_delete(E.u.table);
        break;
      case W2N_EXTERN_MEMORY:
        w2n_memory_delete(E.u.memory);
        break;
      }
    }
  }
};

struct LoadedModule {
  const w2n_module *Desc = nullptr;
  w2n_instance *Instance = nullptr;
  /// Why the module could not be compiled, when that is a missing feature
  /// (or anything, with SkipUnsupported): commands on it are skipped under
  /// SkipCategory.
  std::string Unsupported;
  std::string SkipCategory;
  /// A skipped module may have imported this one's memory, table or
  /// globals and changed them when instantiated: the category of that
  /// skip. A later command on this module that fails is skipped under it.
  std::string Tainted;
};

/// An error's text, and the proposal it names when it is an
/// UnsupportedFeatureError.
struct ErrorText {
  std::string Text;
  std::string Feature;
};

/// A wast2json value: the type and the decimal bit pattern(s).
struct Value {
  std::string Type;
  std::string LaneType;
  std::vector<std::string> Lanes; // v128
  std::string Text;               // scalar
};

} // namespace

struct SpecRunner::Impl {
  std::string Dir;
  std::string ScriptName;
  OptLevel Opt;
  BoundsChecks Bounds;
  FeatureSet Features;
  raw_ostream &OS;
  std::unique_ptr<orc::LLJIT> JIT;
  std::unique_ptr<TargetMachine> TM;
  CodeGenOptions CGOpts;
  SpecTestHost SpecTest;
  std::vector<LoadedModule> Modules;
  StringMap<size_t> ByName;     // $name -> Modules index
  StringMap<size_t> Registered; // register "as" -> Modules index
  /// `module definition`s by name: compiled, instantiated by
  /// `module instance`.
  StringMap<LoadedModule> Definitions;
  std::optional<size_t> Current;
  unsigned Passed = 0, Failed = 0, Skipped = 0;
  unsigned ModuleCounter = 0;
  /// The Tainted category of the module the current action runs on.
  std::string TaintedBy;

  bool SkipUnsupported;

  Impl(StringRef Dir, StringRef ScriptName, OptLevel Opt, BoundsChecks Bounds,
       const FeatureSet &Features, raw_ostream &OS, bool SkipUnsupported)
      : Dir(Dir), ScriptName(ScriptName), Opt(Opt), Bounds(Bounds),
        Features(Features), OS(OS),
        SkipUnsupported(SkipUnsupported) {}
  // Later instances may import from earlier ones: delete newest first,
  // before the spectest objects (a member, destroyed after this body).
  ~Impl() {
    for (auto It = Modules.rbegin(); It != Modules.rend(); ++It)
      w2n_instance_delete(It->Instance);
  }

  void pass() {
    ++Passed;
    OS << "PASS\n";
  }
  void skip(int Line, StringRef Category, const Twine &Why) {
    ++Skipped;
    OS << "SKIP " << Category << " " << ScriptName << ":" << Line << ": " << Why
       << "\n";
  }
  void fail(int Line, const Twine &Why) {
    if (!TaintedBy.empty())
      return skip(Line, TaintedBy,
                  "after a skipped module that may have changed its "
                  "imports: " +
                      Why);
    ++Failed;
    OS << "FAIL " << ScriptName << ":" << Line << ": " << Why << "\n";
  }

  Error init();
  Expected<std::unique_ptr<WasmModule>> readAndValidate(StringRef File);
  Expected<const w2n_module *> compile(StringRef File);
  Error checkInvalid(StringRef File);
  static int resolve(void *Data, const w2n_module *M, const w2n_import *Imp,
                     w2n_extern *Out);
  Expected<LoadedModule *> moduleFor(const json::Object &Action);
  /// The registered module that was skipped that \p M imports from, if any.
  const LoadedModule *importsUnsupported(const w2n_module &M) {
    for (uint32_t I = 0; I < M.num_imports; ++I) {
      auto It = Registered.find(
          StringRef(M.imports[I].module, M.imports[I].module_len));
      if (It != Registered.end() && !Modules[It->second].Unsupported.empty())
        return &Modules[It->second];
    }
    return nullptr;
  }
  /// A module was skipped that would have been instantiated: any
  /// registered module may have been among its imports.
  void taintRegistered(StringRef Category) {
    for (auto &KV : Registered)
      if (Modules[KV.second].Tainted.empty())
        Modules[KV.second].Tainted = Category.str();
  }
  /// Compiles (and unless \p Define, instantiates) the module of a
  /// `module` or `module_definition` command into \p LM; reports the
  /// command's result.
  void loadModule(const json::Object &Cmd, LoadedModule &LM, bool Define);
  /// Instantiates \p LM->Desc; reports the command's result.
  void instantiate(int Line, StringRef File, LoadedModule &LM);
  void runCommand(const json::Object &Cmd);
  /// Performs an action; returns the trap code, with results in Results.
  Expected<w2n_trap_code> perform(const json::Object &Action,
                                  std::vector<w2n_value> &Results,
                                  std::vector<uint8_t> &ResultTypes);
};

/// Whether an expected value's type is a reference: wast2json's funcref and
/// externref, or the converter's others (anyref, exnref, "refnull" for any
/// null, "ref" for a typed one, ...).
static bool isReferenceType(StringRef Type) {
  return Type.ends_with("ref") || Type == "ref";
}

static Expected<w2n_value> parseValue(const json::Object &V) {
  w2n_value R{};
  StringRef Type = V.getString("type").value_or("");
  if (Type == "v128") {
    StringRef Lane = V.getString("lane_type").value_or("");
    const json::Array *Lanes = V.getArray("value");
    if (!Lanes)
      return createStringError(inconvertibleErrorCode(), "bad v128 value");
    unsigned Bytes = Lane == "i8"                       ? 1
                     : Lane == "i16"                    ? 2
                     : (Lane == "i32" || Lane == "f32") ? 4
                                                        : 8;
    for (size_t I = 0; I < Lanes->size(); ++I) {
      uint64_t Bits = 0;
      StringRef S = (*Lanes)[I].getAsString().value_or("0");
      if (S.getAsInteger(10, Bits))
        Bits = 0;
      std::memcpy(R.v128 + I * Bytes, &Bits, Bytes);
    }
    return R;
  }
  StringRef Text = V.getString("value").value_or("");
  if (isReferenceType(Type)) {
    if (Text == "null")
      R.ref = nullptr;
    else {
      uint64_t N = 0;
      Text.getAsInteger(10, N);
      // Host reference N is the non-null pointer N + 1.
      R.ref = reinterpret_cast<void *>(static_cast<uintptr_t>(N + 1));
    }
    return R;
  }
  uint64_t Bits = 0;
  if (Text.getAsInteger(10, Bits))
    return createStringError(inconvertibleErrorCode(),
                             "cannot parse value '" + Text + "'");
  if (Type == "i32" || Type == "f32") {
    uint32_t B32 = static_cast<uint32_t>(Bits);
    std::memcpy(&R, &B32, 4);
  } else {
    std::memcpy(&R, &Bits, 8);
  }
  return R;
}

static bool isCanonicalNaN32(uint32_t B) {
  return (B & 0x7fffffff) == 0x7fc00000;
}
static bool isArithmeticNaN32(uint32_t B) {
  return (B & 0x7fc00000) == 0x7fc00000;
}
static bool isCanonicalNaN64(uint64_t B) {
  return (B & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
}
static bool isArithmeticNaN64(uint64_t B) {
  return (B & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
}

/// Compares one lane or scalar of bit width Bytes*8 against an expectation.
static bool matchScalar(StringRef Type, StringRef Expected,
                        const uint8_t *Got) {
  uint64_t Bits = 0;
  unsigned Bytes = (Type == "i8")                     ? 1
                   : (Type == "i16")                  ? 2
                   : (Type == "i32" || Type == "f32") ? 4
                                                      : 8;
  std::memcpy(&Bits, Got, Bytes);
  if (Expected == "nan:canonical")
    return Bytes == 4 ? isCanonicalNaN32(Bits) : isCanonicalNaN64(Bits);
  if (Expected == "nan:arithmetic")
    return Bytes == 4 ? isArithmeticNaN32(Bits) : isArithmeticNaN64(Bits);
  uint64_t Want = 0;
  if (Expected.getAsInteger(10, Want))
    return false;
  uint64_t Mask = Bytes == 8 ? ~0ull : ((1ull << (Bytes * 8)) - 1);
  return (Bits & Mask) == (Want & Mask);
}

static std::string describe(const w2n_value &V, uint8_t Type) {
  std::string S;
  raw_string_ostream OS(S);
  switch (Type) {
  case W2N_TYPE_I32:
    OS << "i32:" << static_cast<uint32_t>(V.i32);
    break;
  case W2N_TYPE_I64:
    OS << "i64:" << static_cast<uint64_t>(V.i64);
    break;
  case W2N_TYPE_F32: {
    uint32_t B;
    std::memcpy(&B, &V, 4);
    OS << "f32:" << B << " (" << V.f32 << ")";
    break;
  }
  case W2N_TYPE_F64: {
    uint64_t B;
    std::memcpy(&B, &V, 8);
    OS << "f64:" << B << " (" << V.f64 << ")";
    break;
  }
  case W2N_TYPE_V128:
    OS << "v128:";
    for (int I = 0; I < 16; ++I)
      OS << format("%02x", V.v128[I]);
    break;
  default:
    OS << "ref:" << V.ref;
  }
  return S;
}

static bool matchValue(const json::Object &Exp, const w2n_value &Got,
                       uint8_t GotType) {
  StringRef Type = Exp.getString("type").value_or("");
  if (Type == "v128") {
    if (GotType != W2N_TYPE_V128)
      return false;
    StringRef Lane = Exp.getString("lane_type").value_or("");
    const json::Array *Lanes = Exp.getArray("value");
    if (!Lanes)
      return false;
    unsigned Bytes = 16 / Lanes->size();
    for (size_t I = 0; I < Lanes->size(); ++I)
      if (!matchScalar(Lane, (*Lanes)[I].getAsString().value_or(""),
                       Got.v128 + I * Bytes))
        return false;
    return true;
  }
  StringRef Text = Exp.getString("value").value_or("");
  if (isReferenceType(Type)) {
    if (Text == "null")
      return Got.ref == nullptr;
    // Any non-null reference of the type: host references other than
    // externs are not modelled.
    if (Type != "externref" || Text.empty())
      return Got.ref != nullptr;
    uint64_t N = 0;
    Text.getAsInteger(10, N);
    return Got.ref == reinterpret_cast<void *>(static_cast<uintptr_t>(N + 1));
  }
  return matchScalar(Type, Text, reinterpret_cast<const uint8_t *>(&Got));
}

Error SpecRunner::Impl::init() {
  initializeLLVMTargets();
  CGOpts.Opt = Opt;
  auto TMOrErr = createTargetMachine(CGOpts);
  if (!TMOrErr)
    return TMOrErr.takeError();
  TM = std::move(*TMOrErr);
  // The runtime lives in this process: generated code gets its entry
  // points and libc/libm (memcpy, fmod, ...) from the process itself.
  auto J = createRuntimeJIT();
  if (!J)
    return J.takeError();
  JIT = std::move(*J);
  return Error::success();
}

Expected<std::unique_ptr<WasmModule>>
SpecRunner::Impl::readAndValidate(StringRef File) {
  SmallString<256> Path(Dir);
  sys::path::append(Path, File);
  auto Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return createStringError(Buf.getError(), "cannot open " + Path);
  std::vector<uint8_t> Bytes((*Buf)->getBufferStart(), (*Buf)->getBufferEnd());
  auto WM = readWasmModule(std::move(Bytes), Features);
  if (!WM)
    return WM.takeError();
  if (Error E = validateWasmModule(**WM, Features))
    return std::move(E);
  return std::move(*WM);
}

Expected<const w2n_module *> SpecRunner::Impl::compile(StringRef File) {
  auto WM = readAndValidate(File);
  if (!WM)
    return WM.takeError();

  auto Ctx = std::make_unique<LLVMContext>();
  IRGenOptions IROpts;
  IROpts.Executable = false;
  // The script keeps using an instance after a trap.
  IROpts.Bounds = Bounds;
  IROpts.Features = Features;
  IROpts.ExactStateAfterTrap = true;
  IROpts.DescriptorSymbol = "wasm2native_module";
  IROpts.TargetTriple = TM->getTargetTriple().str();
  IROpts.DataLayout = TM->createDataLayout().getStringRepresentation();
  auto LM = emitLLVMModule(**WM, *Ctx, IROpts, File);
  if (!LM)
    return LM.takeError();
  configureModule(**LM, *TM, CGOpts);
  if (Error E = optimizeModule(**LM, *TM, CGOpts))
    return std::move(E);
  SmallVector<char, 0> Obj;
  raw_svector_ostream ObjOS(Obj);
  if (Error E = emitModule(**LM, *TM, OutputKind::Object, ObjOS))
    return std::move(E);

  // Each module gets its own JITDylib, so equal symbol names never clash.
  std::string Name = ("module" + Twine(ModuleCounter++)).str();
  auto JD = JIT->createJITDylib(Name);
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
  return Sym->toPtr<const w2n_module *>();
}

Error SpecRunner::Impl::checkInvalid(StringRef File) {
  return readAndValidate(File).takeError();
}

int SpecRunner::Impl::resolve(void *Data, const w2n_module *,
                              const w2n_import *Imp, w2n_extern *Out) {
  auto *Self = static_cast<Impl *>(Data);
  StringRef Module(Imp->module, Imp->module_len);
  StringRef Name(Imp->name, Imp->name_len);
  if (Module == "spectest") {
    auto It = Self->SpecTest.Exports.find(Name);
    if (It == Self->SpecTest.Exports.end())
      return 1;
    *Out = It->second;
    return 0;
  }
  auto It = Self->Registered.find(Module);
  if (It == Self->Registered.end())
    return 1;
  w2n_instance *Inst = Self->Modules[It->second].Instance;
  if (!Inst || w2n_instance_export_n(Inst, Imp->name, Imp->name_len, Out) != 0)
    return 1;
  return 0;
}

Expected<LoadedModule *> SpecRunner::Impl::moduleFor(const json::Object &A) {
  if (auto Name = A.getString("module")) {
    auto It = ByName.find(*Name);
    if (It == ByName.end())
      It = Registered.find(*Name);
    if (It == Registered.end() && !ByName.count(*Name))
      return createStringError(inconvertibleErrorCode(),
                               "unknown module " + *Name);
    return &Modules[It->second];
  }
  if (!Current)
    return createStringError(inconvertibleErrorCode(), "no current module");
  return &Modules[*Current];
}

Expected<w2n_trap_code>
SpecRunner::Impl::perform(const json::Object &A,
                          std::vector<w2n_value> &Results,
                          std::vector<uint8_t> &ResultTypes) {
  auto LMOrErr = moduleFor(A);
  if (!LMOrErr)
    return LMOrErr.takeError();
  LoadedModule *LM = *LMOrErr;
  if (!LM->Instance)
    return createStringError(inconvertibleErrorCode(),
                             "module failed to instantiate");
  std::string Field = A.getString("field").value_or("").str();
  StringRef Type = A.getString("type").value_or("");
  w2n_extern Ext{};
  if (w2n_instance_export_n(LM->Instance, Field.data(), Field.size(), &Ext) !=
      0)
    return createStringError(inconvertibleErrorCode(),
                             "unknown export '" + Field + "'");
  if (Type == "get") {
    if (Ext.kind != W2N_EXTERN_GLOBAL)
      return createStringError(inconvertibleErrorCode(), "not a global");
    Results = {Ext.u.global->value};
    ResultTypes = {Ext.u.global->type};
    return W2N_TRAP_NONE;
  }
  if (Type != "invoke")
    return createStringError(inconvertibleErrorCode(),
                             "unknown action " + Type);
  if (Ext.kind != W2N_EXTERN_FUNC)
    return createStringError(inconvertibleErrorCode(), "not a function");
  const w2n_func_type *FT = w2n_funcref_type(LM->Instance, Ext.u.func);
  if (!FT)
    return createStringError(inconvertibleErrorCode(), "unknown signature");
  const json::Array *Args = A.getArray("args");
  std::vector<w2n_value> Slots(
      std::max<size_t>({FT->num_params, FT->num_results, 1}));
  for (size_t I = 0; Args && I < Args->size(); ++I) {
    auto V = parseValue(*(*Args)[I].getAsObject());
    if (!V)
      return V.takeError();
    Slots[I] = *V;
  }
  w2n_trap_code Trap =
      w2n_invoke(LM->Instance, Ext.u.func, Slots.data(), nullptr);
  Results.assign(Slots.begin(), Slots.begin() + FT->num_results);
  ResultTypes.assign(FT->results, FT->results + FT->num_results);
  return Trap;
}

static ErrorText describeError(Error E) {
  ErrorText R;
  handleAllErrors(std::move(E), [&](const ErrorInfoBase &EI) {
    if (!R.Text.empty())
      R.Text += "; ";
    R.Text += EI.message();
    if (R.Feature.empty() && EI.isA<UnsupportedFeatureError>())
      R.Feature =
          static_cast<const UnsupportedFeatureError &>(EI).feature().str();
  });
  return R;
}

static std::string errorText(Error E) {
  return describeError(std::move(E)).Text;
}

/// The converter's mark on a module it could not encode
/// (utils/convert-wasm3-wast.js): the feature it needs, or "".
static StringRef unconvertedFeature(const json::Object &Cmd) {
  return Cmd.getString("unsupported_feature").value_or("");
}

void SpecRunner::Impl::loadModule(const json::Object &Cmd, LoadedModule &LM,
                                  bool Define) {
  int Line = Cmd.getInteger("line").value_or(0);
  StringRef File = Cmd.getString("filename").value_or("");
  if (StringRef F = unconvertedFeature(Cmd); !F.empty()) {
    LM.Unsupported = Cmd.getString("unsupported_reason").value_or("").str();
    LM.SkipCategory = F.str();
    if (!Define)
      taintRegistered(F);
    return skip(Line, F, "module not converted: " + LM.Unsupported);
  }
  auto Desc = compile(File);
  if (!Desc) {
    ErrorText Why = describeError(Desc.takeError());
    if (!Why.Feature.empty() || SkipUnsupported) {
      LM.Unsupported = Why.Text;
      LM.SkipCategory = Why.Feature.empty() ? "unclassified" : Why.Feature;
      if (!Define)
        taintRegistered(LM.SkipCategory);
      return skip(Line, LM.SkipCategory, "module not supported: " + Why.Text);
    }
    return fail(Line, "cannot compile " + File + ": " + Why.Text);
  }
  LM.Desc = *Desc;
  if (Define)
    return pass();
  instantiate(Line, File, LM);
}

void SpecRunner::Impl::instantiate(int Line, StringRef File, LoadedModule &LM) {
  w2n_import_resolver R{&Impl::resolve, this};
  w2n_trap_code Trap = W2N_TRAP_NONE;
  char Err[512] = "";
  LM.Instance = w2n_instantiate(LM.Desc, &R, nullptr, &Trap, Err, sizeof(Err));
  if (!LM.Instance) {
    if (const LoadedModule *From = importsUnsupported(*LM.Desc)) {
      LM.Unsupported = "imports from an unsupported module";
      LM.SkipCategory = From->SkipCategory;
      taintRegistered(LM.SkipCategory);
      return skip(Line, LM.SkipCategory,
                  "imports from a module that is not supported");
    }
    return fail(Line, "cannot instantiate " + File + ": " + Err);
  }
  return pass();
}

void SpecRunner::Impl::runCommand(const json::Object &Cmd) {
  TaintedBy.clear();
  StringRef Type = Cmd.getString("type").value_or("");
  int Line = Cmd.getInteger("line").value_or(0);
  StringRef File = Cmd.getString("filename").value_or("");
  StringRef ModuleType = Cmd.getString("module_type").value_or("binary");

  if (Type == "module") {
    Modules.emplace_back();
    Current = Modules.size() - 1;
    if (auto Name = Cmd.getString("name"))
      ByName[*Name] = *Current;
    return loadModule(Cmd, Modules.back(), /*Define=*/false);
  }
  if (Type == "module_definition") {
    // Compiled (validated) now, instantiated by module_instance.
    LoadedModule &LM = Definitions[Cmd.getString("name").value_or("")];
    LM = LoadedModule();
    return loadModule(Cmd, LM, /*Define=*/true);
  }
  if (Type == "module_instance") {
    StringRef Of = Cmd.getString("module").value_or("");
    auto Def = Definitions.find(Of);
    if (Def == Definitions.end())
      return fail(Line, "module_instance of unknown module definition " + Of);
    Modules.push_back(Def->second);
    Current = Modules.size() - 1;
    if (auto Name = Cmd.getString("instance"))
      ByName[*Name] = *Current;
    LoadedModule &LM = Modules.back();
    if (!LM.Unsupported.empty()) {
      taintRegistered(LM.SkipCategory);
      return skip(Line, LM.SkipCategory, "module not supported");
    }
    return instantiate(Line, Of, LM);
  }
  if (Type == "register") {
    StringRef As = Cmd.getString("as").value_or("");
    size_t Index;
    if (auto Name = Cmd.getString("name")) {
      auto It = ByName.find(*Name);
      if (It == ByName.end())
        return fail(Line, "register of unknown module " + *Name);
      Index = It->second;
    } else if (Current) {
      Index = *Current;
    } else {
      return fail(Line, "register without a module");
    }
    Registered[As] = Index;
    if (!Modules[Index].Unsupported.empty())
      return skip(Line, Modules[Index].SkipCategory, "module not supported");
    return pass();
  }
  if (Type == "assert_malformed" || Type == "assert_invalid") {
    if (StringRef F = unconvertedFeature(Cmd); !F.empty())
      return skip(Line, F,
                  "module not converted: " +
                      Cmd.getString("unsupported_reason").value_or(""));
    if (ModuleType != "binary")
      return skip(Line, "text-format", "text-format module");
    Error E = checkInvalid(File);
    if (!E)
      return fail(Line, Type + ": module was accepted, expected '" +
                            Cmd.getString("text").value_or("") + "'");
    // Any diagnostic counts as a rejection for Wasm 2.0, whose features are
    // all implemented. Beyond it, a module rejected because it uses an
    // unimplemented proposal is a skip under that proposal, and a rejection
    // is a pass only for the right reason.
    ErrorText Why = describeError(std::move(E));
    StringRef Want = Cmd.getString("text").value_or("");
    if (SkipUnsupported && !Why.Feature.empty())
      return skip(Line, Why.Feature, "rejected as unsupported: " + Why.Text);
    if (SkipUnsupported && !StringRef(Why.Text).contains(Want))
      return skip(Line, "rejected-otherwise",
                  "rejected for another reason: " + Why.Text);
    return pass();
  }
  if (Type == "assert_unlinkable" || Type == "assert_uninstantiable") {
    // An uninstantiable module changes what it imports before it traps
    // (element and data segments): skipping one taints them.
    bool Instantiates = Type == "assert_uninstantiable";
    if (StringRef F = unconvertedFeature(Cmd); !F.empty()) {
      if (Instantiates)
        taintRegistered(F);
      return skip(Line, F,
                  "module not converted: " +
                      Cmd.getString("unsupported_reason").value_or(""));
    }
    auto Desc = compile(File);
    if (!Desc) {
      ErrorText Why = describeError(Desc.takeError());
      if (!Why.Feature.empty() || SkipUnsupported) {
        StringRef Category =
            Why.Feature.empty() ? StringRef("unclassified") : Why.Feature;
        if (Instantiates)
          taintRegistered(Category);
        return skip(Line, Category, "module not supported: " + Why.Text);
      }
      return fail(Line, "cannot compile " + File + ": " + Why.Text);
    }
    w2n_import_resolver R{&Impl::resolve, this};
    w2n_trap_code Trap = W2N_TRAP_NONE;
    char Err[512] = "";
    w2n_instance *Inst =
        w2n_instantiate(*Desc, &R, nullptr, &Trap, Err, sizeof(Err));
    StringRef Want = Cmd.getString("text").value_or("");
    if (const LoadedModule *From = Inst ? nullptr : importsUnsupported(**Desc))
      return skip(Line, From->SkipCategory,
                  "imports from a module that is not supported");
    if (Inst) {
      w2n_instance_delete(Inst);
      return fail(Line,
                  Type + ": module instantiated, expected '" + Want + "'");
    }
    bool Trapped = Trap != W2N_TRAP_NONE;
    if (Trapped != (Type == "assert_uninstantiable"))
      return fail(Line, Type + ": got '" + Err + "', expected '" + Want + "'");
    if (!StringRef(Err).starts_with(Want))
      return fail(Line, Type + ": got '" + Err + "', expected '" + Want + "'");
    return pass();
  }

  const json::Object *Action = Cmd.getObject("action");
  if (!Action)
    return fail(Line, "unknown command " + Type);
  if (auto Target = moduleFor(*Action)) {
    if (!(*Target)->Unsupported.empty())
      return skip(Line, (*Target)->SkipCategory, "module not supported");
    TaintedBy = (*Target)->Tainted;
  } else {
    consumeError(Target.takeError());
  }
  // The runtime has no exceptions yet: nothing can check that the call
  // ends in an uncaught one.
  if (Type == "assert_exception")
    return skip(Line, "exception-handling", "assert_exception");
  std::vector<w2n_value> Results;
  std::vector<uint8_t> ResultTypes;
  auto Trap = perform(*Action, Results, ResultTypes);
  if (!Trap)
    return fail(Line, Type + ": " + errorText(Trap.takeError()));

  if (Type == "action") {
    if (*Trap != W2N_TRAP_NONE)
      return fail(Line, "action trapped: " + Twine(w2n_trap_message(*Trap)));
    return pass();
  }
  if (Type == "assert_trap" || Type == "assert_exhaustion") {
    StringRef Want = Cmd.getString("text").value_or("");
    if (*Trap == W2N_TRAP_NONE)
      return fail(Line, Type + ": returned normally, expected '" + Want + "'");
    StringRef Got = w2n_trap_message(*Trap);
    if (!Want.starts_with(Got) && !Got.starts_with(Want))
      return fail(Line, Type + ": trapped with '" + Got + "', expected '" +
                            Want + "'");
    return pass();
  }
  if (Type == "assert_return") {
    if (*Trap != W2N_TRAP_NONE)
      return fail(Line,
                  "assert_return: trapped: " + Twine(w2n_trap_message(*Trap)));
    // (either v1 v2 ...): one result, any of the values.
    if (const json::Array *Either = Cmd.getArray("either")) {
      if (Results.size() != 1)
        return fail(Line, "assert_return: " + Twine(Results.size()) +
                              " results, expected 1 (either)");
      for (const json::Value &Alt : *Either)
        if (const json::Object *Exp = Alt.getAsObject())
          if (matchValue(*Exp, Results[0], ResultTypes[0]))
            return pass();
      std::string Want;
      raw_string_ostream WOS(Want);
      WOS << json::Value(json::Array(*Either));
      return fail(Line, "assert_return: result is " +
                            describe(Results[0], ResultTypes[0]) +
                            ", expected one of " + Want);
    }
    const json::Array *Expected = Cmd.getArray("expected");
    size_t N = Expected ? Expected->size() : 0;
    if (N != Results.size())
      return fail(Line, "assert_return: " + Twine(Results.size()) +
                            " results, expected " + Twine(N));
    for (size_t I = 0; I < N; ++I) {
      const json::Object *Exp = (*Expected)[I].getAsObject();
      if (!matchValue(*Exp, Results[I], ResultTypes[I])) {
        std::string Want;
        raw_string_ostream WOS(Want);
        WOS << json::Value(json::Object(*Exp));
        return fail(Line, "assert_return: result " + Twine(I) + " is " +
                              describe(Results[I], ResultTypes[I]) +
                              ", expected " + Want);
      }
    }
    return pass();
  }
  return fail(Line, "unknown command " + Type);
}

SpecRunner::SpecRunner(StringRef JsonPath, OptLevel Opt, BoundsChecks Bounds,
                       const FeatureSet &Features, raw_ostream &OS,
                       bool SkipUnsupported)
    : P(std::make_unique<Impl>(sys::path::parent_path(JsonPath),
                               sys::path::filename(JsonPath), Opt, Bounds,
                               Features, OS, SkipUnsupported)),
      JsonPath(JsonPath.str()) {}

SpecRunner::~SpecRunner() = default;

Error SpecRunner::run() {
  auto Buf = MemoryBuffer::getFile(JsonPath);
  if (!Buf)
    return createStringError(Buf.getError(), "cannot open " + JsonPath);
  auto Doc = json::parse((*Buf)->getBuffer());
  if (!Doc)
    return Doc.takeError();
  const json::Object *Root = Doc->getAsObject();
  const json::Array *Commands = Root ? Root->getArray("commands") : nullptr;
  if (!Commands)
    return createStringError(inconvertibleErrorCode(),
                             JsonPath + ": no commands");
  if (Error E = P->init())
    return E;
  for (const json::Value &C : *Commands) {
    if (const json::Object *Cmd = C.getAsObject())
      P->runCommand(*Cmd);
    P->OS.flush();
  }
  return Error::success();
}

unsigned SpecRunner::passed() const { return P->Passed; }
unsigned SpecRunner::failed() const { return P->Failed; }
unsigned SpecRunner::skipped() const { return P->Skipped; }

unsigned wasm2native::countSpecCommands(StringRef JsonPath) {
  auto Buf = MemoryBuffer::getFile(JsonPath);
  if (!Buf)
    return 0;
  auto Doc = json::parse((*Buf)->getBuffer());
  if (!Doc) {
    consumeError(Doc.takeError());
    return 0;
  }
  const json::Object *Root = Doc->getAsObject();
  const json::Array *Commands = Root ? Root->getArray("commands") : nullptr;
  return Commands ? Commands->size() : 0;
}
