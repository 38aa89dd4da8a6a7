//===- EmbedHeader.cpp - The typed C header of a compiled module ----------===//
//
// The header is all `static inline` code over wasm2native-embed.h, so a host
// needs nothing but the object, the runtime archive and this file. The
// instance handle is a struct whose first member is the w2n_wasi the runtime
// sees as the instance's host pointer; import trampolines get from it to the
// host's typed function and its `host` pointer.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/Driver/EmbedHeader.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace wasm2native;

std::string wasm2native::mangleCName(StringRef Name) {
  std::string S;
  for (unsigned char C : Name) {
    if (isAlnum(C) || C == '_') {
      S += char(C);
      continue;
    }
    S += "_x";
    S += hexdigit(C >> 4, /*LowerCase=*/true);
    S += hexdigit(C & 15, /*LowerCase=*/true);
  }
  if (S.empty() || isDigit(S[0]))
    S.insert(S.begin(), '_');
  return S;
}

namespace {
/// C spellings of wasm value types.
StringRef cType(ValType T) {
  switch (T) {
  case ValType::I32:
    return "int32_t";
  case ValType::I64:
    return "int64_t";
  case ValType::F32:
    return "float";
  case ValType::F64:
    return "double";
  case ValType::V128:
    return "w2n_v128";
  case ValType::FuncRef:
    return "w2n_funcref *";
  case ValType::ExternRef:
    return "void *";
  }
  return "void *";
}

/// The w2n_value member holding a value of type T.
StringRef valueField(ValType T) {
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
  default:
    return "ref";
  }
}

/// "x" as a C string literal (any bytes, NULs included) and its length.
std::string cString(StringRef S) {
  std::string R = "\"";
  for (unsigned char C : S) {
    if (C == '"' || C == '\\') {
      R += '\\';
      R += char(C);
    } else if (C >= 0x20 && C < 0x7f) {
      R += char(C);
    } else {
      R += "\\";
      R += char('0' + (C >> 6));
      R += char('0' + ((C >> 3) & 7));
      R += char('0' + (C & 7));
    }
  }
  return R + "\"";
}

/// Reads a value of type T out of w2n_value `Src` into C lvalue `Dst`.
std::string loadValue(ValType T, StringRef Dst, StringRef Src) {
  if (T == ValType::V128)
    return ("memcpy((" + Dst + ").bytes, " + Src + ".v128, 16)").str();
  if (T == ValType::FuncRef)
    return (Dst + " = (w2n_funcref *)" + Src + ".ref").str();
  return (Dst + " = " + Src + "." + valueField(T)).str();
}

/// Stores C value `Src` of type T into w2n_value `Dst`.
std::string storeValue(ValType T, StringRef Dst, StringRef Src) {
  if (T == ValType::V128)
    return ("memcpy(" + Dst + ".v128, (" + Src + ").bytes, 16)").str();
  return (Dst + "." + valueField(T) + " = " + Src).str();
}

StringRef typeCode(ValType T) {
  switch (T) {
  case ValType::I32:
    return "\\x7f";
  case ValType::I64:
    return "\\x7e";
  case ValType::F32:
    return "\\x7d";
  case ValType::F64:
    return "\\x7c";
  case ValType::V128:
    return "\\x7b";
  case ValType::FuncRef:
    return "\\x70";
  case ValType::ExternRef:
    return "\\x6f";
  }
  return "";
}

std::string typeString(ArrayRef<ValType> Ts) {
  std::string S = "\"";
  for (ValType T : Ts)
    S += typeCode(T);
  return S + "\"";
}

/// Hands out C names: mangled, unique, never one of the fixed names.
class Namer {
public:
  explicit Namer(StringRef Prefix) : Prefix(Prefix) {
    for (StringRef Fixed :
         {"new", "delete", "imports", "instance", "module", "raw", "wasi",
          "api", "trap_message", "report_trap", "exit_status", "memory_new",
          "memory_delete", "table_new", "table_delete", "global_new",
          "global_delete"})
      Used.insert(Fixed);
  }
  /// A unique identifier for wasm name \p Name; \p Suffixes are the
  /// accessor suffixes it will also get (e.g. "_size"), reserved with it.
  std::string get(StringRef Name, ArrayRef<StringRef> Suffixes = {}) {
    std::string Base = mangleCName(Name), S = Base;
    for (unsigned N = 2;; ++N) {
      bool Free = !Used.count(S);
      for (StringRef Suf : Suffixes)
        Free = Free && !Used.count(S + Suf.str());
      if (Free)
        break;
      S = Base + "_" + std::to_string(N);
    }
    Used.insert(S);
    for (StringRef Suf : Suffixes)
      Used.insert(S + Suf.str());
    return S;
  }

private:
  std::string Prefix;
  StringSet<> Used;
};
} // namespace

