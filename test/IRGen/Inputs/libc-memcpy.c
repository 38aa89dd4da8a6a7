// Nothing of its own: linked with --export=memcpy, the module is wasi-libc's
// memcpy alone.
int unused;
