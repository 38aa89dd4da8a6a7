// The same module from C++: an instance owned by a unique_ptr, a lambda-free
// import, a trap that leaves the instance usable.
#include "guest.h"

#include <cstdio>
#include <memory>

struct GuestDeleter {
  void operator()(guest_instance *I) const { guest_delete(I); }
};

static void report(void *, guest_instance *caller, int32_t text, int32_t len) {
  if (text >= 0 && len >= 0 &&
      uint64_t(text) + uint64_t(len) <= guest_memory_size(caller))
    std::printf("c++ host: %.*s\n", int(len),
                reinterpret_cast<const char *>(guest_memory(caller)) + text);
}

int main() {
  guest_imports imp{};
  imp.env_report = report;
  char err[256];
  std::unique_ptr<guest_instance, GuestDeleter> g(guest_new(&imp, err, sizeof err));
  if (!g) {
    std::fprintf(stderr, "guest_new: %s\n", err);
    return 1;
  }
  int32_t n = 0;
  guest_greet(g.get(), 3, &n);
  w2n_trap_code t = guest_crash(g.get(), 5, &n);
  std::printf("c++: %s, then greet -> %d\n", w2n_trap_message(t),
              (guest_greet(g.get(), 3, &n), n));
  return 0;
}