/// The declarations of a -shared library's API, after NAME_imports: the
/// prototypes (for -l), and the same as a struct of function pointers that
/// NAME_api_load fills from a dlopen() handle.
static void writeSharedDeclarations(const WasmModule &M, const EmbedAPI &API,
                                    uint64_t ImportsSize, raw_ostream &OS) {
  StringRef P = API.Prefix;
  struct Decl {
    std::string Comment, Ret, Name, Params;
  };
  std::vector<Decl> Decls;
  std::string Self = (P + "_instance *self").str();
  Decls.push_back(
      {"A new instance, or NULL with a message in err (the spec's words: "
       "\"unknown\n * import\", \"incompatible import type\", or a trap of "
       "the start function).\n * `imports` is copied; NULL means none.",
       (P + "_instance *").str(), (P + "_new").str(),
       ("const " + P + "_imports *imports, char *err, size_t errlen").str()});
  Decls.push_back({"", "void ", (P + "_delete").str(), Self});
  Decls.push_back({"The spec's text for a trap code.", "const char *",
                   (P + "_trap_message").str(), "w2n_trap_code code"});
  Decls.push_back({"Writes \"wasm trap: <reason> in function <name>\" for "
                   "this thread's last\n * trap in this library to stderr.",
                   "void ", (P + "_report_trap").str(), "w2n_trap_code code"});
  Decls.push_back({"proc_exit's status after a call returned "
                   "W2N_TRAP_PROC_EXIT.",
                   "int ", (P + "_exit_status").str(), Self});
  // The library's runtime makes what the module imports; an object of
  // another runtime copy (another library) is refused for a memory.
  Decls.push_back(
      {"Host objects of this library's runtime, for NAME_imports' memory, "
       "table and\n * global fields (as w2n_memory_new & co. in "
       "wasm2native-embed.h).",
       "w2n_memory *", (P + "_memory_new").str(),
       "uint64_t min_pages, uint64_t max_pages, int has_max, char *err, "
       "size_t errlen"});
  Decls.push_back(
      {"", "void ", (P + "_memory_delete").str(), "w2n_memory *mem"});
  Decls.push_back({"", "w2n_table *", (P + "_table_new").str(),
                   "int elem_type, uint32_t min, uint32_t max, int has_max, "
                   "void *init"});
  Decls.push_back(
      {"", "void ", (P + "_table_delete").str(), "w2n_table *table"});
  Decls.push_back({"", "w2n_global *", (P + "_global_new").str(),
                   "int type, int mutability, w2n_value init"});
  Decls.push_back(
      {"", "void ", (P + "_global_delete").str(), "w2n_global *global"});
  for (const EmbedAPI::ExportItem &X : API.Exports) {
    const Export &E = *X.E;
    std::string N = (P + "_" + X.Name).str();
    switch (E.Kind) {
    case ExternKind::Func: {
      const FuncType &T = M.funcType(E.Index);
      std::string Params = Self;
      for (size_t A = 0; A < T.Params.size(); ++A)
        Params += ", " + cType(T.Params[A]).str() + " p" + std::to_string(A);
      for (size_t R = 0; R < T.Results.size(); ++R)
        Params += ", " + cType(T.Results[R]).str() + " *r" + std::to_string(R);
      Decls.push_back(
          {"export " + cString(E.Name) + ": W2N_TRAP_NONE, or the trap's code.",
           "w2n_trap_code ", N, Params});
      break;
    }
    case ExternKind::Memory:
      Decls.push_back({"", "uint8_t *", N, Self});
      Decls.push_back({"", "uint64_t ", N + "_size", Self});
      break;
    case ExternKind::Table:
      Decls.push_back({"", "w2n_table *", N, Self});
      break;
    case ExternKind::Global: {
      GlobalType G = M.globalType(E.Index);
      std::string T = cType(G.Type).str();
      Decls.push_back({"", T.back() == '*' ? T : T + " ", N, Self});
      if (G.Mutable)
        Decls.push_back({"", "void ", N + "_set", Self + ", " + T + " v"});
      break;
    }
    }
  }

  OS << "/* The library was built with this layout of " << P
     << "_imports. */\ntypedef char " << P << "__imports_check[sizeof(" << P
     << "_imports) == " << ImportsSize << " ? 1 : -1];\n\n";
  for (const Decl &D : Decls) {
    if (!D.Comment.empty())
      OS << "/* " << D.Comment << " */\n";
    OS << D.Ret << D.Name << "(" << D.Params << ");\n";
  }
  OS << "\n/* For dlopen(): the functions above as pointers of the same "
        "names.\n * "
     << P
     << "_api_load(&api, dlsym, handle) fills them and returns 0, or "
        "-1 if\n * a name is missing. */\n"
     << "typedef struct " << P << "_api {\n";
  for (const Decl &D : Decls)
    OS << "  " << D.Ret << "(*" << D.Name << ")(" << D.Params << ");\n";
  OS << "} " << P << "_api;\n\n";
  OS << "static inline int " << P << "_api_load(" << P
     << "_api *api, void *(*sym)(void *, const char *),\n    void *handle) "
        "{\n  int missing = 0;\n  void *p;\n";
  // Object pointer to function pointer: what POSIX's dlsym() guarantees.
  for (const Decl &D : Decls)
    OS << "  p = sym(handle, \"" << D.Name << "\");\n  missing |= !p;\n"
       << "  memcpy(&api->" << D.Name << ", &p, sizeof p);\n";
  OS << "  return missing ? -1 : 0;\n}\n\n";
}

