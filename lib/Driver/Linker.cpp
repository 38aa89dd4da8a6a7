//===- Linker.cpp - Link executables with lld in process ------------------===//
#include "wasm2native/Driver/Linker.h"

#include "lld/Common/Driver.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/VersionTuple.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"
#include <optional>

LLD_HAS_DRIVER(elf)

using namespace llvm;
using namespace wasm2native;

static std::string joinPath(StringRef A, StringRef B) {
  SmallString<256> P(A);
  sys::path::append(P, B);
  return std::string(P);
}

static bool isFile(const Twine &P) { return sys::fs::is_regular_file(P); }

/// Newest `<Base>/<version>` directory holding crtbeginS.o, compared as
/// version numbers so that 12 beats 9.
static std::optional<std::string> findNewestGCC(StringRef Base) {
  std::error_code EC;
  std::optional<std::string> Best;
  VersionTuple BestVersion;
  for (sys::fs::directory_iterator I(Base, EC), E; I != E && !EC;
       I.increment(EC)) {
    StringRef Name = sys::path::filename(I->path());
    VersionTuple V;
    if (V.tryParse(Name) || !isFile(joinPath(I->path(), "crtbeginS.o")))
      continue;
    if (!Best || V > BestVersion) {
      Best = I->path();
      BestVersion = V;
    }
  }
  return Best;
}

namespace {
/// Where one architecture's pieces are on Debian (and, for x86-64, the
/// lib64 layouts of Fedora and SUSE).
struct ArchLayout {
  Triple::ArchType Arch;
  const char *Triple;
  const char *Emulation;
  const char *DynamicLinker;
  std::vector<const char *> GCCBases;
  std::vector<const char *> LibDirs;
};
} // namespace

static const ArchLayout *layoutFor(Triple::ArchType Arch) {
  static const ArchLayout Layouts[] = {
      {Triple::x86_64,
       "x86_64-linux-gnu",
       "elf_x86_64",
       "/lib64/ld-linux-x86-64.so.2",
       {"/usr/lib/gcc/x86_64-linux-gnu", "/usr/lib/gcc/x86_64-pc-linux-gnu",
        "/usr/lib/gcc/x86_64-redhat-linux", "/usr/lib64/gcc/x86_64-suse-linux",
        "/usr/lib/gcc/x86_64-suse-linux", "/usr/lib/gcc-cross/x86_64-linux-gnu"},
       {"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64",
        "/lib64", "/usr/lib", "/lib", "/usr/x86_64-linux-gnu/lib"}},
      {Triple::aarch64,
       "aarch64-linux-gnu",
       "aarch64linux",
       "/lib/ld-linux-aarch64.so.1",
       {"/usr/lib/gcc/aarch64-linux-gnu", "/usr/lib/gcc-cross/aarch64-linux-gnu"},
       {"/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu",
        "/usr/aarch64-linux-gnu/lib"}},
      {Triple::riscv64,
       "riscv64-linux-gnu",
       "elf64lriscv",
       "/lib/ld-linux-riscv64-lp64d.so.1",
       {"/usr/lib/gcc/riscv64-linux-gnu", "/usr/lib/gcc-cross/riscv64-linux-gnu"},
       {"/usr/lib/riscv64-linux-gnu", "/lib/riscv64-linux-gnu",
        "/usr/riscv64-linux-gnu/lib"}},
  };
  for (const ArchLayout &L : Layouts)
    if (L.Arch == Arch)
      return &L;
  return nullptr;
}

