# lit configuration for the wasm2native test suite.
#
# Run through `ninja -C build check-wasm2native`, or directly:
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv build/test
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -v build/test/Run/hello.c
#
# Substitutions (see also README.md):
#   %w2n          the built driver, build/bin/wasm2native-driver
#   %wat2wasm     wabt's wat2wasm (1.0.32 enables all of Wasm 2.0 by default)
#   %wasi-cc      the build LLVM's clang --target=wasm32-wasi (utils/wasi-cc;
#                 Debian's wasi-libc sysroot)
#   %expect-exit  utils/lit/expect-exit.py STATUS CMD ARGS...
#   %node-wasi    node running a .wasm under node:wasi (reference outputs)
#   %opt, %llc    the build LLVM's opt and llc; %clang, %clangxx,
#                 %llvm-config, %FileCheck likewise; %clang19, %clang22
#                 name one version (for inputs that need that compiler)
#   %w2n-spec     the spec-script runner (a .wast through %wast2json first)
#   %host-cc, %host-cxx  clang/clang++ for an embedding host, with the
#                 runtime headers on the include path; link with %w2n-rt
#   %w2n-rt       the built runtime library, libwasm2native-rt.a
#   %run-aarch64, %run-riscv64  qemu-user with the cross sysroot (features
#                 run-aarch64, run-riscv64)
# FileCheck, not, count and the other LLVM tools are found through PATH
# (the build LLVM's bin directory comes first).
# Features: `node` when node is installed (use `%if node %{ ... %}`),
# `binaryen` when wasm-opt is;
# `wasi-grants` (on unless -Dwasi_grants=0), `setpriv` (see below).

import os
import shutil

import lit.formats
import lit.util

config.name = "wasm2native"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".wat", ".wast", ".c", ".cpp", ".test", ".ll"]
config.excludes = ["Inputs", "CMakeLists.txt", "README.md", "lit.cfg.py",
                   "lit.site.cfg.py", "lit.site.cfg.py.in"]

# The site config (generated into build/test) sets the paths; without it,
# fall back to the default layout so `lit test/` from a checkout works too.
src_root = getattr(config, "wasm2native_src_root", None) or \
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
obj_root = getattr(config, "wasm2native_obj_root", None) or \
    os.path.join(src_root, "build")
tools_dir = getattr(config, "wasm2native_tools_dir", None) or \
    os.path.join(obj_root, "bin")
llvm_tools_dir = getattr(config, "llvm_tools_dir", None) or "/usr/lib/llvm-19/bin"
# `lit -Dinstalled=PREFIX` tests an installed tree, as distributions run
# upstream tests: the driver, the runtimes and the headers come from PREFIX
# (cmake --install, or an unpacked package's usr/); the test-only tools
# (wasm2native-spec, the unit tests) still come from the build tree.
installed = lit_config.params.get("installed")
driver_dir = os.path.join(installed, "bin") if installed else tools_dir
runtime_root = os.path.join(installed, "lib", "wasm2native") if installed \
    else os.path.join(obj_root, "lib", "wasm2native")
if installed:
    lit_config.note("testing the installed tree in %s" % installed)
python = getattr(config, "python_executable", None) or "python3"

config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = os.path.join(obj_root, "test")

# A clean, predictable environment: the build LLVM's tools first, then ours.
config.environment["PATH"] = os.pathsep.join(
    [llvm_tools_dir, driver_dir, tools_dir, os.environ.get("PATH", "")])
for var in ["HOME", "TMPDIR", "TMP", "TEMP"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]
config.environment["LC_ALL"] = "C"
# `lit -Dno_openat2=1`: the WASI path calls resolve in user space, as on
# kernels (and qemu-user) without openat2.
if lit_config.params.get("no_openat2", "0") not in ("", "0"):
    config.environment["WASM2NATIVE_NO_OPENAT2"] = "1"
    lit_config.note("WASI paths resolved without openat2")


def find(tool, *fallbacks):
    for name in (tool,) + fallbacks:
        found = shutil.which(name, path=config.environment["PATH"])
        if found:
            return found
    return None


def add_tool(name, command):
    if command is None:
        lit_config.note("%s not found; tests using it will fail" % name)
        command = "false"  # fails with a clear 'false' in the RUN line
    config.substitutions.append((name, command))


utils = os.path.join(src_root, "utils", "lit")

# Longer names first: lit substitutes in order.
# utils/wasi-cc: clang --target=wasm32-wasi without binaryen's wasm-opt.
config.environment["WASM2NATIVE_LLVM_BIN"] = llvm_tools_dir
add_tool("%wasi-cc", os.path.join(src_root, "utils", "wasi-cc"))
add_tool("%wat2wasm", find("wat2wasm"))
add_tool("%wast2json", find("wast2json"))
config.substitutions.append(("%{obj_root}", obj_root))
add_tool("%w2n-spec", os.path.join(tools_dir, "wasm2native-spec"))
rt_include = os.path.join(installed, "include", "wasm2native") if installed \
    else os.path.join(src_root, "include", "wasm2native", "Runtime")
