/* The example greeter in C. One source, two versions:
 *   version 1: greet("world") = "Hello, world!",    next(n) = n + 1
 *   version 2: greet("world") = "Hi there, world!", next(n) = n + 2  (built with -DGREETER_V2)
 *
 * It uses three host modules, imported in its descriptor below:
 *   - graft.log, to say it is ready, at debug level: a host that wants the line turns the logger
 *     graft.plugin.greeter up, and graft demo's hundreds of reloads stay quiet;
 *   - example.tally, to count each greeting in the host's counter "greetings". The counter is a
 *     host object, so the plugin holds an owned handle on it, never a pointer;
 *   - graft.handles, to release that handle when the version shuts down. (Forgetting it would
 *     leak nothing: a version's handles are released when it is retired.)
 * example_greeter.h and example_tally.h are written by graft bindgen from the Java interfaces.
 *
 * It also keeps its own count of greetings in its state, a block the host owns and carries across
 * reloads (docs/native-plugins.md, "State"). The two versions have different shapes: version 2
 * adds the length of the longest name greeted, so a reload between them maps the block, field by
 * field, and `greetings` keeps its value both ways. */
#define GRAFT_IMPLEMENTATION
#include <limits.h>

#include "example_greeter.h"
#include "example_tally.h"
#include "graft_handles.h"
#include "graft_log.h"

#ifdef GREETER_V2
#define VERSION "2.0.0"
#define GREETING "Hi there"
#define STEP 2
/* docs/state.md begin */
typedef struct greeter_state {
    int64_t greetings;
    int32_t longest;
} greeter_state;
#define STATE "greetings: i64; longest: i32"
/* docs/state.md end */
#else
#define VERSION "1.0.0"
#define GREETING "Hello"
#define STEP 1
typedef struct greeter_state {
    int64_t greetings;
} greeter_state;
#define STATE "greetings: i64"
#endif

/* Set once by init, read by every call afterwards. Sound without atomics: the host runs init
 * before it publishes the version, and publishing is a volatile write that every caller's thread
 * reads before it can call in here. Each version is a library copy of its own, with its own
 * globals. */
static const example_tally *tally;
static const graft_handles *handles;
static int64_t greetings;
static greeter_state *state;

static graft_result init(const graft_host *host) {
    static const char counter[] = "greetings";
    static const char ready[] = "greeter " VERSION " (C) ready";
    tally = example_tally_from(host);
    handles = graft_handles_from(host);
    /* docs/state.md begin */
    state = graft_state(host);
    /* docs/state.md end */
    graft_result made = tally->counter(counter, sizeof counter - 1, &greetings);
    if (graft_status(made) != 0) {
        return made;  /* the load fails, with the host's message */
    }
    return graft_log_from(host)->debug(ready, sizeof ready - 1);
}

static graft_result shutdown(void) {
    return handles->release(greetings);
}

graft_result example_greeter_greet(const char *name, size_t name_len, graft_out_bytes *result) {
    if (name_len > INT_MAX / 2) {  /* printf's precision is an int */
        return graft_fail(GRAFT_BAD_ARGUMENT, "expected a name of at most %d bytes, found %zu", INT_MAX / 2, name_len);
    }
    graft_result made = graft_return_format(result, GREETING ", %.*s!", (int) name_len, name);
    if (graft_status(made) != 0) {
        return made;
    }
    /* counted once the greeting is made, so that only greetings that are answered count */
    graft_result counted = tally->add(greetings, 1);
    if (graft_status(counted) != 0) {
        graft_release(result->ptr, result->len);  /* a failed call's result is the plugin's to free */
        result->ptr = NULL;
        result->len = 0;
        result->owned = 0;
        return counted;  /* the call fails, with the host's exception as the cause */
    }
    /* Atomically: calls run on many threads at once, and while a reload to a version of the same
     * shape lets this version's calls finish, the next one's calls update the same block. */
    /* docs/state.md begin */
    __atomic_fetch_add(&state->greetings, 1, __ATOMIC_RELAXED);
    /* docs/state.md end */
#ifdef GREETER_V2
    int32_t longest = __atomic_load_n(&state->longest, __ATOMIC_RELAXED);
    while ((int64_t) name_len > longest &&
           !__atomic_compare_exchange_n(&state->longest, &longest, (int32_t) name_len, true, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED)) {
    }
#endif
    return made;
}

graft_result example_greeter_next(int32_t n) {
    return graft_ok_i32(n + STEP);
}

/* docs/state.md begin */
GRAFT_PLUGIN_IMPORTS_STATE("greeter", VERSION, init, shutdown,
                           (GRAFT_LOG_IMPORT, EXAMPLE_TALLY_IMPORT, GRAFT_HANDLES_IMPORT), STATE, sizeof(greeter_state),
                           EXAMPLE_GREETER_CONTRACT);
/* docs/state.md end */
