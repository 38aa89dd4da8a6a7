//===- ModuleEmitterTest.cpp - Symbols, linkage and partitions ------------===//
#include "wasm2native/IRGen/IRGen.h"
#include "wasm2native/Reader/BinaryReader.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "gtest/gtest.h"

using namespace llvm;
using namespace wasm2native;

namespace {

// (module
//   (type (func (param i32 i32) (result i32)))
//   (import "wasi_snapshot_preview1" "sched_yield" (func (result i32)))
//   (func $helper (type 0) local.get 0 local.get 1 i32.add)
//   (func (export "add") (type 0) local.get 0 local.get 1 call $helper))
// (no name section: the export name names the function)
std::vector<uint8_t> addModule() {
  return {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
          // type: (i32 i32) -> i32, () -> i32
          0x01, 0x0b, 0x02, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x00,
          0x01, 0x7f,
          // import wasi_snapshot_preview1.sched_yield, type 1
          0x02, 0x26, 0x01, 0x16, 'w', 'a', 's', 'i', '_', 's', 'n', 'a', 'p',
          's', 'h', 'o', 't', '_', 'p', 'r', 'e', 'v', 'i', 'e', 'w', '1', 0x0b,
          's', 'c', 'h', 'e', 'd', '_', 'y', 'i', 'e', 'l', 'd', 0x00, 0x01,
          // function: two of type 0
          0x03, 0x03, 0x02, 0x00, 0x00,
          // export "add" = function 2
          0x07, 0x07, 0x01, 0x03, 'a', 'd', 'd', 0x00, 0x02,
          // code
          0x0a, 0x12, 0x02, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b,
          0x08, 0x00, 0x20, 0x00, 0x20, 0x01, 0x10, 0x01, 0x0b};
}

std::unique_ptr<Module> emit(const WasmModule &M, LLVMContext &Ctx,
                             const IRGenOptions &Opts) {
  auto LM = emitLLVMModule(M, Ctx, Opts, "test");
  EXPECT_TRUE(!!LM) << toString(LM.takeError());
  return LM ? std::move(*LM) : nullptr;
}

std::unique_ptr<WasmModule> load() {
  auto M = readWasmModule(addModule());
  EXPECT_TRUE(!!M) << toString(M.takeError());
  if (!M)
    return nullptr;
  EXPECT_FALSE(!!validateWasmModule(**M));
  return std::move(*M);
}

TEST(ModuleEmitterTest, ExecutableKeepsEverythingButTheDescriptorPrivate) {
  auto M = load();
  ASSERT_TRUE(M);
  LLVMContext Ctx;
  IRGenOptions Opts;
  Opts.Executable = true;
  auto LM = emit(*M, Ctx, Opts);
  ASSERT_TRUE(LM);
  llvm::Function *Add = LM->getFunction("wasm.add");
  ASSERT_NE(Add, nullptr);
  EXPECT_TRUE(Add->hasInternalLinkage());
  EXPECT_TRUE(LM->getFunction("wasm.function.1")->hasInternalLinkage());
  GlobalVariable *Desc = LM->getGlobalVariable("wasm2native_module");
  ASSERT_NE(Desc, nullptr);
  EXPECT_TRUE(Desc->hasExternalLinkage());
  // The WASI import is a direct call to the runtime's function.
  llvm::Function *Host = LM->getFunction("w2n_wasi_sched_yield");
  ASSERT_NE(Host, nullptr);
  EXPECT_TRUE(Host->isDeclaration());
  // No wasm function takes a libc name.
  EXPECT_EQ(LM->getFunction("add"), nullptr);
}

TEST(ModuleEmitterTest, ObjectFileExportsUnderThePrivatePrefix) {
  auto M = load();
  ASSERT_TRUE(M);
  LLVMContext Ctx;
  IRGenOptions Opts;
  Opts.Executable = false;
  auto LM = emit(*M, Ctx, Opts);
  ASSERT_TRUE(LM);
  EXPECT_TRUE(LM->getFunction("wasm.add")->hasExternalLinkage());
  EXPECT_TRUE(LM->getFunction("wasm.function.1")->hasInternalLinkage());
}

TEST(ModuleEmitterTest, PartitionsDefineTheirRangeAndShareHiddenSymbols) {
  auto M = load();
  ASSERT_TRUE(M);
  LLVMContext Ctx;
  IRGenOptions First, Second;
  First.Partitioned = Second.Partitioned = true;
  First.FirstFunction = 0;
  First.EndFunction = 1;
  Second.FirstFunction = 1;
  Second.EmitDescriptor = false;
  auto A = emit(*M, Ctx, First);
  auto B = emit(*M, Ctx, Second);
  ASSERT_TRUE(A && B);
  EXPECT_FALSE(A->getFunction("wasm.function.1")->isDeclaration());
  EXPECT_TRUE(A->getFunction("wasm.add")->isDeclaration());
  EXPECT_TRUE(B->getFunction("wasm.function.1")->isDeclaration());
  EXPECT_FALSE(B->getFunction("wasm.add")->isDeclaration());
  EXPECT_EQ(A->getFunction("wasm.function.1")->getVisibility(),
            GlobalValue::HiddenVisibility);
  EXPECT_NE(A->getGlobalVariable("wasm2native_module"), nullptr);
  EXPECT_EQ(B->getGlobalVariable("wasm2native_module"), nullptr);
}

} // namespace