Expected<LinuxLinkEnvironment>
wasm2native::findLinuxLinkEnvironment(StringRef TripleStr, StringRef Sysroot) {
  LinuxLinkEnvironment Env;
  auto Root = [&](StringRef P) { return (Sysroot + P).str(); };
  Triple T(TripleStr);
  const ArchLayout *L = layoutFor(T.getArch());
  if (!L || !T.isOSLinux())
    return createStringError(
        inconvertibleErrorCode(),
        "linking executables is supported for x86_64, aarch64 and riscv64 "
        "Linux, not '" +
            TripleStr + "' (-c still writes an object)");
  Env.Emulation = L->Emulation;
  Env.DynamicLinker = L->DynamicLinker;
  Triple Host(sys::getProcessTriple());
  if (T.getArch() != Host.getArch())
    Env.RuntimeSubdir = L->Triple;
  const std::vector<const char *> &GCCBases = L->GCCBases;
  const std::vector<const char *> &LibDirs = L->LibDirs;
  std::string Hint = T.getArch() == Host.getArch()
                         ? "install the libgcc development package (e.g. "
                           "libgcc-12-dev)"
                         : std::string("install libgcc-12-dev-") +
                               (T.getArch() == Triple::aarch64 ? "arm64"
                                                               : "riscv64") +
                               "-cross";
  std::string LibcHint = T.getArch() == Host.getArch()
                             ? "install the C library development package "
                               "(e.g. libc6-dev)"
                             : std::string("install libc6-dev-") +
                                   (T.getArch() == Triple::aarch64 ? "arm64"
                                                                   : "riscv64") +
                                   "-cross";

  for (const char *Base : GCCBases)
    if (std::optional<std::string> Dir = findNewestGCC(Root(Base))) {
      Env.GCCDir = *Dir;
      break;
    }
  if (Env.GCCDir.empty())
    return createStringError(
        inconvertibleErrorCode(),
        "cannot find a GCC installation (crtbeginS.o) for " + TripleStr +
            " under " + Root(GCCBases.front()) + "; " + Hint);

  for (const char *Dir : LibDirs) {
    std::string D = Root(Dir);
    if (!sys::fs::is_directory(D))
      continue;
    if (Env.CRTDir.empty() && isFile(joinPath(D, "Scrt1.o")))
      Env.CRTDir = D;
    Env.LibDirs.push_back(D);
  }
  if (Env.CRTDir.empty())
    return createStringError(
        inconvertibleErrorCode(),
        "cannot find Scrt1.o for " + TripleStr + " in " +
            Root(LibDirs.front()) + " or the other library directories; " +
            LibcHint);
  for (StringRef F : {"crti.o", "crtn.o"})
    if (!isFile(joinPath(Env.CRTDir, F)))
      return createStringError(inconvertibleErrorCode(),
                               "cannot find " + F + " next to " +
                                   joinPath(Env.CRTDir, "Scrt1.o"));
  if (!isFile(joinPath(Env.GCCDir, "crtendS.o")))
    return createStringError(inconvertibleErrorCode(),
                             "cannot find crtendS.o in " + Env.GCCDir);
  return Env;
}

Expected<std::string> wasm2native::findRuntimeLibrary(StringRef DriverPath,
                                                     StringRef Subdir) {
  // Relative to the binary, not to a configured prefix, so that the build
  // tree and any installed copy each find their own runtime.
  SmallString<256> P(sys::path::parent_path(DriverPath));
  sys::path::append(P, "..", "lib", "wasm2native");
  if (!Subdir.empty())
    sys::path::append(P, Subdir);
  sys::path::append(P, "libwasm2native-rt.a");
  sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  if (!isFile(P))
    return createStringError(inconvertibleErrorCode(),
                             "cannot find the wasm2native runtime: '" + P +
                                 "' does not exist");
  return std::string(P);
}

