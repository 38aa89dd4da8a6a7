//===- wasm2native-spec.cpp - Official spec test suite runner -------------===//
//
// Usage: wasm2native-spec [-O0|-O2] [-j N] [--filter NAME] SUITE_DIR
//
// Runs every NAME/NAME.json script below SUITE_DIR (wast2json output). Each
// script runs in a child process (this program with --script), so a crash
// in one costs only that script's remaining commands, and -j runs several
// at once. Prints one line per script, each failing command (each skipped
// one too with -v), a line `spec: skipped: CATEGORY N, ...` counting the
// skips by the proposal they need (see SpecRunner.cpp) and a final
// `spec: N passed, M failed, K skipped`. A missing SUITE_DIR is reported as
// skipped with exit status 0, as a distro build has no suite.
//
//===----------------------------------------------------------------------===//
#include "SpecRunner.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <thread>

using namespace llvm;
using namespace wasm2native;

static cl::OptionCategory SpecCat("wasm2native-spec options");
static cl::opt<std::string> SuiteDir(cl::Positional, cl::desc("<suite dir>"),
                                     cl::cat(SpecCat));
static cl::opt<char> OptLevelFlag("O", cl::desc("Optimisation level (0-3)"),
                                  cl::Prefix, cl::init('2'), cl::cat(SpecCat));
static cl::opt<unsigned> Jobs("j", cl::desc("Scripts to run in parallel"),
                              cl::Prefix, cl::init(1), cl::cat(SpecCat));
static cl::list<std::string>
    Filter("filter", cl::desc("Run only these scripts (by name)"),
           cl::cat(SpecCat));
static cl::opt<bool> Verbose("v", cl::desc("List the skipped commands too"),
                             cl::cat(SpecCat));
static cl::opt<std::string>
    Script("script", cl::desc("Run one script in this process (internal)"),
           cl::Hidden, cl::cat(SpecCat));
static cl::opt<bool> SkipUnsupported(
    "skip-unsupported",
    cl::desc("Count modules that do not compile (features beyond Wasm 2.0) "
             "and the commands on them as skipped (for proposals/, wasm-3.0/)"),
    cl::cat(SpecCat));

static cl::opt<BoundsChecks> Bounds(
    "fbounds-checks", cl::desc("How memory accesses are checked"),
    cl::init(BoundsChecks::Guard),
    cl::values(clEnumValN(BoundsChecks::Guard, "guard",
                          "guard pages, volatile accesses (default)"),
               clEnumValN(BoundsChecks::Explicit, "explicit",
                          "explicit compares"),
               clEnumValN(BoundsChecks::Inexact, "inexact",
                          "guard pages, plain accesses (not spec-exact)")),
    cl::cat(SpecCat));

static cl::list<std::string>
    EnableFeatures("enable", cl::CommaSeparated, cl::value_desc("feature"),
                   cl::desc("Enable WebAssembly features ('all' for every "
                            "implemented one)"),
                   cl::cat(SpecCat));
static cl::list<std::string>
    DisableFeatures("disable", cl::CommaSeparated, cl::value_desc("feature"),
                    cl::desc("Disable WebAssembly features"),
                    cl::cat(SpecCat));

/// The default features with --enable/--disable applied in that order.
static Expected<FeatureSet> features() {
  FeatureSet S = FeatureSet::defaults();
  for (const std::string &F : EnableFeatures)
    if (Error E = applyFeatureOption(S, F, true))
      return std::move(E);
  for (const std::string &F : DisableFeatures)
    if (Error E = applyFeatureOption(S, F, false))
      return std::move(E);
  return S;
}

static OptLevel optLevel() {
  switch (OptLevelFlag) {
  case '0':
    return OptLevel::O0;
  case '1':
    return OptLevel::O1;
  case '3':
    return OptLevel::O3;
  default:
    return OptLevel::O2;
  }
}

namespace {
struct ScriptJob {
  std::string Name;
  std::string Json;
  SmallString<128> OutFile;
  sys::ProcessInfo PI;
};

struct Totals {
  unsigned Passed = 0, Failed = 0, Skipped = 0;
  /// Skips by category: the proposal a command needs, "text-format", ...
  std::map<std::string, unsigned> SkippedBy;
};
} // namespace

/// Reads a child's PASS/SKIP/FAIL lines, prints the script's summary line
/// and its failures, and counts commands the child never reported (it
/// crashed) as failed.
static void collect(ScriptJob &J, int ExitCode, Totals &T) {
  unsigned P = 0, F = 0, S = 0;
  std::vector<std::string> Failures, Skips;
  if (auto Buf = MemoryBuffer::getFile(J.OutFile)) {
    SmallVector<StringRef, 0> Lines;
    (*Buf)->getBuffer().split(Lines, '\n', -1, false);
    for (StringRef L : Lines) {
      if (L == "PASS")
        ++P;
      else if (L.consume_front("SKIP")) {
        // SKIP <category> <file>:<line>: <why>
        ++S;
        StringRef Category = L.ltrim().split(' ').first;
        ++T.SkippedBy[Category.empty() ? "unclassified" : Category.str()];
        if (Verbose)
          Skips.push_back(("skipped: " + L.ltrim()).str());
      } else if (L.starts_with("FAIL ")) {
        ++F;
        Failures.push_back(L.drop_front(5).str());
      } else if (!L.empty())
        Failures.push_back(("note: " + L).str());
    }
  }
  sys::fs::remove(J.OutFile);
  unsigned Total = countSpecCommands(J.Json);
  if (P + F + S < Total) {
    Failures.push_back((J.Name + ": runner exited with status " +
                        Twine(ExitCode) + " after " + Twine(P + F + S) +
                        " of " + Twine(Total) + " commands")
                           .str());
    F += Total - (P + F + S);
  }
  outs() << (F ? "failed " : "passed ") << J.Name << ": " << P << " passed, "
         << F << " failed, " << S << " skipped\n";
  for (const std::string &L : Failures)
    outs() << "  " << L << "\n";
  for (const std::string &L : Skips)
    outs() << "  " << L << "\n";
  outs().flush();
  T.Passed += P;
  T.Failed += F;
  T.Skipped += S;
}

