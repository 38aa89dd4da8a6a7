//===- RuntimeJIT.cpp - An ORC JIT for modules run in this process --------===//
#include "RuntimeJIT.h"

#include "wasm2native/Runtime/wasm2native-embed.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"

using namespace llvm;

Expected<std::unique_ptr<orc::LLJIT>> wasm2native::createRuntimeJIT() {
  auto J = orc::LLJITBuilder().create();
  if (!J)
    return J.takeError();
  orc::LLJIT &JIT = **J;
  orc::MangleAndInterner Mangle(JIT.getExecutionSession(),
                                JIT.getDataLayout());
  orc::SymbolMap Runtime;
  auto Add = [&](const char *Name, void *Addr) {
    Runtime[Mangle(Name)] = {orc::ExecutorAddr::fromPtr(Addr),
                             JITSymbolFlags::Exported};
  };
  Add("w2n_trap", (void *)&w2n_trap);
  Add("w2n_memory_grow", (void *)&w2n_memory_grow);
  Add("w2n_memory_init", (void *)&w2n_memory_init);
  Add("w2n_memory_copy", (void *)&w2n_memory_copy);
  Add("w2n_memory_fill", (void *)&w2n_memory_fill);
  Add("w2n_data_drop", (void *)&w2n_data_drop);
  Add("w2n_elem_segment_init", (void *)&w2n_elem_segment_init);
  Add("w2n_table_init", (void *)&w2n_table_init);
  Add("w2n_elem_drop", (void *)&w2n_elem_drop);
  Add("w2n_table_copy", (void *)&w2n_table_copy);
  Add("w2n_table_grow", (void *)&w2n_table_grow);
  Add("w2n_table_fill", (void *)&w2n_table_fill);
  Add("w2n_trap_undefined_element", (void *)&w2n_trap_undefined_element);
  Add("w2n_trap_uninitialized_element",
      (void *)&w2n_trap_uninitialized_element);
  Add("w2n_trap_indirect_call_type_mismatch",
      (void *)&w2n_trap_indirect_call_type_mismatch);
  orc::JITDylib &Main = JIT.getMainJITDylib();
  if (Error E = Main.define(orc::absoluteSymbols(std::move(Runtime))))
    return std::move(E);
  auto Process = orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
      JIT.getDataLayout().getGlobalPrefix());
  if (!Process)
    return Process.takeError();
  Main.addGenerator(std::move(*Process));
  return std::move(*J);
}
