/*===- trap.c - Traps, recovery points and fault signals ------------------===*
 *
 * A trap either unwinds to the innermost recovery point of the thread (set
 * up by w2n_call) or, if there is none, reports itself and ends the process
 * with status 134. Faults in wasm code become traps through the signal
 * handler: a fault inside a linear-memory reservation is an out-of-bounds
 * access, one in the wasm stack's guard region a stack overflow.
 *
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <ucontext.h>
#include <unistd.h>

static const char *const reasons[W2N_TRAP_COUNT] = {
    [W2N_TRAP_NONE] = "no trap",
    [W2N_TRAP_UNREACHABLE] = "unreachable",
    [W2N_TRAP_INT_DIV_BY_ZERO] = "integer divide by zero",
    [W2N_TRAP_INT_OVERFLOW] = "integer overflow",
    [W2N_TRAP_INVALID_CONVERSION] = "invalid conversion to integer",
    [W2N_TRAP_OOB_MEMORY] = "out of bounds memory access",
    [W2N_TRAP_OOB_TABLE] = "out of bounds table access",
    [W2N_TRAP_UNDEFINED_ELEMENT] = "undefined element",
    [W2N_TRAP_UNINITIALIZED_ELEMENT] = "uninitialized element",
    [W2N_TRAP_INDIRECT_CALL_TYPE_MISMATCH] = "indirect call type mismatch",
    [W2N_TRAP_CALL_STACK_EXHAUSTED] = "call stack exhausted",
    [W2N_TRAP_PROC_EXIT] = "proc_exit",
};

const char *w2n_trap_message(w2n_trap_code code) {
  return (unsigned)code < W2N_TRAP_COUNT ? reasons[code] : "unknown trap";
}

/* ---- Naming the function a code address belongs to -------------------- */

/* Modules seen by w2n_instantiate. Push-only, so the signal handler can
 * walk it at any time. */
typedef struct module_node {
  const w2n_module *m;
  struct module_node *next;
} module_node;
static module_node *modules;

void rt_register_module(const w2n_module *m) {
  module_node *head = __atomic_load_n(&modules, __ATOMIC_ACQUIRE);
  for (module_node *n = head; n; n = n->next)
    if (n->m == m)
      return;
  module_node *node = malloc(sizeof *node);
  if (!node)
    return; /* Only costs a function name in trap messages. */
  node->m = m;
  node->next = head;
  while (!__atomic_compare_exchange_n(&modules, &node->next, node, 0,
                                      __ATOMIC_RELEASE, __ATOMIC_ACQUIRE))
    ;
}

/* The wasm function whose entry is the greatest one <= pc. Functions have
 * no recorded sizes, so this is a guess for pcs outside wasm code; it is
 * only used when a trap has happened, and a linear scan needs no memory,
 * which keeps it async-signal-safe. */
static int find_func(uintptr_t pc, const w2n_module **mod, uint32_t *index) {
  uintptr_t best = 0;
  for (module_node *n = __atomic_load_n(&modules, __ATOMIC_ACQUIRE); n;
       n = n->next)
    for (uint32_t i = 0; i < n->m->num_funcs; ++i) {
      uintptr_t fn = (uintptr_t)n->m->funcs[i].fn;
      if (fn && fn <= pc && fn > best) {
        best = fn;
        *mod = n->m;
        *index = i;
      }
    }
  return best != 0;
}

/* ---- Reporting and unwinding -------------------------------------------- */

typedef struct recovery {
  sigjmp_buf jb;
  struct recovery *prev;
} recovery;

static __thread recovery *innermost;
static __thread w2n_trap_code last_code;
static __thread uintptr_t last_pc;

