include "llvm/Option/OptParser.td"

// Options spelled with a single dash, as clang spells them.
class F<string name> : Flag<["-"], name>;
class J<string name> : Joined<["-"], name>;
// Long options; "--name value" and "--name=value" both work.
multiclass Eq<string name, string help> {
  def NAME : Separate<["--"], name>;
  def NAME # _eq : Joined<["--"], name # "=">, Alias<!cast<Separate>(NAME)>,
                   HelpText<help>;
}

// --help lists the options by these groups, as clang does.
def grp_output : OptionGroup<"output">, HelpText<"OUTPUT">;
def grp_codegen : OptionGroup<"codegen">, HelpText<"CODE GENERATION">;
def grp_opt : OptionGroup<"opt">, Group<grp_codegen>, HelpText<"CODE GENERATION">;
def grp_llvm : OptionGroup<"llvm">, HelpText<"LLVM PASSES AND OPTIONS">;
def grp_debug : OptionGroup<"debug">, HelpText<"DEBUGGING AND TIMING">;
def grp_wasi : OptionGroup<"wasi">, HelpText<"WASI GRANTS (baked into the executable)">;
def grp_general : OptionGroup<"general">, HelpText<"GENERAL">;

def o : JoinedOrSeparate<["-"], "o">, MetaVarName<"<file>">,
  HelpText<"Write output to <file> ('-' for standard output)">, Group<grp_output>;
def c : F<"c">, HelpText<"Compile to an object file, do not link">, Group<grp_output>;
def S : F<"S">, HelpText<"Compile to assembly, do not link">, Group<grp_output>;
def header : Flag<["--"], "header">, Group<grp_output>,
  HelpText<"With -c, also write a typed C/C++ header for the module "
           "(<output stem>.h)">;
def header_eq : Joined<["--"], "header=">, Group<grp_output>,
  MetaVarName<"<file>">, HelpText<"With -c, write the typed header to <file>">;
def module_name : Joined<["--"], "module-name=">, Group<grp_output>,
  MetaVarName<"<name>">,
  HelpText<"C prefix of the header's names and of the module descriptor "
           "symbol (<name>_module; default: the input's file stem)">;
def shared : F<"shared">, Group<grp_output>,
  HelpText<"Link a shared library exporting the module's typed C API (the "
           "NAME_* functions of --header), with the runtime linked in and "
           "hidden">;
def static : F<"static">, Group<grp_output>,
  HelpText<"Link the C library in: an executable with no interpreter and "
           "no shared-library dependencies (static-pie where possible)">;
def emit_llvm : F<"emit-llvm">,
  HelpText<"Emit LLVM IR: bitcode with -c, text with -S">, Group<grp_output>;

def O : J<"O">, Group<grp_opt>, MetaVarName<"<level>">,
  HelpText<"Optimisation level: 0, 1, 2 (default), 3, s or z">;
def O_flag : F<"O">, Group<grp_opt>, Alias<O>, AliasArgs<["1"]>;

def target : Joined<["--"], "target=">, MetaVarName<"<triple>">,
  HelpText<"Generate code for <triple>">, Group<grp_codegen>;
def target_legacy : Separate<["-"], "target">, Alias<target>, Flags<[HelpHidden]>, Group<grp_codegen>;
def mcpu : J<"mcpu=">, MetaVarName<"<cpu>">,
  HelpText<"Target CPU (default: the architecture baseline, e.g. x86-64; "
           "'native' for the host)">, Group<grp_codegen>;
def mattr : J<"mattr=">, MetaVarName<"<features>">,
  HelpText<"Extra target features, e.g. +avx2,-sse4a">, Group<grp_codegen>;
def fbounds_checks : J<"fbounds-checks=">,
  MetaVarName<"guard|explicit|inexact">,
  HelpText<"How out-of-bounds memory accesses trap: guard pages (default), "
           "explicit compares (no 8 GiB reservation), or guard pages with "
           "plain accesses (faster, NOT spec-exact: traps may be lost)">, Group<grp_codegen>;
def enable_feature : Joined<["--"], "enable-">, MetaVarName<"<feature>">,
  HelpText<"Accept modules that use this WebAssembly proposal (its standard "
           "name, e.g. tail-call; 'all' for every implemented one)">,
  Group<grp_codegen>;
def disable_feature : Joined<["--"], "disable-">, MetaVarName<"<feature>">,
  HelpText<"Reject modules that use this WebAssembly proposal (e.g. simd)">,
  Group<grp_codegen>;
def mllvm : Separate<["-"], "mllvm">, MetaVarName<"<arg>">,
  HelpText<"Pass <arg> to LLVM's option processing, as clang does">, Group<grp_llvm>;
def mllvm_eq : J<"mllvm=">, Alias<mllvm>, Flags<[HelpHidden]>, Group<grp_llvm>;
def fpass_plugin : J<"fpass-plugin=">, MetaVarName<"<dsopath>">,
  HelpText<"Load an LLVM pass plugin and let it register passes">, Group<grp_llvm>;
def passes : J<"passes=">, MetaVarName<"<pipeline>">,
  HelpText<"Run this new-pass-manager pipeline (opt's syntax) instead of "
           "the -O<level> one">, Group<grp_llvm>;
def print_pipeline_passes : F<"print-pipeline-passes">,
  HelpText<"Print the optimisation pipeline in -passes= syntax and stop">, Group<grp_llvm>;
def g_flag : F<"g">, Group<grp_debug>,
  HelpText<"Emit DWARF line tables mapping the code to the wasm functions "
           "and byte offsets of the input">;
def g0 : F<"g0">, Group<grp_debug>, HelpText<"No debug information (default)">;
def time_passes : F<"time-passes">,
  HelpText<"Time each LLVM pass and report at exit">, Group<grp_debug>;
def ftime_report : F<"ftime-report">,
  HelpText<"Report the time of each stage (read, validate, IR generation, "
           "optimisation, code generation, link) and of each pass">, Group<grp_debug>;
def save_temps : Flag<["--", "-"], "save-temps">,
  HelpText<"Keep the IR before (.irgen.ll) and after (.opt.ll) optimisation "
           "and the object (.o) next to the output">, Group<grp_output>;

defm threads : Eq<"threads", "Compile big modules in partitions on up to "
  "<n> threads (default: all cores)">, MetaVarName<"<n>">, Group<grp_codegen>;

def partition_size : Joined<["--"], "partition-size=">, MetaVarName<"<bytes>">,
  Flags<[HelpHidden]>,
  HelpText<"Wasm code bytes per partition of a big module (default 131072)">, Group<grp_codegen>;

def v : F<"v">, HelpText<"Show the link command line">, Group<grp_debug>;
def hash_hash_hash : F<"###">, HelpText<"Print the link command line without running it">, Group<grp_debug>;
def help : Flag<["--", "-"], "help">, HelpText<"Display available options">, Group<grp_general>;
def version : Flag<["--"], "version">, HelpText<"Display the version">, Group<grp_general>;

defm dir : Eq<"dir", "Grant the program access to the host directory <dir>">,
  MetaVarName<"<dir>">, Group<grp_wasi>;
defm env : Eq<"env", "Set NAME=VALUE in the program's environment">,
  MetaVarName<"<NAME=VALUE>">, Group<grp_wasi>;
def inherit_env : Flag<["--"], "inherit-env">, Group<grp_wasi>,
  HelpText<"Pass the whole host environment to the program">;
defm tcplisten : Eq<"tcplisten", "Give the program a socket listening on "
                                 "<host:port>">,
  MetaVarName<"<host:port>">, Group<grp_wasi>;
