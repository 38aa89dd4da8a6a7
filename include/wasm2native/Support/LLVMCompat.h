//===- LLVMCompat.h - The LLVM API differences of LLVM 19 and 22 -*- C++ -*-===//
//
// wasm2native builds against the LLVM 19 and LLVM 22 a distribution ships
// (WASM2NATIVE_LLVM_VERSION). Every API that differs between them is wrapped
// here, so the rest of the code calls one spelling. The option table that
// llvm-tblgen generates also changed shape; Driver.cpp includes it through
// W2N_OPT_TABLE_HAS_STRING_TABLE.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_SUPPORT_LLVMCOMPAT_H
#define WASM2NATIVE_SUPPORT_LLVMCOMPAT_H

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"

#if LLVM_VERSION_MAJOR >= 22
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif

/// LLVM 20 moved option names and prefixes into one string table.
#define W2N_OPT_TABLE_HAS_STRING_TABLE (LLVM_VERSION_MAJOR >= 20)

namespace wasm2native {

/// Module::setTargetTriple takes a Triple from LLVM 21 on.
inline void setModuleTriple(llvm::Module &M, llvm::StringRef Triple) {
#if LLVM_VERSION_MAJOR >= 21
  M.setTargetTriple(llvm::Triple(Triple));
#else
  M.setTargetTriple(Triple);
#endif
}

/// TargetRegistry::lookupTarget takes a Triple from LLVM 21 on.
inline const llvm::Target *lookupTargetFor(const llvm::Triple &TT,
                                           std::string &Err) {
#if LLVM_VERSION_MAJOR >= 21
  return llvm::TargetRegistry::lookupTarget(TT, Err);
#else
  return llvm::TargetRegistry::lookupTarget(TT.str(), Err);
#endif
}

/// So does Target::createMCSubtargetInfo.
inline llvm::MCSubtargetInfo *createSubtargetInfoFor(const llvm::Target &T,
                                                     const llvm::Triple &TT) {
#if LLVM_VERSION_MAJOR >= 21
  return T.createMCSubtargetInfo(TT, "", "");
#else
  return T.createMCSubtargetInfo(TT.str(), "", "");
#endif
}

/// llvm::make_scope_exit is deprecated in LLVM 22 for scope_exit's
/// constructor, which LLVM 19 does not have.
template <typename Fn> auto makeScopeExit(Fn &&F) {
#if LLVM_VERSION_MAJOR >= 22
  return llvm::scope_exit<std::decay_t<Fn>>(std::forward<Fn>(F));
#else
  return llvm::make_scope_exit(std::forward<Fn>(F));
#endif
}

/// Target::createTargetMachine takes a Triple from LLVM 21 on.
inline llvm::TargetMachine *
createTargetMachineFor(const llvm::Target &T, llvm::StringRef Triple,
                       llvm::StringRef CPU, llvm::StringRef Features,
                       const llvm::TargetOptions &Options,
                       std::optional<llvm::Reloc::Model> RM,
                       llvm::CodeGenOptLevel OL) {
#if LLVM_VERSION_MAJOR >= 21
  return T.createTargetMachine(llvm::Triple(Triple), CPU, Features, Options,
                               RM, std::nullopt, OL);
#else
  return T.createTargetMachine(Triple, CPU, Features, Options, RM,
                               std::nullopt, OL);
#endif
}

} // namespace wasm2native

#endif
