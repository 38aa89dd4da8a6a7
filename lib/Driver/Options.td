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

def grp_opt : OptionGroup<"opt">;
def grp_wasi : OptionGroup<"wasi">;

def o : JoinedOrSeparate<["-"], "o">, MetaVarName<"<file>">,
  HelpText<"Write output to <file> ('-' for standard output)">;
def c : F<"c">, HelpText<"Compile to an object file, do not link">;
def S : F<"S">, HelpText<"Compile to assembly, do not link">;
def emit_llvm : F<"emit-llvm">,
  HelpText<"Emit LLVM IR: bitcode with -c, text with -S">;

def O : J<"O">, Group<grp_opt>, MetaVarName<"<level>">,
  HelpText<"Optimisation level: 0, 1, 2 (default), 3, s or z">;
def O_flag : F<"O">, Group<grp_opt>, Alias<O>, AliasArgs<["1"]>;

def target : Joined<["--"], "target=">, MetaVarName<"<triple>">,
  HelpText<"Generate code for <triple>">;
def target_legacy : Separate<["-"], "target">, Alias<target>, Flags<[HelpHidden]>;
def mcpu : J<"mcpu=">, MetaVarName<"<cpu>">,
  HelpText<"Target CPU (default: the architecture baseline, e.g. x86-64; "
           "'native' for the host)">;
def mattr : J<"mattr=">, MetaVarName<"<features>">,
  HelpText<"Extra target features, e.g. +avx2,-sse4a">;
def fbounds_checks : J<"fbounds-checks=">,
  MetaVarName<"guard|explicit|inexact">,
  HelpText<"How out-of-bounds memory accesses trap: guard pages (default), "
           "explicit compares (no 8 GiB reservation), or guard pages with "
           "plain accesses (faster, NOT spec-exact: traps may be lost)">;
def mllvm : Separate<["-"], "mllvm">, MetaVarName<"<arg>">,
  HelpText<"Pass <arg> to LLVM's option processing, as clang does">;
def mllvm_eq : J<"mllvm=">, Alias<mllvm>, Flags<[HelpHidden]>;
def fpass_plugin : J<"fpass-plugin=">, MetaVarName<"<dsopath>">,
  HelpText<"Load an LLVM pass plugin and let it register passes">;

defm threads : Eq<"threads", "Compile big modules in partitions on up to "
  "<n> threads (default: all cores)">, MetaVarName<"<n>">;

def partition_size : Joined<["--"], "partition-size=">, MetaVarName<"<bytes>">,
  Flags<[HelpHidden]>,
  HelpText<"Wasm code bytes per partition of a big module (default 131072)">;

def v : F<"v">, HelpText<"Show the link command line">;
def hash_hash_hash : F<"###">, HelpText<"Print the link command line without running it">;
def help : Flag<["--", "-"], "help">, HelpText<"Display available options">;
def version : Flag<["--"], "version">, HelpText<"Display the version">;

defm dir : Eq<"dir", "Grant the program access to the host directory <dir>">,
  MetaVarName<"<dir>">, Group<grp_wasi>;
defm env : Eq<"env", "Set NAME=VALUE in the program's environment">,
  MetaVarName<"<NAME=VALUE>">, Group<grp_wasi>;
def inherit_env : Flag<["--"], "inherit-env">, Group<grp_wasi>,
  HelpText<"Pass the whole host environment to the program">;
defm tcplisten : Eq<"tcplisten", "Give the program a socket listening on "
                                 "<host:port>">,
  MetaVarName<"<host:port>">, Group<grp_wasi>;
