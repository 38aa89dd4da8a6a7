//===- Linker.cpp - Link executables with lld in process ------------------===//
#include "wasm2native/Driver/Linker.h"

#include "lld/Common/Driver.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/VersionTuple.h"
#include "llvm/Support/raw_ostream.h"
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

Expected<LinuxLinkEnvironment>
wasm2native::findLinuxLinkEnvironment(StringRef Sysroot) {
  LinuxLinkEnvironment Env;
  auto Root = [&](StringRef P) { return (Sysroot + P).str(); };

  // Debian's multiarch directories first, then the lib64 layout of Fedora
  // and SUSE.
  static const char *const GCCBases[] = {
      "/usr/lib/gcc/x86_64-linux-gnu", "/usr/lib/gcc/x86_64-pc-linux-gnu",
      "/usr/lib/gcc/x86_64-redhat-linux", "/usr/lib64/gcc/x86_64-suse-linux",
      "/usr/lib/gcc/x86_64-suse-linux"};
  static const char *const LibDirs[] = {"/usr/lib/x86_64-linux-gnu",
                                        "/lib/x86_64-linux-gnu",
                                        "/usr/lib64",
                                        "/lib64",
                                        "/usr/lib",
                                        "/lib"};

  for (const char *Base : GCCBases)
    if (std::optional<std::string> Dir = findNewestGCC(Root(Base))) {
      Env.GCCDir = *Dir;
      break;
    }
  if (Env.GCCDir.empty())
    return createStringError(
        inconvertibleErrorCode(),
        "cannot find a GCC installation (crtbeginS.o) under " +
            Root("/usr/lib/gcc/x86_64-linux-gnu") +
            "; install the libgcc development package (e.g. libgcc-12-dev)");

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
        "cannot find Scrt1.o in " + Root("/usr/lib/x86_64-linux-gnu") +
            " or the other library directories; install the C library "
            "development package (e.g. libc6-dev)");
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

Expected<std::string> wasm2native::findRuntimeLibrary(StringRef DriverPath) {
  // Relative to the binary, not to a configured prefix, so that the build
  // tree and any installed copy each find their own runtime.
  SmallString<256> P(sys::path::parent_path(DriverPath));
  sys::path::append(P, "..", "lib", "wasm2native", "libwasm2native-rt.a");
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
  std::vector<std::string> A = {"ld.lld",
                                "-m",
                                "elf_x86_64",
                                "-pie",
                                "-z",
                                "relro",
                                "-z",
                                "now",
                                "-z",
                                "noexecstack",
                                // RELR: the descriptor's pointers are
                                // relative relocations; packed they take
                                // a few hundred bytes instead of 24 each.
                                "-z",
                                "pack-relative-relocs",
                                "--gc-sections",
                                "--hash-style=gnu",
                                "--build-id",
                                "--eh-frame-hdr",
                                "-dynamic-linker",
                                Env.DynamicLinker,
                                "-o",
                                Opts.Output,
                                joinPath(Env.CRTDir, "Scrt1.o"),
                                joinPath(Env.CRTDir, "crti.o"),
                                joinPath(Env.GCCDir, "crtbeginS.o"),
                                "-L" + Env.GCCDir};
  for (const std::string &D : Env.LibDirs)
    A.push_back("-L" + D);
  A.insert(A.end(), Opts.Objects.begin(), Opts.Objects.end());
  // The runtime holds main(), which refers to the module descriptor in the
  // objects above.
  A.push_back(Opts.RuntimeLibrary);
  // Code built for the baseline x86-64 calls libm for floor/ceil/trunc/
  // nearest; only record the dependency when something uses it.
  for (const char *L : {"--as-needed", "-lm", "--no-as-needed"})
    A.push_back(L);
  // libgcc around libc, as gcc and clang link it.
  for (const char *L :
       {"-lgcc", "--as-needed", "-lgcc_s", "--no-as-needed", "-lc", "-lgcc",
        "--as-needed", "-lgcc_s", "--no-as-needed"})
    A.push_back(L);
  A.push_back(joinPath(Env.GCCDir, "crtendS.o"));
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