std::vector<std::string>
wasm2native::buildLinkCommand(const LinuxLinkEnvironment &Env,
                              const LinkOptions &Opts) {
  // -static: static-pie where glibc has its start file (rcrt1.o; x86-64 and
  // aarch64), else a classic static executable (riscv64).
  bool StaticPIE = Opts.Static && isFile(joinPath(Env.CRTDir, "rcrt1.o"));
  bool PIE = (!Opts.Static || StaticPIE) && !Opts.Shared;
  std::vector<std::string> A = {"ld.lld", "-m", Env.Emulation};
  if (Opts.Static)
    A.push_back("-static");
  if (PIE)
    A.push_back("-pie");
  if (Opts.Shared) {
    A.push_back("-shared");
    if (!Opts.SOName.empty())
      A.push_back("-soname=" + Opts.SOName);
    // Only the module's API (default visibility in its object) is
    // exported; the runtime and libgcc stay inside. -z defs: the library
    // must be complete, as dlopen() would only find out later.
    for (const char *F : {"--exclude-libs=ALL", "-z", "nodelete", "-z", "defs"})
      A.push_back(F);
  }
  if (StaticPIE)
    for (const char *F : {"--no-dynamic-linker", "-z", "text"})
      A.push_back(F);
  for (const char *F : {"-z", "relro", "-z", "now", "-z", "noexecstack"})
    A.push_back(F);
  // RELR: the descriptor's pointers are relative relocations; packed they
  // take a few hundred bytes instead of 24 each. (A static-pie relocates
  // itself with glibc's own code, which knows RELR too.)
  if (PIE || Opts.Shared)
    for (const char *F : {"-z", "pack-relative-relocs"})
      A.push_back(F);
  for (const char *F : {"--gc-sections", "--hash-style=gnu", "--build-id",
                        "--eh-frame-hdr"})
    A.push_back(F);
  if (!Opts.Static && !Opts.Shared) {
    A.push_back("-dynamic-linker");
    A.push_back(Env.DynamicLinker);
  }
  A.push_back("-o");
  A.push_back(Opts.Output);
  const char *Start = StaticPIE ? "rcrt1.o" : Opts.Static ? "crt1.o" : "Scrt1.o";
  const char *Begin = Opts.Static && !StaticPIE ? "crtbeginT.o" : "crtbeginS.o";
  const char *End = Opts.Static && !StaticPIE ? "crtend.o" : "crtendS.o";
  if (!Opts.Shared) // a library has no entry point
    A.push_back(joinPath(Env.CRTDir, Start));
  A.push_back(joinPath(Env.CRTDir, "crti.o"));
  A.push_back(joinPath(Env.GCCDir, Begin));
  A.push_back("-L" + Env.GCCDir);
  for (const std::string &D : Env.LibDirs)
    A.push_back("-L" + D);
  A.insert(A.end(), Opts.Objects.begin(), Opts.Objects.end());
  // The runtime holds main(), which refers to the module descriptor in the
  // objects above.
  A.push_back(Opts.RuntimeLibrary);
  if (Opts.Static) {
    // libc, libm and libgcc refer to each other; as gcc -static links them.
    for (const char *L :
         {"--start-group", "-lm", "-lgcc", "-lgcc_eh", "-lc", "--end-group"})
      A.push_back(L);
  } else {
    // Code built for the baseline x86-64 calls libm for floor/ceil/trunc/
    // nearest; only record the dependency when something uses it.
    for (const char *L : {"--as-needed", "-lm", "--no-as-needed"})
      A.push_back(L);
    // libgcc around libc, as gcc and clang link it.
    for (const char *L :
         {"-lgcc", "--as-needed", "-lgcc_s", "--no-as-needed", "-lc", "-lgcc",
          "--as-needed", "-lgcc_s", "--no-as-needed"})
      A.push_back(L);
  }
  A.push_back(joinPath(Env.GCCDir, End));
  A.push_back(joinPath(Env.CRTDir, "crtn.o"));
  return A;
}

void wasm2native::printCommand(raw_ostream &OS, ArrayRef<std::string> Args) {
  for (const std::string &A : Args) {
    OS << ' ';
    sys::printArg(OS, A, /*Quote=*/true);
  }
  OS << '\n';
}

Error wasm2native::runLLD(ArrayRef<std::string> Args) {
  std::vector<const char *> Argv;
  for (const std::string &A : Args)
    Argv.push_back(A.c_str());
  lld::Result R =
      lld::lldMain(Argv, outs(), errs(), {{lld::Gnu, &lld::elf::link}});
  outs().flush();
  if (R.retCode != 0)
    return createStringError(inconvertibleErrorCode(),
                             "linker command failed with exit code " +
                                 Twine(R.retCode));
  return Error::success();
}