static void report(w2n_trap_code code, uintptr_t pc) {
  /* The first line, then the wasm call stack (backtrace.c). */
  char text[8192];
  rt_buf b;
  rt_buf_init(&b, text, sizeof text - 1);
  rt_buf_str(&b, "wasm trap: ");
  rt_buf_str(&b, w2n_trap_message(code));
  const w2n_module *m;
  uint32_t i;
  size_t before = b.len;
  rt_buf_str(&b, " in function ");
  if (pc && rt_symbolize(pc, &b)) {
    /* Exact: the symbol table knows every function's extent. */
  } else if (pc && find_func(pc, &m, &i)) {
    if (m->funcs[i].name) {
      rt_buf_str(&b, m->funcs[i].name);
    } else {
      rt_buf_str(&b, "wasm-function[");
      rt_buf_u64(&b, i);
      rt_buf_str(&b, "]");
    }
  } else {
    b.len = before;
  }
  text[b.len++] = '\n'; /* Room was kept for it. */
  text[b.len] = 0;
  if (pc) {
    rt_buf rest;
    rt_buf_init(&rest, text + b.len, sizeof text - b.len);
    rt_backtrace_format(&rest);
    b.len += rest.len;
  }
  rt_write_all(2, text, b.len);
}

void w2n_report_trap(w2n_trap_code code) {
  if (code == W2N_TRAP_PROC_EXIT)
    return; /* an exit, not a trap */
  if (code != last_code)
    rt_backtrace_clear(); /* a different trap than the one recorded */
  report(code, code == last_code ? last_pc : 0);
}

int rt_in_guarded_call(void) { return innermost != NULL; }

/* Records the backtrace of a fault from the interrupted registers. */
static void capture_signal(uintptr_t pc, void *uc) {
  const mcontext_t *mc = &((ucontext_t *)uc)->uc_mcontext;
#if defined(__x86_64__)
  rt_backtrace_capture(pc, (uintptr_t)mc->gregs[REG_RBP],
                       (uintptr_t)mc->gregs[REG_RSP], 0, 0);
#elif defined(__aarch64__)
  rt_backtrace_capture(pc, (uintptr_t)mc->regs[29], (uintptr_t)mc->sp,
                       (uintptr_t)mc->regs[30], 0);
#elif defined(__riscv)
  rt_backtrace_capture(pc, (uintptr_t)mc->__gregs[8], (uintptr_t)mc->__gregs[2],
                       (uintptr_t)mc->__gregs[1], 0);
#endif
}

/* Async-signal-safe: the signal handler ends up here too, with the
 * interrupted context (uc); other traps are called, through runtime
 * frames, from the wasm code at pc (uc NULL). */
static __attribute__((noreturn)) void trap_at(w2n_trap_code code,
                                              uintptr_t pc, void *uc) {
  last_code = code;
  last_pc = pc;
  if (code == W2N_TRAP_PROC_EXIT)
    rt_backtrace_clear();
  else if (uc)
    capture_signal(pc, uc);
  else
    rt_backtrace_capture(0, (uintptr_t)__builtin_frame_address(0), 0, 0, pc);
  if (innermost)
    siglongjmp(innermost->jb, 1);
  report(code, pc);
  _exit(134);
}

/* Not inlined, so that its frame is a record of the chain the backtrace
 * walks from. */
__attribute__((noinline)) void rt_trap_at(w2n_trap_code code, uintptr_t pc) {
  trap_at(code, pc, 0);
}

void w2n_trap(w2n_trap_code code) { rt_trap_at(code, RT_CALLER_PC); }

/* Called in place of a function through a constant table entry that must
 * trap; the caller's pc names the wasm function. */
void w2n_trap_undefined_element(void) {
  rt_trap_at(W2N_TRAP_UNDEFINED_ELEMENT, RT_CALLER_PC);
}
void w2n_trap_uninitialized_element(void) {
  rt_trap_at(W2N_TRAP_UNINITIALIZED_ELEMENT, RT_CALLER_PC);
}
void w2n_trap_indirect_call_type_mismatch(void) {
  rt_trap_at(W2N_TRAP_INDIRECT_CALL_TYPE_MISMATCH, RT_CALLER_PC);
}

