//===- HostFunctions.cpp - Functions the runtime provides -----------------===//
#include "wasm2native/IRGen/HostFunctions.h"
#include "llvm/ADT/StringMap.h"

using namespace llvm;
using namespace wasm2native;

// The runtime's own table, so that the compiler cannot drift from what the
// runtime implements.
static const StringMap<HostFunction> &wasiFunctions() {
  static const StringMap<HostFunction> Table = {
#define WASI_FUNCTION(Name, Params, Results)                                   \
  {#Name, HostFunction{"wasi_snapshot_preview1", #Name, Params, Results}},
#include "wasm2native/Runtime/WASIFunctions.def"
#undef WASI_FUNCTION
  };
  return Table;
}

const HostFunction *wasm2native::findHostFunction(StringRef Module,
                                                  StringRef Name) {
  if (Module != "wasi_snapshot_preview1")
    return nullptr;
  auto It = wasiFunctions().find(Name);
  return It == wasiFunctions().end() ? nullptr : &It->second;
}

std::string wasm2native::hostSignatureLetters(ArrayRef<ValType> Types) {
  std::string S;
  for (ValType T : Types) {
    switch (T) {
    case ValType::I32:
      S += 'i';
      break;
    case ValType::I64:
      S += 'I';
      break;
    case ValType::F32:
      S += 'f';
      break;
    case ValType::F64:
      S += 'F';
      break;
    default:
      S += '?';
      break;
    }
  }
  return S;
}

bool wasm2native::matchesHostFunction(const HostFunction &Host,
                                      const FuncType &T) {
  return hostSignatureLetters(T.Params) == Host.Params &&
         hostSignatureLetters(T.Results) == Host.Results;
}