add_tool("%host-cxx", "%s -I%s" % (os.path.join(llvm_tools_dir, "clang++"), rt_include))
add_tool("%host-cc", "%s -I%s" % (os.path.join(llvm_tools_dir, "clang"), rt_include))
add_tool("%w2n-rt", os.path.join(runtime_root,
                                 "libwasm2native-rt.a") + " -lm")
add_tool("%w2n", os.path.join(driver_dir, "wasm2native-driver"))
add_tool("%expect-exit", "%s %s" % (python, os.path.join(utils, "expect-exit.py")))
add_tool("%opt", os.path.join(llvm_tools_dir, "opt"))
add_tool("%llvm-config", os.path.join(llvm_tools_dir, "llvm-config"))
# The flags a pass plugin is compiled with (lit's shell has no backquotes).
try:
    import subprocess
    llvm_cxxflags = subprocess.run(
        [os.path.join(llvm_tools_dir, "llvm-config"), "--cxxflags"],
        capture_output=True, text=True, check=True).stdout.strip()
except (OSError, subprocess.CalledProcessError):
    llvm_cxxflags = "-I%s -fno-rtti" % os.path.join(llvm_tools_dir, "..", "include")
config.substitutions.append(("%llvm-cxxflags", llvm_cxxflags))
add_tool("%clangxx", os.path.join(llvm_tools_dir, "clang++"))
add_tool("%clang19", find("clang-19"))
add_tool("%clang22", find("clang-22"))
add_tool("%clang", os.path.join(llvm_tools_dir, "clang"))
add_tool("%FileCheck", os.path.join(llvm_tools_dir, "FileCheck"))
add_tool("%llc", os.path.join(llvm_tools_dir, "llc"))

node = find("node", "nodejs")
if node:
    config.available_features.add("node")
    add_tool("%node-wasi", "%s --single-threaded --no-warnings %s" % (
        node, os.path.join(utils, "run-node-wasi.mjs")))
else:
    add_tool("%node-wasi", None)

# binaryen's wasm-opt: the differential test (test/Diff) makes its modules
# with it and uses its interpreter as the reference.
if find("wasm-opt"):
    config.available_features.add("binaryen")

# WASI grants given to the driver (--dir, --env, --inherit-env) reach the
# compiled program. On by default; `lit -Dwasi_grants=0` skips the tests
# that need them.
if lit_config.params.get("wasi_grants", "1") not in ("", "0"):
    config.available_features.add("wasi-grants")

# gdb for the debug-information tests (test/Debug).
if shutil.which("gdb"):
    config.available_features.add("gdb")

# perf for test/Debug/perf.test, if it may sample here (the software clock
# event also works in VMs without hardware counters).
if shutil.which("perf"):
    import subprocess
    if subprocess.call(["perf", "record", "-q", "-e", "cpu-clock", "-o",
                        os.devnull, "true"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL) == 0:
        config.available_features.add("perf")

# Debian's rustc with its wasm32-wasi standard library (rustc and
# libstd-rust-dev-wasm32, utils/install-deps.sh) for test/Debug's Rust
# program; a rustup rustc earlier in PATH may lack the target.
if os.path.isdir("/usr/lib/rustlib/wasm32-wasi/lib"):
    config.available_features.add("rust-wasi")
    add_tool("%rustc-wasi", "/usr/bin/rustc --target wasm32-wasi")
else:
    add_tool("%rustc-wasi", None)

# Permission tests drop root's privileges with setpriv (root ignores file
# modes, so they would test nothing).
if shutil.which("setpriv"):
    config.available_features.add("setpriv")

# Cross targets: executables for aarch64/riscv64 run under qemu-user with
# Debian's cross C library as their root (-L). Available when qemu, the
# cross sysroot and the runtime built for the target are all there.
for arch in ("aarch64", "riscv64"):
    triple = arch + "-linux-gnu"
    qemu = shutil.which("qemu-" + arch)
    sysroot = "/usr/" + triple
    rt = os.path.join(runtime_root, triple, "libwasm2native-rt.a")
    if qemu and os.path.isdir(sysroot) and os.path.exists(rt):
        config.available_features.add("run-" + arch)
        config.substitutions.append(("%%run-%s" % arch, "%s -L %s" % (qemu, sysroot)))
    else:
        config.substitutions.append(("%%run-%s" % arch, "false"))

if not os.path.exists(os.path.join(driver_dir, "wasm2native-driver")):
    lit_config.note("%s does not exist yet: the tests that compile with "
                    "%%w2n will fail" % os.path.join(driver_dir, "wasm2native-driver"))