typedef struct guarded_call {
  void (*fn)(void *);
  void *arg;
  w2n_trap_code code;
} guarded_call;

/* Runs on the wasm stack, so unwinding stays on it and the stack switch
 * always returns normally. */
static void run_guarded(void *p) {
  guarded_call *g = p;
  recovery r;
  r.prev = innermost;
  /* No signal mask to save: the handlers run with SA_NODEFER. */
  if (sigsetjmp(r.jb, 0) == 0) {
    innermost = &r;
    g->fn(g->arg);
    g->code = W2N_TRAP_NONE;
  } else {
    rt_asan_forget_wasm_frames();
    g->code = last_code;
  }
  innermost = r.prev;
}

w2n_trap_code w2n_call(void (*fn)(void *), void *arg) {
  guarded_call g = {fn, arg, W2N_TRAP_NONE};
  w2n_call_on_wasm_stack(run_guarded, &g);
  return g.code;
}

/* ---- Signals ------------------------------------------------------------- */

static struct sigaction old_segv, old_bus, old_fpe;

/* The interrupted program counter in a signal's context. */
static uintptr_t rt_signal_pc(void *uc) {
  const mcontext_t *mc = &((ucontext_t *)uc)->uc_mcontext;
#if defined(__x86_64__)
  return (uintptr_t)mc->gregs[REG_RIP];
#elif defined(__aarch64__)
  return (uintptr_t)mc->pc;
#elif defined(__riscv)
  return (uintptr_t)mc->__gregs[REG_PC];
#else
#error "rt_signal_pc: unsupported architecture"
#endif
}

/* Passes a fault that is not a trap on to whoever handled it before. */
static void chain(int sig, siginfo_t *si, void *uc) {
  struct sigaction *old = sig == SIGSEGV  ? &old_segv
                          : sig == SIGBUS ? &old_bus
                                          : &old_fpe;
  if (old->sa_flags & SA_SIGINFO) {
    old->sa_sigaction(sig, si, uc);
    return;
  }
  if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
    old->sa_handler(sig);
    return;
  }
  /* Default action: a real fault recurs when the instruction restarts. */
  struct sigaction dfl;
  dfl.sa_handler = SIG_DFL;
  dfl.sa_flags = 0;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  if (si->si_code <= 0) /* Sent by kill() and the like. */
    raise(sig);
}

static void on_signal(int sig, siginfo_t *si, void *uc) {
  uintptr_t pc = rt_signal_pc(uc);
  uintptr_t addr = (uintptr_t)si->si_addr;
  w2n_trap_code code = W2N_TRAP_NONE;
  const w2n_module *m;
  uint32_t i;
  if (si->si_code <= 0) {
    /* Not a fault of this thread. */
  } else if (sig == SIGFPE) {
    /* The generated code checks divisions; this is only a backstop. */
    if (rt_on_wasm_stack() && find_func(pc, &m, &i))
      code = si->si_code == FPE_INTOVF ? W2N_TRAP_INT_OVERFLOW
                                       : W2N_TRAP_INT_DIV_BY_ZERO;
  } else if (rt_in_stack_guard(addr)) {
    code = W2N_TRAP_CALL_STACK_EXHAUSTED;
  } else if (rt_in_memory_reservation(addr)) {
    code = W2N_TRAP_OOB_MEMORY;
  }
  if (code != W2N_TRAP_NONE)
    trap_at(code, pc, uc);
  chain(sig, si, uc);
}

void w2n_init_signals(void) {
  static int done;
  if (__atomic_exchange_n(&done, 1, __ATOMIC_ACQ_REL))
    return;
  struct sigaction sa;
  sa.sa_sigaction = on_signal;
  /* SA_ONSTACK: a stack overflow leaves no stack to run on. SA_NODEFER:
   * a trap leaves the handler by siglongjmp without restoring the mask. */
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, &old_segv);
  sigaction(SIGBUS, &sa, &old_bus);
  sigaction(SIGFPE, &sa, &old_fpe);
}