static int runOneScript() {
  Expected<FeatureSet> Features = features();
  if (!Features) {
    errs() << "wasm2native-spec: error: " << toString(Features.takeError())
           << "\n";
    return 1;
  }
  SpecRunner R(Script, optLevel(), Bounds, *Features, outs(), SkipUnsupported);
  if (Error E = R.run()) {
    errs() << "wasm2native-spec: error: " << toString(std::move(E)) << "\n";
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(SpecCat);
  cl::ParseCommandLineOptions(argc, argv, "wasm2native spec-test runner\n");
  if (!Script.empty())
    return runOneScript();

  if (SuiteDir.empty() || !sys::fs::is_directory(SuiteDir)) {
    outs() << "spec: skipped: test suite directory '" << SuiteDir
           << "' not found (it comes from ../shared/wasm-spec-testsuite; a "
              "distribution build has none)\n";
    return 0;
  }

  std::vector<ScriptJob> All;
  std::error_code EC;
  for (sys::fs::directory_iterator It(SuiteDir, EC), End; It != End && !EC;
       It.increment(EC)) {
    StringRef Name = sys::path::filename(It->path());
    SmallString<256> Json(It->path());
    sys::path::append(Json, Name + ".json");
    if (!sys::fs::exists(Json))
      continue;
    if (!Filter.empty() &&
        std::find(Filter.begin(), Filter.end(), Name) == Filter.end())
      continue;
    All.push_back({Name.str(), Json.str().str(), {}, {}});
  }
  std::sort(All.begin(), All.end(), [](const ScriptJob &A, const ScriptJob &B) {
    return A.Name < B.Name;
  });
  if (All.empty()) {
    errs() << "wasm2native-spec: error: no scripts matched\n";
    return 1;
  }

  std::string Self = sys::fs::getMainExecutable(argv[0], (void *)&main);
  auto Start = std::chrono::steady_clock::now();
  Totals T;
  std::deque<ScriptJob *> Pending;
  for (ScriptJob &J : All)
    Pending.push_back(&J);
  std::vector<ScriptJob *> Running;
  unsigned MaxJobs = std::max(1u, unsigned(Jobs));
  while (!Pending.empty() || !Running.empty()) {
    while (!Pending.empty() && Running.size() < MaxJobs) {
      ScriptJob *J = Pending.front();
      Pending.pop_front();
      sys::fs::createTemporaryFile("w2n-spec-" + J->Name, "out", J->OutFile);
      std::string OLevel = std::string("-O") + char(OptLevelFlag);
      std::string BoundsArg =
          Bounds == BoundsChecks::Guard      ? "-fbounds-checks=guard"
          : Bounds == BoundsChecks::Explicit ? "-fbounds-checks=explicit"
                                             : "-fbounds-checks=inexact";
      SmallVector<StringRef, 8> Args{Self, "--script", J->Json, OLevel,
                                     BoundsArg};
      std::string EnableArg = "--enable=" + join(EnableFeatures, ",");
      std::string DisableArg = "--disable=" + join(DisableFeatures, ",");
      if (!EnableFeatures.empty())
        Args.push_back(EnableArg);
      if (!DisableFeatures.empty())
        Args.push_back(DisableArg);
      if (SkipUnsupported)
        Args.push_back("--skip-unsupported");
      std::optional<StringRef> Redirects[] = {StringRef(""),
                                              StringRef(J->OutFile.str()),
                                              StringRef(J->OutFile.str())};
      J->PI = sys::ExecuteNoWait(Self, Args, std::nullopt, Redirects);
      Running.push_back(J);
    }
    // Poll the children (the list is short), then nap briefly.
    bool Finished = false;
    for (auto It = Running.begin(); It != Running.end();) {
      sys::ProcessInfo Done = sys::Wait((*It)->PI, /*SecondsToWait=*/0);
      if (Done.Pid == 0) {
        ++It;
        continue;
      }
      collect(**It, Done.ReturnCode, T);
      It = Running.erase(It);
      Finished = true;
    }
    if (!Finished && !Running.empty())
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  double Secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  outs() << format("spec: time %.1f s at -O%c, -fbounds-checks=%s\n", Secs,
                   char(OptLevelFlag),
                   Bounds == BoundsChecks::Guard      ? "guard"
                   : Bounds == BoundsChecks::Explicit ? "explicit"
                                                      : "inexact");
  if (!T.SkippedBy.empty()) {
    // Most skipped first.
    std::vector<std::pair<std::string, unsigned>> By(T.SkippedBy.begin(),
                                                     T.SkippedBy.end());
    std::sort(By.begin(), By.end(), [](const auto &A, const auto &B) {
      return A.second != B.second ? A.second > B.second : A.first < B.first;
    });
    outs() << "spec: skipped:";
    for (size_t I = 0; I < By.size(); ++I)
      outs() << (I ? ", " : " ") << By[I].first << " " << By[I].second;
    outs() << "\n";
  }
  outs() << "spec: " << T.Passed << " passed, " << T.Failed << " failed, "
         << T.Skipped << " skipped\n";
  return T.Failed ? 1 : 0;
}
