//===- Features.h - Sets of WebAssembly proposals ----------------*- C++ -*-===//
#ifndef WASM2NATIVE_READER_FEATURES_H
#define WASM2NATIVE_READER_FEATURES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <optional>

namespace wasm2native {

enum class Feature : uint8_t {
  MVP, // Wasm 1.0: always enabled
#define WASM_FEATURE(Name, Text, Default, Implemented) Name,
#include "wasm2native/Reader/Features.def"
  NumFeatures
};

/// The standard name of \p F ("tail-call"), "mvp" for Feature::MVP.
llvm::StringRef featureName(Feature F);
/// The feature called \p Name, if any.
std::optional<Feature> parseFeatureName(llvm::StringRef Name);
/// True when wasm2native compiles modules that use \p F.
bool isFeatureImplemented(Feature F);

/// Which proposals a module may use. The reader and validator reject an
/// instruction, section or type of a disabled proposal as the spec without
/// that proposal would.
class FeatureSet {
public:
  /// The default set: every implemented feature that is on by default.
  static FeatureSet defaults();

  bool has(Feature F) const {
    return F == Feature::MVP || (Bits >> unsigned(F)) & 1;
  }
  void set(Feature F, bool On = true) {
    if (On)
      Bits |= uint32_t(1) << unsigned(F);
    else
      Bits &= ~(uint32_t(1) << unsigned(F));
  }
  bool operator==(const FeatureSet &O) const { return Bits == O.Bits; }

private:
  uint32_t Bits = 0;
};
/// Applies --enable-NAME (\p Enable) or --disable-NAME to \p S. NAME "all"
/// means every implemented feature. Errors name the problem: an unknown
/// feature, or enabling a proposal wasm2native does not implement.
llvm::Error applyFeatureOption(FeatureSet &S, llvm::StringRef Name,
                               bool Enable);

static_assert(unsigned(Feature::NumFeatures) <= 32, "FeatureSet is 32 bits");

} // namespace wasm2native

#endif
