/* The demo's greeter contract (example.greeter@1.0, dev.graft.examples.greeter.Greeter) in C,
 * for clang's wasm32 target. One source, two versions:
 *   version 1: greet("world") = "Hello, world!",    next(n) = n + 1
 *   version 2: greet("world") = "Hi there, world!", next(n) = n + 2  (built with -DGREETER_V2)
 * Build with ./build.sh (needs clang and wasm-ld; no libc). */
#define GRAFT_BUMP_ALLOCATOR
#include "example_greeter.h"

#ifdef GREETER_V2
GRAFT_MANIFEST_LINE("id       = greeter")
GRAFT_MANIFEST_LINE("version  = 2.0.0")
GRAFT_MANIFEST_LINE("provides = example.greeter@1.0")
static const char GREETING[] = "Hi there, ";
static const int32_t STEP = 2;
#else
GRAFT_MANIFEST_LINE("id       = greeter")
GRAFT_MANIFEST_LINE("version  = 1.0.0")
GRAFT_MANIFEST_LINE("provides = example.greeter@1.0")
static const char GREETING[] = "Hello, ";
static const int32_t STEP = 1;
#endif

graft_result greet(const char *name, uint32_t name_len) {
    uint32_t prefix = sizeof GREETING - 1;
    uint32_t len = prefix + name_len + 1;
    char *out = graft_alloc(len);  /* the host frees it once it has copied it */
    if (out == NULL) {
        __builtin_trap();          /* out of memory: the host sees a trap */
    }
    __builtin_memcpy(out, GREETING, prefix);
    __builtin_memcpy(out + prefix, name, name_len);  /* name is the host's, valid during the call */
    out[len - 1] = '!';
    return graft_result_of(out, len);
}

int32_t next(int32_t n) {
    return n + STEP;
}