EmbedAPI wasm2native::computeEmbedAPI(const WasmModule &M, StringRef Prefix) {
  EmbedAPI API;
  API.Prefix = Prefix.str();
  Namer Names(Prefix);
  for (uint32_t K = 0; K < M.Imports.size(); ++K) {
    const Import &I = M.Imports[K];
    if (I.Module == "wasi_snapshot_preview1") {
      API.UsesWASI = true;
      continue; // the runtime provides them, configured by `wasi`
    }
    API.Imports.push_back({&I, Names.get(I.Module + "_" + I.Field), K});
  }
  for (uint32_t K = 0; K < M.Exports.size(); ++K) {
    const Export &E = M.Exports[K];
    SmallVector<StringRef, 2> Suffixes;
    if (E.Kind == ExternKind::Memory)
      Suffixes.push_back("_size");
    if (E.Kind == ExternKind::Global)
      Suffixes.push_back("_set");
    API.Exports.push_back({&E, Names.get(E.Name, Suffixes), K});
  }
  return API;
}

void wasm2native::writeEmbedHeader(const WasmModule &M, const EmbedAPI &API,
                                   StringRef InputName, bool Shared,
                                   uint64_t ImportsSize, raw_ostream &OS) {
  StringRef P = API.Prefix;
  std::string Guard = "WASM2NATIVE_MODULE_" + P.upper() + "_H";
  bool UsesWASI = API.UsesWASI;

  OS << "/* Generated by wasm2native-driver from " << InputName
     << ": the typed C API of\n";
  if (Shared)
    OS << " * the module, exported by the shared library written with it "
          "(link it with\n"
       << " * -l, or dlopen() it and dlsym() the names below). Names: the "
          "wasm name with\n"
       << " * letters, digits and '_' kept, ";
  else
    OS << " * the module, over wasm2native-embed.h. Link the object written "
          "with it and\n"
       << " * libwasm2native-rt.a. Names: the wasm name with letters, digits "
          "and '_'\n * kept, ";
  OS << "other bytes as _xHH, a '_' before a leading digit, and "
        "_2, _3...\n"
     << " * after a name already taken (in import, then export order). */\n";
  OS << "#ifndef " << Guard << "\n#define " << Guard << "\n\n";
  OS << "#include \"wasm2native-embed.h\"\n";
  if (!Shared)
    OS << "#include <stdio.h>\n#include <stdlib.h>\n";
  OS << "#include <string.h>\n";
  OS << "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  OS << "#ifndef WASM2NATIVE_V128_DEFINED\n#define WASM2NATIVE_V128_DEFINED\n"
        "/* A v128 value, its bytes in wasm (little-endian) order. */\n"
        "typedef struct w2n_v128 {\n  uint8_t bytes[16];\n} w2n_v128;\n"
        "#endif\n\n";
  if (!Shared)
    OS << "extern const w2n_module " << descriptorSymbolFor(P) << ";\n\n";
  OS << "typedef struct " << P << "_instance " << P << "_instance;\n\n";

  // ---- Imports -------------------------------------------------------------
  using ImportField = EmbedAPI::ImportField;
  const std::vector<ImportField> &ImportFields = API.Imports;

  OS << "/* What the instance imports: one typed field per import. A host "
        "function\n * gets `host` and the calling instance first; with "
        "several results it\n * stores them through the pointers after its "
        "parameters. */\n";
  OS << "typedef struct " << P << "_imports {\n  void *host;\n";
  for (const ImportField &F : ImportFields) {
    const Import &I = *F.I;
    switch (I.Kind) {
    case ExternKind::Func: {
      const FuncType &T = M.Types[I.FuncTypeIndex];
      OS << "  " << (T.Results.size() == 1 ? cType(T.Results[0]) : "void")
         << " (*" << F.Name << ")(void *host, " << P << "_instance *caller";
      for (size_t A = 0; A < T.Params.size(); ++A)
        OS << ", " << cType(T.Params[A]) << " p" << A;
      if (T.Results.size() > 1)
        for (size_t R = 0; R < T.Results.size(); ++R)
          OS << ", " << cType(T.Results[R]) << " *r" << R;
      OS << ");\n";
      break;
    }
    case ExternKind::Memory:
      OS << "  w2n_memory *" << F.Name << ";\n";
      break;
    case ExternKind::Table:
      OS << "  w2n_table *" << F.Name << ";\n";
      break;
    case ExternKind::Global:
      OS << "  w2n_global *" << F.Name << ";\n";
      break;
    }
  }
  if (UsesWASI)
    OS << "  /* WASI: arguments, environment (NULL-terminated) and the "
          "driver's grant\n   * words (--dir=HOST::GUEST, --env=..., "
          "--inherit-env, --tcplisten=...):\n   * argc, argv, envp, "
          "num_grants, grants. */\n"
          "  w2n_api_wasi_config wasi;\n";
  OS << "} " << P << "_imports;\n\n";

  // ---- The instance --------------------------------------------------------
  using ExportItem = EmbedAPI::ExportItem;
  const std::vector<ExportItem> &Exports = API.Exports;
  if (Shared) {
    writeSharedDeclarations(M, API, ImportsSize, OS);
    OS << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << Guard << " */\n";
    return;
  }

  OS << "/* One instance: its own memory, tables, globals and WASI "
        "descriptors. The\n * w2n_wasi comes first: it is the runtime's host "
        "pointer of the instance. */\n";
  OS << "struct " << P << "_instance {\n  w2n_wasi wasi;\n"
     << "  w2n_instance *raw;\n  void *imports_ptr; /* &imports */\n  " << P
     << "_imports imports;\n"
     << "  w2n_funcref *host_funcs[" << std::max<size_t>(1, M.Imports.size())
     << "];\n  const w2n_funcref *exports["
     << std::max<size_t>(1, M.Exports.size()) << "];\n};\n";
  // The import trampolines in the object find the typed field through the
  // runtime's view of the instance's start (w2n_api_import_target).
  OS << "typedef char " << P << "__layout_check[offsetof(" << P
     << "_instance, imports_ptr) ==\n    offsetof(w2n_api_instance, imports) "
        "? 1 : -1];\n\n";

  // Trampolines: entries with the runtime's native signature that call the
  // typed field. They are in the object (generated code): the native
  // convention returns several results as an LLVM struct and passes v128 as
  // a vector, neither of which C can spell.
  for (const ImportField &F : ImportFields)
    if (F.I->Kind == ExternKind::Func)
      OS << "void " << importTrampolineSymbol(P, F.Position) << "(void);\n";
  OS << "\n";

  OS << "static inline int " << P
     << "__resolve(void *data, const w2n_module *m, const w2n_import *imp,\n"
     << "    w2n_extern *out) {\n  " << P << "_instance *self = (" << P
     << "_instance *)data;\n"
     << "  switch ((size_t)(imp - m->imports)) {\n";
  for (const ImportField &F : ImportFields) {
    OS << "  case " << F.Position << ":\n";
    switch (F.I->Kind) {
    case ExternKind::Func: {
      const FuncType &T = M.Types[F.I->FuncTypeIndex];
      OS << "    if (!self->imports." << F.Name << ")\n      return 1;\n"
         << "    if (!self->host_funcs[" << F.Position << "])\n"
         << "      self->host_funcs[" << F.Position
         << "] = w2n_host_func_new((void *)"
         << importTrampolineSymbol(P, F.Position) << ", "
         << typeString(T.Params) << ", " << typeString(T.Results) << ");\n"
         << "    out->kind = W2N_EXTERN_FUNC;\n    out->u.func = "
            "self->host_funcs["
         << F.Position << "];\n    return out->u.func ? 0 : 1;\n";
      break;
    }
    case ExternKind::Memory:
      OS << "    out->kind = W2N_EXTERN_MEMORY;\n    out->u.memory = self->imports."
         << F.Name << ";\n    return out->u.memory ? 0 : 1;\n";
      break;
    case ExternKind::Table:
      OS << "    out->kind = W2N_EXTERN_TABLE;\n    out->u.table = self->imports."
         << F.Name << ";\n    return out->u.table ? 0 : 1;\n";
      break;
    case ExternKind::Global:
      OS << "    out->kind = W2N_EXTERN_GLOBAL;\n    out->u.global = self->imports."
         << F.Name << ";\n    return out->u.global ? 0 : 1;\n";
      break;
    }
  }
  OS << "  default:\n    return " << (UsesWASI ? "w2n_wasi_resolve(NULL, m, imp, out)"
                                               : "1")
     << ";\n  }\n}\n\n";

  // ---- Lifetime ------------------------------------------------------------
  OS << "static inline void " << P << "_delete(" << P << "_instance *self) {\n"
     << "  if (!self)\n    return;\n  if (self->raw)\n"
     << "    w2n_instance_delete(self->raw);\n"
     << "  for (size_t i = 0; i < sizeof self->host_funcs / sizeof "
        "*self->host_funcs; ++i)\n"
     << "    free(self->host_funcs[i]);\n  w2n_wasi_close(&self->wasi);\n"
     << "  free(self);\n}\n\n";
  OS << "/* A new instance, or NULL with a message in err (the spec's words: "
        "\"unknown\n * import\", \"incompatible import type\", or a trap of "
        "the start function). */\n";
  OS << "static inline " << P << "_instance *" << P << "_new(const " << P
     << "_imports *imports, char *err,\n    size_t errlen) {\n  " << P
     << "_instance *self = (" << P << "_instance *)calloc(1, sizeof *self);\n"
     << "  if (!self) {\n    if (errlen)\n      snprintf(err, errlen, "
        "\"out of memory\");\n    return NULL;\n  }\n"
     << "  if (imports)\n    self->imports = *imports;\n"
     << "  self->imports_ptr = &self->imports;\n";
  if (UsesWASI)
    OS << "  self->wasi.argc = self->imports.wasi.argc;\n"
       << "  self->wasi.argv = self->imports.wasi.argv;\n"
       << "  self->wasi.envp = self->imports.wasi.envp;\n"
       << "  if (self->imports.wasi.num_grants &&\n"
       << "      w2n_wasi_grant(&self->wasi, self->imports.wasi.num_grants,\n"
       << "                     self->imports.wasi.grants, "
          "self->imports.wasi.envp, err,\n"
       << "                     errlen) != 0) {\n    " << P
       << "_delete(self);\n    return NULL;\n  }\n";
  OS << "  w2n_import_resolver r = {" << P << "__resolve, self};\n"
     << "  w2n_trap_code trap;\n"
     << "  self->raw = w2n_instantiate(&" << descriptorSymbolFor(P)
     << ", &r, &self->wasi, &trap, err, errlen);\n"
     << "  if (!self->raw) {\n    " << P << "_delete(self);\n    return NULL;\n  }\n";
  for (size_t K = 0; K < Exports.size(); ++K) {
    const Export &E = *Exports[K].E;
    if (E.Kind != ExternKind::Func)
      continue;
    OS << "  {\n    w2n_extern ex;\n    if (w2n_instance_export_n(self->raw, "
       << cString(E.Name) << ", " << E.Name.size() << ", &ex) == 0)\n"
       << "      self->exports[" << K << "] = ex.u.func;\n  }\n";
  }
  OS << "  return self;\n}\n\n";
  OS << "/* The spec's text for a trap code (e.g. \"integer divide by "
        "zero\"). */\n"
     << "static inline const char *" << P
     << "_trap_message(w2n_trap_code code) {\n"
     << "  return w2n_trap_message(code);\n}\n\n";
  OS << "/* Writes \"wasm trap: <reason> in function <name>\" for this "
        "thread's last\n * trap to stderr. */\n"
     << "static inline void " << P << "_report_trap(w2n_trap_code code) {\n"
     << "  w2n_report_trap(code);\n}\n\n";
  OS << "/* proc_exit's status after a call returned W2N_TRAP_PROC_EXIT. */\n"
     << "static inline int " << P << "_exit_status(" << P
     << "_instance *self) {\n  return self->wasi.exit_status;\n}\n\n";
  OS << "/* The generic handle, for wasm2native-embed.h calls. */\n"
     << "static inline w2n_instance *" << P << "_raw(" << P
     << "_instance *self) {\n  return self->raw;\n}\n\n";

  // ---- Exports -------------------------------------------------------------
  for (size_t K = 0; K < Exports.size(); ++K) {
    const Export &E = *Exports[K].E;
    const std::string &N = Exports[K].Name;
    std::string Lookup =
        "  w2n_extern ex;\n  w2n_instance_export_n(self->raw, " +
        cString(E.Name) + ", " + std::to_string(E.Name.size()) + ", &ex);\n";
    switch (E.Kind) {
    case ExternKind::Func: {
      const FuncType &T = M.funcType(E.Index);
      OS << "/* export " << cString(E.Name)
         << ": W2N_TRAP_NONE, or the trap's code. */\n";
      OS << "static inline w2n_trap_code " << P << "_" << N << "(" << P
         << "_instance *self";
      for (size_t A = 0; A < T.Params.size(); ++A)
        OS << ", " << cType(T.Params[A]) << " p" << A;
      for (size_t R = 0; R < T.Results.size(); ++R)
        OS << ", " << cType(T.Results[R]) << " *r" << R;
      OS << ") {\n  w2n_value args["
         << std::max<size_t>(1, std::max(T.Params.size(), T.Results.size()))
         << "];\n  memset(args, 0, sizeof args);\n";
      for (size_t A = 0; A < T.Params.size(); ++A)
        OS << "  " << storeValue(T.Params[A], "args[" + std::to_string(A) + "]",
                                 "p" + std::to_string(A))
           << ";\n";
      OS << "  w2n_trap_code t = w2n_invoke(self->raw, self->exports[" << K
         << "], args, NULL);\n";
      if (!T.Results.empty()) {
        OS << "  if (t == W2N_TRAP_NONE) {\n";
        for (size_t R = 0; R < T.Results.size(); ++R)
          OS << "    "
             << loadValue(T.Results[R], "*r" + std::to_string(R),
                          "args[" + std::to_string(R) + "]")
             << ";\n";
        OS << "  }\n";
      }
      OS << "  return t;\n}\n\n";
      break;
    }
    case ExternKind::Memory:
      OS << "static inline uint8_t *" << P << "_" << N << "(" << P
         << "_instance *self) {\n"
         << Lookup << "  return ex.u.memory->base;\n}\n\n";
      OS << "static inline uint64_t " << P << "_" << N << "_size(" << P
         << "_instance *self) {\n"
         << Lookup << "  return ex.u.memory->size;\n}\n\n";
      break;
    case ExternKind::Table:
      OS << "static inline w2n_table *" << P << "_" << N << "(" << P
         << "_instance *self) {\n"
         << Lookup << "  return ex.u.table;\n}\n\n";
      break;
    case ExternKind::Global: {
      GlobalType G = M.globalType(E.Index);
      OS << "static inline " << cType(G.Type) << " " << P << "_" << N << "("
         << P << "_instance *self) {\n"
         << Lookup << "  " << cType(G.Type) << " v;\n  "
         << loadValue(G.Type, "v", "ex.u.global->value") << ";\n  return v;\n}\n\n";
      if (G.Mutable)
        OS << "static inline void " << P << "_" << N << "_set(" << P
           << "_instance *self, " << cType(G.Type) << " v) {\n"
           << Lookup << "  "
           << storeValue(G.Type, "ex.u.global->value", "v") << ";\n}\n\n";
      break;
    }
    }
  }
  OS << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << Guard << " */\n";
}
