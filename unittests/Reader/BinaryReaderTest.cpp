//===- BinaryReaderTest.cpp - Reader and validator on tiny modules --------===//

#include "wasm2native/Reader/BinaryReader.h"
#include "wasm2native/Reader/WasmError.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace llvm;
using namespace wasm2native;

namespace {

using Bytes = std::vector<uint8_t>;

/// Assembles a module from sections given as (id, contents); sizes are
/// encoded as one-byte LEB128, which is enough for these tests.
Bytes module(std::initializer_list<std::pair<uint8_t, Bytes>> Sections) {
  Bytes B = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  for (const auto &[Id, Content] : Sections) {
    assert(Content.size() < 128);
    B.push_back(Id);
    B.push_back(uint8_t(Content.size()));
    B.insert(B.end(), Content.begin(), Content.end());
  }
  return B;
}

/// A code section with one function body (locals + instructions).
Bytes code(const Bytes &Body) {
  Bytes C = {0x01, uint8_t(Body.size())};
  for (uint8_t B : Body)
    C.push_back(B);
  return C;
}

// (type (func (param i32 i32) (result i32)))
const Bytes TypeI32I32ToI32 = {0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f};

/// Reads and validates; returns "" on success or the rendered diagnostic.
std::string diagnose(Bytes B) {
  std::string Out;
  raw_string_ostream OS(Out);
  Expected<std::unique_ptr<WasmModule>> M = readWasmModule(std::move(B));
  if (!M) {
    reportError(OS, "t.wasm", M.takeError());
    return Out;
  }
  if (Error E = validateWasmModule(**M))
    reportError(OS, "t.wasm", std::move(E));
  return Out;
}

TEST(BinaryReaderTest, AddFunction) {
  Bytes B = module({
      {1, TypeI32I32ToI32},
      {3, {0x01, 0x00}},
      {7, {0x01, 0x03, 'a', 'd', 'd', 0x00, 0x00}},
      // (local i64) local.get 0 local.get 1 i32.add end
      {10, code({0x01, 0x01, 0x7e, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b})},
      // name section: module "m", function 0 "add"
      {0,
       {0x04, 'n', 'a', 'm', 'e', 0x00, 0x02, 0x01, 'm', 0x01, 0x06, 0x01, 0x00,
        0x03, 'a', 'd', 'd'}},
  });
  Expected<std::unique_ptr<WasmModule>> MOrErr = readWasmModule(B);
  ASSERT_TRUE(bool(MOrErr)) << toString(MOrErr.takeError());
  WasmModule &M = **MOrErr;
  ASSERT_EQ(M.Types.size(), 1u);
  EXPECT_EQ(M.Types[0].Params.size(), 2u);
  ASSERT_EQ(M.Functions.size(), 1u);
  const Function &F = M.Functions[0];
  ASSERT_EQ(F.Locals.size(), 1u);
  EXPECT_EQ(F.Locals[0].Type, ValType::I64);
  ASSERT_EQ(F.Body.size(), 6u);
  EXPECT_EQ(F.Body.front(), 0x20);
  EXPECT_EQ(F.Body.back(), 0x0b);
  // The body's bytes live in the module's own storage at BodyOffset.
  EXPECT_EQ(F.Body.data(), M.Storage.data() + F.BodyOffset);
  ASSERT_EQ(M.Exports.size(), 1u);
  EXPECT_EQ(M.Exports[0].Name, "add");
  EXPECT_EQ(M.ModuleName, "m");
  EXPECT_EQ(M.functionName(0), "add");
  EXPECT_EQ(M.funcType(0), M.Types[0]);
  EXPECT_FALSE(bool(validateWasmModule(M)));
}

TEST(BinaryReaderTest, TypeMismatchDiagnostic) {
  // (func (result i32) f64.const 0 i32.const 1 i32.add)
  Bytes B = module({
      {1, {0x01, 0x60, 0x00, 0x01, 0x7f}},
      {3, {0x01, 0x00}},
      {10, code({0x00, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x41, 0x01, 0x6a, 0x0b})},
  });
  // Header 8 + type section 7 + function section 4 + code section id, size
  // and count 3 + body size 1 + locals 1 + f64.const 9 + i32.const 2 = 0x23.
  EXPECT_EQ(diagnose(B), "t.wasm:0x23: error: type mismatch in i32.add, "
                         "expected i32 but got f64\n");
}

TEST(BinaryReaderTest, UnknownLocalAndEmptyStack) {
  Bytes Sig = {0x01, 0x60, 0x00, 0x00};
  EXPECT_NE(diagnose(module({{1, Sig},
                             {3, {0x01, 0x00}},
                             {10, code({0x00, 0x20, 0x05, 0x0b})}}))
                .find("unknown local 5"),
            std::string::npos);
  EXPECT_NE(
      diagnose(
          module({{1, Sig}, {3, {0x01, 0x00}}, {10, code({0x00, 0x1a, 0x0b})}}))
          .find("type mismatch in drop"),
      std::string::npos);
  // After `unreachable` the stack is polymorphic: i32.add is fine.
  EXPECT_EQ(diagnose(module({{1, Sig},
                             {3, {0x01, 0x00}},
                             {10, code({0x00, 0x00, 0x6a, 0x1a, 0x0b})}})),
            "");
}

TEST(BinaryReaderTest, Malformed) {
  EXPECT_NE(diagnose({0x00, 0x61, 0x73}).find("unexpected end"),
            std::string::npos);
  EXPECT_NE(diagnose({0x00, 0x61, 0x73, 0x6e, 0x01, 0, 0, 0})
                .find("magic header not detected"),
            std::string::npos);
  EXPECT_NE(diagnose({0x00, 0x61, 0x73, 0x6d, 0x02, 0, 0, 0})
                .find("unknown binary version"),
            std::string::npos);
  // Function section without code section.
  EXPECT_NE(diagnose(module({{1, {0x01, 0x60, 0x00, 0x00}}, {3, {0x01, 0x00}}}))
                .find("function and code section have inconsistent lengths"),
            std::string::npos);
  // Sections out of order.
  EXPECT_NE(diagnose(module({{3, {0x00}}, {1, {0x00}}})).find("unexpected"),
            std::string::npos);
  // Unknown opcode in a body.
  EXPECT_NE(diagnose(module({{1, {0x01, 0x60, 0x00, 0x00}},
                             {3, {0x01, 0x00}},
                             {10, code({0x00, 0xff, 0x0b})}}))
                .find("illegal opcode"),
            std::string::npos);
  // Body without its final `end`.
  EXPECT_NE(diagnose(module({{1, {0x01, 0x60, 0x00, 0x00}},
                             {3, {0x01, 0x00}},
                             {10, code({0x00, 0x01})}}))
                .find("END opcode expected"),
            std::string::npos);
}

TEST(BinaryReaderTest, ConstExprs) {
  // (global i32 (i32.const 0) (i32.const 1) i32.div_s): not constant even
  // with extended-const, which allows only add, sub and mul.
  EXPECT_NE(
      diagnose(
          module({{6, {0x01, 0x7f, 0x00, 0x41, 0x00, 0x41, 0x01, 0x6d, 0x0b}}}))
          .find("constant expression required"),
      std::string::npos);
  // (global i32 (i32.const 0) (i64.const 1) i32.add): extended-const, typed
  // by the validator.
  EXPECT_NE(
      diagnose(
          module({{6, {0x01, 0x7f, 0x00, 0x41, 0x00, 0x42, 0x01, 0x6a, 0x0b}}}))
          .find("type mismatch in i32.add, expected i32 but got i64"),
      std::string::npos);
  // (global i32 (i64.const 0))
  EXPECT_NE(diagnose(module({{6, {0x01, 0x7f, 0x00, 0x42, 0x00, 0x0b}}}))
                .find("type mismatch"),
            std::string::npos);
  // (global (mut i32) (i32.const -1)) (global v128 (v128.const 0...))
  Bytes V128Global = {0x02, 0x7f, 0x01, 0x41, 0x7f,
                      0x0b, 0x7b, 0x00, 0xfd, 0x0c};
  V128Global.insert(V128Global.end(), 16, 0xab);
  V128Global.push_back(0x0b);
  Expected<std::unique_ptr<WasmModule>> M =
      readWasmModule(module({{6, V128Global}}));
  ASSERT_TRUE(bool(M)) << toString(M.takeError());
  EXPECT_FALSE(bool(validateWasmModule(**M)));
  ASSERT_EQ((*M)->Globals.size(), 2u);
  EXPECT_EQ((*M)->Globals[0].Init.K, ConstExpr::I32Const);
  EXPECT_EQ((*M)->Globals[0].Init.Bits, 0xffffffffu);
  EXPECT_EQ((*M)->Globals[1].Init.K, ConstExpr::V128Const);
  EXPECT_EQ((*M)->Globals[1].Init.V128[15], 0xab);
}

TEST(BinaryReaderTest, MalformedNameSectionIgnored) {
  // Function name subsection whose name runs past the subsection.
  Bytes B = module(
      {{1, {0x01, 0x60, 0x00, 0x00}},
       {3, {0x01, 0x00}},
       {10, code({0x00, 0x0b})},
       {0, {0x04, 'n', 'a', 'm', 'e', 0x01, 0x04, 0x01, 0x00, 0x09, 'f'}}});
  Expected<std::unique_ptr<WasmModule>> M = readWasmModule(B);
  ASSERT_TRUE(bool(M)) << toString(M.takeError());
  EXPECT_EQ((*M)->functionName(0), "");
}

TEST(BinaryReaderTest, ModuleLevelChecks) {
  EXPECT_NE(diagnose(module({{5, {0x02, 0x00, 0x01, 0x00, 0x01}}}))
                .find("multiple memories"),
            std::string::npos);
  EXPECT_NE(diagnose(module({{5, {0x01, 0x01, 0x02, 0x01}}}))
                .find("size minimum must not be greater than maximum"),
            std::string::npos);
  EXPECT_NE(diagnose(module({{5, {0x01, 0x00, 0x81, 0x80, 0x04}}}))
                .find("memory size must be at most 65536 pages (4GiB)"),
            std::string::npos);
  EXPECT_NE(
      diagnose(
          module({{1, {0x01, 0x60, 0x00, 0x00}},
                  {3, {0x01, 0x00}},
                  {7, {0x02, 0x01, 'f', 0x00, 0x00, 0x01, 'f', 0x00, 0x00}},
                  {10, code({0x00, 0x0b})}}))
          .find("duplicate export name"),
      std::string::npos);
}

} // namespace
