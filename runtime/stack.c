/*===- stack.c - The stacks wasm code runs on -----------------------------===*
 *
 * Wasm runs on a stack of its own with a PROT_NONE guard region below it,
 * so that runaway recursion faults in a known place and becomes the "call
 * stack exhausted" trap whatever `ulimit -s` says. Each thread gets one
 * wasm stack and one alternate signal stack, created on first use and kept
 * for the thread's lifetime: unmapped when the thread exits, so that a host
 * starting a thread per request does not keep 8 MiB per dead thread.
 *
 * Under AddressSanitizer (the spec runner's sanitized runtime) the switch
 * is annotated as a fiber switch, so ASan knows which stack is current
 * when it unpoisons stacks at a longjmp and reports stack addresses
 * correctly.
 *
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>

#ifdef RT_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

/* Larger than a page: the generated code probes big frames, but a frame of
 * a few KiB may still skip one page. */
#define GUARD_SIZE (64u << 10)
#define ALTSTACK_SIZE (64u << 10)

static size_t stack_size = 8u << 20;

/* Room below the limit for the trap path and the runtime's own calls. */
#define STACK_LIMIT_MARGIN (16u << 10)
__thread uintptr_t w2n_stack_limit;

static __thread struct {
  uintptr_t guard; /* lowest address of the mapping; 0 if none yet */
  uint8_t *top;
  int running; /* wasm stack in use by this thread */
  int failed;  /* could not create it: run on the native stack */
  size_t size; /* of the mapping at guard */
  void *alt;   /* the alternate signal stack made for this thread, or NULL */
} ws;

/* A key whose destructor frees the thread's stacks at thread exit. */
static pthread_key_t exit_key;
static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;

static void free_thread_stacks(void *unused) {
  (void)unused;
  /* A thread ended from a host function called by wasm is still on its
   * wasm stack: keep the mapping rather than pull it away. */
  if (ws.running)
    return;
  if (ws.alt) {
    /* Still the thread's alternate stack (another runtime copy keeps the
     * one it finds): disable it first. */
    stack_t cur, off = {.ss_flags = SS_DISABLE};
    if (sigaltstack(NULL, &cur) != 0 ||
        (cur.ss_sp == ws.alt && sigaltstack(&off, NULL) != 0))
      return;
    munmap(ws.alt, ALTSTACK_SIZE);
    ws.alt = NULL;
  }
  if (ws.guard)
    munmap((void *)ws.guard, ws.size);
  ws.guard = 0;
  ws.top = NULL;
}

static void make_exit_key(void) {
  if (pthread_key_create(&exit_key, free_thread_stacks) != 0)
    exit_key = (pthread_key_t)-1;
}

/* In stack_switch.S: calls fn(arg) with the stack pointer set to top. */
void w2n_stack_switch(void (*fn)(void *), void *arg, void *top)
    __attribute__((visibility("hidden")));

void w2n_set_wasm_stack_size(size_t bytes) {
  if (bytes < GUARD_SIZE)
    bytes = GUARD_SIZE;
  stack_size = (bytes + 4095) & ~(size_t)4095;
}

int rt_in_stack_guard(uintptr_t addr) {
  return ws.guard && addr >= ws.guard && addr < ws.guard + GUARD_SIZE;
}

int rt_on_wasm_stack(void) { return ws.running; }

int rt_wasm_stack_bounds(uintptr_t *lo, uintptr_t *hi) {
  if (!ws.running || !ws.guard)
    return 0;
  *lo = ws.guard + GUARD_SIZE;
  *hi = (uintptr_t)ws.top;
  return 1;
}

static int setup_thread(void) {
  w2n_init_signals();
  /* Keep an alternate stack the thread already has if it is usable. */
  stack_t cur;
  if (sigaltstack(NULL, &cur) != 0 || (cur.ss_flags & SS_DISABLE) ||
      cur.ss_size < ALTSTACK_SIZE / 2) {
    void *alt = mmap(NULL, ALTSTACK_SIZE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (alt == MAP_FAILED)
      return -1;
    stack_t ss = {.ss_sp = alt, .ss_size = ALTSTACK_SIZE, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) != 0) {
      munmap(alt, ALTSTACK_SIZE);
      return -1;
    }
    ws.alt = alt;
  }
  size_t total = stack_size + GUARD_SIZE;
  uint8_t *p =
      mmap(NULL, total, PROT_READ | PROT_WRITE,
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (p == MAP_FAILED)
    return -1;
  if (mprotect(p, GUARD_SIZE, PROT_NONE) != 0) {
    munmap(p, total);
    return -1;
  }
  ws.top = p + total;
  ws.guard = (uintptr_t)p;
  ws.size = total;
  /* The destructor runs only for a key with a non-NULL value. (Not for the
   * main thread, whose stacks last until the process ends anyway.) */
  pthread_once(&exit_key_once, make_exit_key);
  if (exit_key != (pthread_key_t)-1)
    pthread_setspecific(exit_key, (void *)1);
  return 0;
}

#ifdef RT_ASAN
typedef struct fiber_call {
  void (*fn)(void *);
  void *arg;
  const void *host_bottom;
  size_t host_size;
} fiber_call;

/* First and last thing on the wasm stack: finish ASan's switch to it and
 * start the one back. fn always returns here (run_guarded catches traps on
 * this stack), so the wasm stack's fake frames can be dropped (NULL). */
static void run_fiber(void *p) {
  fiber_call *c = p;
  __sanitizer_finish_switch_fiber(NULL, &c->host_bottom, &c->host_size);
  c->fn(c->arg);
  __sanitizer_start_switch_fiber(NULL, c->host_bottom, c->host_size);
}

void rt_asan_forget_wasm_frames(void) {
  /* A trap from the signal handler jumps from the alternate stack, and
   * ASan's siglongjmp then unpoisons only that stack and the thread's. */
  uintptr_t bottom = ws.guard + GUARD_SIZE;
  uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  if (ws.running && here > bottom && here <= (uintptr_t)ws.top)
    __asan_unpoison_memory_region((void *)bottom, here - bottom);
}

static void switch_stack(void (*fn)(void *), void *arg) {
  fiber_call c = {fn, arg, NULL, 0};
  void *fake_stack = NULL;
  __sanitizer_start_switch_fiber(&fake_stack, (void *)(ws.guard + GUARD_SIZE),
                                 stack_size);
  w2n_stack_switch(run_fiber, &c, ws.top);
  __sanitizer_finish_switch_fiber(fake_stack, NULL, NULL);
}
#else
static void switch_stack(void (*fn)(void *), void *arg) {
  w2n_stack_switch(fn, arg, ws.top);
}
#endif

void w2n_call_on_wasm_stack(void (*fn)(void *), void *arg) {
  if (ws.running || ws.failed) {
    fn(arg);
    return;
  }
  if (!ws.top && setup_thread() != 0) {
    rt_write_str(2, "wasm2native: cannot create the wasm stack; running on "
                    "the native stack\n");
    ws.failed = 1;
    fn(arg);
    return;
  }
  ws.running = 1;
  w2n_stack_limit = ws.guard + GUARD_SIZE + STACK_LIMIT_MARGIN;
  switch_stack(fn, arg);
  w2n_stack_limit = 0;
  ws.running = 0;
}
