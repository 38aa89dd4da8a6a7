//===- Opcodes.cpp - The instruction table and the feature names ----------===//

#include "wasm2native/Reader/Opcodes.h"
#include "llvm/ADT/StringSwitch.h"
#include <algorithm>
#include <iterator>

using namespace llvm;

namespace wasm2native {

namespace {
struct TableEntry {
  uint32_t Code;
  OpcodeInfo Info;
};

// Sorted by Code (the table is written in encoding order, which the
// static_assert below checks), so lookups are binary searches.
constexpr TableEntry Table[] = {
#define WASM_OPCODE(Name, Prefix, Code, Text, Imm, Sig, Family, Feat, Bytes,   \
                    Shape)                                                     \
  {opcodeValue(Prefix, Code),                                                  \
   {Text, ImmKind::Imm, Sig, OpFamily::Family, Feature::Feat, Bytes,           \
    LaneShape::Shape}},
#include "wasm2native/Reader/Opcodes.def"
};

constexpr bool isSorted() {
  for (size_t I = 1; I < std::size(Table); ++I)
    if (Table[I - 1].Code >= Table[I].Code)
      return false;
  return true;
}
static_assert(isSorted(), "Opcodes.def must be in encoding order");

/// Families whose instructions the validator types from the Sig column
/// alone must give every instruction a signature.
constexpr bool genericFamiliesHaveSignatures() {
  for (const TableEntry &E : Table) {
    bool Generic = E.Info.Family == OpFamily::Numeric ||
                   E.Info.Family == OpFamily::Conversion ||
                   E.Info.Family == OpFamily::SIMD;
    if (Generic && E.Info.Sig[0] == '*')
      return false;
  }
  return true;
}
static_assert(genericFamiliesHaveSignatures(),
              "numeric, conversion and SIMD instructions need a signature");
} // namespace

const OpcodeInfo *lookupOpcode(uint32_t Code) {
  const TableEntry *E = std::lower_bound(
      std::begin(Table), std::end(Table), Code,
      [](const TableEntry &E, uint32_t C) { return E.Code < C; });
  if (E == std::end(Table) || E->Code != Code)
    return nullptr;
  return &E->Info;
}

const OpcodeInfo &opcodeInfo(Opcode Op) {
  const OpcodeInfo *Info = lookupOpcode(uint32_t(Op));
  assert(Info && "not an instruction of the table");
  return *Info;
}

StringRef featureName(Feature F) {
  switch (F) {
  case Feature::MVP:
    return "mvp";
#define WASM_FEATURE(Name, Text, Default, Implemented)                         \
  case Feature::Name:                                                          \
    return Text;
#include "wasm2native/Reader/Features.def"
  case Feature::NumFeatures:
    break;
  }
  return "<unknown>";
}

std::optional<Feature> parseFeatureName(StringRef Name) {
#define WASM_FEATURE(FeatureName, Text, Default, Implemented)                  \
  if (Name == Text)                                                            \
    return Feature::FeatureName;
#include "wasm2native/Reader/Features.def"
  return std::nullopt;
}

bool isFeatureImplemented(Feature F) {
  switch (F) {
  case Feature::MVP:
    return true;
#define WASM_FEATURE(Name, Text, Default, Implemented)                         \
  case Feature::Name:                                                          \
    return Implemented;
#include "wasm2native/Reader/Features.def"
  case Feature::NumFeatures:
    break;
  }
  return false;
}

FeatureSet FeatureSet::defaults() {
  FeatureSet S;
#define WASM_FEATURE(Name, Text, Default, Implemented)                         \
  S.set(Feature::Name, Default && Implemented);
#include "wasm2native/Reader/Features.def"
  return S;
}

Error applyFeatureOption(FeatureSet &S, StringRef Name, bool Enable) {
  if (Name == "all") {
    for (unsigned F = 1; F < unsigned(Feature::NumFeatures); ++F)
      if (isFeatureImplemented(Feature(F)))
        S.set(Feature(F), Enable);
    return Error::success();
  }
  std::optional<Feature> F = parseFeatureName(Name);
  if (!F)
    return createStringError(std::errc::invalid_argument,
                             "unknown WebAssembly feature '%s'",
                             Name.str().c_str());
  if (Enable && !isFeatureImplemented(*F))
    return createStringError(std::errc::not_supported,
                             "the WebAssembly '%s' proposal is not "
                             "supported yet",
                             Name.str().c_str());
  S.set(*F, Enable);
  return Error::success();
}

} // namespace wasm2native
