/* The demo's greeter contract (example.greeter@1.0, dev.graft.examples.greeter.Greeter) in C,
 * for clang's wasm32 target. One source, two versions:
 *   version 1: greet("world") = "Hello, world!",    next(n) = n + 1
 *   version 2: greet("world") = "Hi there, world!", next(n) = n + 2  (built with -DGREETER_V2)
 * It logs once per instance, at its first call, through the built-in host module graft.log
 * (graft_log.h, from sdk/wasm), at debug level: turn the logger graft.plugin.greeter up to see it.
 * Build with ./build.sh (needs clang and wasm-ld; no libc). */
#define GRAFT_BUMP_ALLOCATOR
#include "example_greeter.h"
#include "graft_log.h"

#ifdef GREETER_V2
GRAFT_MANIFEST_LINE("id       = greeter")
GRAFT_MANIFEST_LINE("version  = 2.0.0")
GRAFT_MANIFEST_LINE("provides = example.greeter@1.0")
GRAFT_MANIFEST_LINE("imports  = graft.log@1.0")
static const char GREETING[] = "Hi there, ";
static const char READY[] = "greeter 2.0.0 (C) ready";
static const int32_t STEP = 2;
#else
GRAFT_MANIFEST_LINE("id       = greeter")
GRAFT_MANIFEST_LINE("version  = 1.0.0")
GRAFT_MANIFEST_LINE("provides = example.greeter@1.0")
GRAFT_MANIFEST_LINE("imports  = graft.log@1.0")
static const char GREETING[] = "Hello, ";
static const char READY[] = "greeter 1.0.0 (C) ready";
static const int32_t STEP = 1;
#endif

static bool ready;  /* per instance: each instance has its own globals */

graft_result greet(const char *name, uint32_t name_len) {
    if (!ready) {
        ready = true;
        graft_log_debug(READY, sizeof READY - 1);  /* a status word; a failed log is nothing to stop for */
    }
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
