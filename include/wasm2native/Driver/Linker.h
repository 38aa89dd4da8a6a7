//===- Linker.h - Link executables with lld in process ----------*- C++ -*-===//
//
// Finds what a Linux PIE (x86-64, AArch64 or RISC-V 64) needs (C runtime start files, libc, libgcc,
// the wasm2native runtime) and runs lld's ELF driver in this process.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_DRIVER_LINKER_H
#define WASM2NATIVE_DRIVER_LINKER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace wasm2native {

/// WASI capabilities granted on the command line, baked into the
/// executable (the symbol wasm2native_grants, read by the runtime).
struct WASIGrants {
  std::vector<std::string> Dirs;      // --dir=
  std::vector<std::string> Env;       // --env=NAME=VALUE
  bool InheritEnv = false;            // --inherit-env
  std::vector<std::string> TCPListen; // --tcplisten=
  /// All of them as `--name=value` words in command-line order: the order
  /// matters (a later grant wins).
  std::vector<std::string> Words;
  bool empty() const {
    return Dirs.empty() && Env.empty() && !InheritEnv && TCPListen.empty();
  }
};

/// Where the system pieces of a Linux link are, found the way clang's
/// Linux toolchain finds them.
struct LinuxLinkEnvironment {
  std::string CRTDir; ///< Scrt1.o, crti.o, crtn.o
  std::string GCCDir; ///< crtbeginS.o, crtendS.o, libgcc.a (newest GCC)
  std::vector<std::string> LibDirs; ///< -L directories, in search order
  std::string DynamicLinker = "/lib64/ld-linux-x86-64.so.2";
  std::string Emulation = "elf_x86_64"; ///< ld.lld -m
  /// The runtime's subdirectory of lib/wasm2native ("" for the host).
  std::string RuntimeSubdir;
};

/// Searches \p Sysroot ("" is the host's root) for a glibc and GCC
/// installation for \p Triple: the host's own, or Debian's cross packages
/// (libc6-dev-<arch>-cross, libgcc-12-dev-<arch>-cross) for another
/// architecture. Fails for a target it cannot link for.
llvm::Expected<LinuxLinkEnvironment>
findLinuxLinkEnvironment(llvm::StringRef Triple, llvm::StringRef Sysroot = "");

/// The runtime archive, located relative to the driver binary
/// \p DriverPath: `<bindir>/../lib/wasm2native/[<Subdir>/]libwasm2native-rt.a`.
llvm::Expected<std::string> findRuntimeLibrary(llvm::StringRef DriverPath,
                                               llvm::StringRef Subdir = "");

struct LinkOptions {
  std::string Output;
  std::vector<std::string> Objects;
  std::string RuntimeLibrary;
  WASIGrants Grants;
  /// -static: libc and libgcc linked in, no interpreter, no NEEDED entries
  /// (static-pie where the C library has rcrt1.o).
  bool Static = false;
  /// -shared: a shared library (soname: the output's file name) that
  /// exports only the module's typed API: the runtime's symbols are hidden
  /// (--exclude-libs), so libraries with their own runtime copy never bind
  /// to each other's, and it is never unloaded (-z nodelete), because the
  /// runtime's signal handlers may be chained from another copy's.
  bool Shared = false;
  std::string SOName;
};

/// The ld.lld command line (argv[0] included) linking \p Opts into a PIE
/// with full RELRO and a non-executable stack.
std::vector<std::string> buildLinkCommand(const LinuxLinkEnvironment &Env,
                                          const LinkOptions &Opts);

/// Prints \p Args like clang's -v / -### do: one line, each argument quoted.
void printCommand(llvm::raw_ostream &OS, llvm::ArrayRef<std::string> Args);

/// Runs lld's ELF driver in process on \p Args (Args[0] must name ld.lld).
/// lld reports its own diagnostics on stderr; the error only says it failed.
llvm::Error runLLD(llvm::ArrayRef<std::string> Args);

} // namespace wasm2native

#endif
