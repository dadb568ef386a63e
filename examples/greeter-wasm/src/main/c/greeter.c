/* The demo's greeter contract (example.greeter@1.0, dev.graft.examples.greeter.Greeter) in C,
 * for clang's wasm32 target. One source, two versions:
 *   version 1: greet("world") = "Hello, world!",    next(n) = n + 1
 *   version 2: greet("world") = "Hi there, world!", next(n) = n + 2  (built with -DGREETER_V2)
 * At its first call, each instance logs that it is ready through the built-in host module
 * graft.log (graft_log.h, from sdk/wasm), at debug level (turn the logger graft.plugin.greeter up
 * to see it), and takes an owned handle on the host's counter "greetings" from the example's host
 * module example.tally (example_tally.h); each greeting is counted there, through the handle. The
 * handle is never released here: a version's handles are released when the version is retired.
 * It also keeps its own count of greetings in its state, a block the host owns, shares between
 * every instance of the version and carries across reloads (docs/wasm-plugins.md, "State"),
 * reached through greeter_state_v1.h / _v2.h (written by WasmBindgen.stateHeader from the records
 * in src/main/java). Version 2 adds the length of the longest name greeted: another shape, so a
 * reload between the two maps the state, and greetings keeps its value both ways.
 * The functions are named as example_greeter.h declares them, the contract's prefix then the
 * method (example_greeter_greet), and exported under the method's name ("greet"), which is what
 * the host binds.
 * Build with ./build.sh (needs clang and wasm-ld; no libc). */
#define GRAFT_BUMP_ALLOCATOR
#include "example_greeter.h"
#include "example_tally.h"
#include "graft_log.h"

#ifdef GREETER_V2
#include "greeter_state_v2.h"
GREETER_STATE_MANIFEST
GRAFT_MANIFEST_LINE("id       = greeter")
GRAFT_MANIFEST_LINE("version  = 2.0.0")
GRAFT_MANIFEST_LINE("provides = example.greeter@1.0")
GRAFT_MANIFEST_LINE("imports  = graft.log@1.0, example.tally@1.0")
static const char GREETING[] = "Hi there, ";
static const char READY[] = "greeter 2.0.0 (C) ready";
static const int32_t STEP = 2;
#else
#include "greeter_state_v1.h"
GREETER_STATE_MANIFEST
GRAFT_MANIFEST_LINE("id       = greeter")
GRAFT_MANIFEST_LINE("version  = 1.0.0")
GRAFT_MANIFEST_LINE("provides = example.greeter@1.0")
GRAFT_MANIFEST_LINE("imports  = graft.log@1.0, example.tally@1.0")
static const char GREETING[] = "Hello, ";
static const char READY[] = "greeter 1.0.0 (C) ready";
static const int32_t STEP = 1;
#endif

/* Per instance: each instance has its own globals, and serves one call at a time. */
static bool ready;
static int64_t greetings;  /* the handle on the host's counter */

graft_result example_greeter_greet(const char *name, uint32_t name_len) {
    if (!ready) {
        static const char counter[] = "greetings";
        graft_host_result made = example_tally_counter(counter, sizeof counter - 1, &greetings);
        if (graft_host_status(made) != 0) {
            graft_fail_host(made);  /* ends the call; the host's exception is the cause */
        }
        ready = true;
        graft_log_debug(READY, sizeof READY - 1);  /* a status word; a failed log is nothing to stop for */
    }
    uint32_t prefix = sizeof GREETING - 1;
    uint32_t len = prefix + name_len + 1;
    char *out = graft_alloc(len);  /* the host frees it once it has copied it */
    if (out == NULL) {
        __builtin_trap();          /* out of memory: the host sees a trap */
    }
    /* counted once the answer has its buffer, so that only greetings that are answered count */
    graft_host_result counted = example_tally_add(greetings, 1);
    if (graft_host_status(counted) != 0) {
        graft_fail_host(counted);  /* ends the call; the host's exception is the cause */
    }
    /* In state, atomically: calls run on several instances at once, and across a reload to the
     * same shape the old and the new version's calls share the block. */
    greeter_state_greetings_add(1);
#ifdef GREETER_V2
    int32_t longest = greeter_state_longest_get();
    while ((int32_t) name_len > longest && !greeter_state_longest_cas(longest, (int32_t) name_len)) {
        longest = greeter_state_longest_get();
    }
#endif
    __builtin_memcpy(out, GREETING, prefix);
    __builtin_memcpy(out + prefix, name, name_len);  /* name is the host's, valid during the call */
    out[len - 1] = '!';
    return graft_result_of(out, len);
}

int32_t example_greeter_next(int32_t n) {
    return n + STEP;
}
