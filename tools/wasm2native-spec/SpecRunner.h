//===- SpecRunner.h - Run one spec-test command script ----------*- C++ -*-===//
#ifndef WASM2NATIVE_TOOLS_SPEC_SPECRUNNER_H
#define WASM2NATIVE_TOOLS_SPEC_SPECRUNNER_H

#include "wasm2native/CodeGen/CodeGen.h"
#include "wasm2native/IRGen/IRGen.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>

namespace llvm {
class raw_ostream;
}

namespace wasm2native {

/// Runs every command of one wast2json script in this process, printing a
/// PASS/SKIP/FAIL line per command to the stream.
class SpecRunner {
public:
  /// A module that the reader rejects with an UnsupportedFeatureError (or
  /// that the converter marked unsupported) and every command on it count
  /// as skipped under the feature's name. With \p SkipUnsupported, so does
  /// a module that does not compile for any other reason, and an
  /// assert_invalid/assert_malformed rejected with another message.
  SpecRunner(llvm::StringRef JsonPath, OptLevel Opt, BoundsChecks Bounds,
             const FeatureSet &Features, llvm::raw_ostream &OS,
             bool SkipUnsupported = false);
  ~SpecRunner();
  llvm::Error run();
  unsigned passed() const;
  unsigned failed() const;
  unsigned skipped() const;

private:
  struct Impl;
  std::unique_ptr<Impl> P;
  std::string JsonPath;
};

/// Number of commands in a script (0 if it cannot be read).
unsigned countSpecCommands(llvm::StringRef JsonPath);

} // namespace wasm2native

#endif
