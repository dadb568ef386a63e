/* Serves test.native.counter with its counter in a state block, in the three shapes of the
 * lost-update test (built with -DCOUNTER_V=1, 2 or 3; -DCOUNTER_MINOR=1 makes a second build of the
 * same shape, version V.1.0):
 *   v1 {count: i32; legacy: i32}
 *   v2 {count: i64 was total; extra: i32}
 *   v3 {total: i64 was count; extra: i32}
 * -DINIT_FAILS builds a version whose init writes its state, then fails.
 * pausedIncrement calls the host module test.native.pause first, which holds the call inside this
 * library for as long as the test wants. */
#define GRAFT_IMPLEMENTATION
#include "test_native_counter.h"
#include "test_native_pause.h"

#ifndef COUNTER_V
#define COUNTER_V 1
#endif
#ifndef COUNTER_MINOR
#define COUNTER_MINOR 0
#endif
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

#if COUNTER_V == 1
typedef struct counter_state {
    int32_t count;
    int32_t legacy;
} counter_state;
#define DECLARATION "count: i32; legacy: i32"
#define COUNT count
#elif COUNTER_V == 2
typedef struct counter_state {
    int64_t count;
    int32_t extra;
} counter_state;
#define DECLARATION "count: i64 was total; extra: i32"
#define COUNT count
#else
typedef struct counter_state {
    int64_t total;
    int32_t extra;
} counter_state;
#define DECLARATION "total: i64 was count; extra: i32"
#define COUNT total
#endif

/* Set by init, before the host publishes the version: every call sees them (NativePlugin's comment). */
static counter_state *state;
static const test_native_pause *pause_;

static graft_result init(const graft_host *host) {
    state = graft_state(host);
    pause_ = test_native_pause_from(host);
    if (state == NULL || pause_ == NULL) {
        return graft_fail(GRAFT_FAILED, "expected a state block and test.native.pause, found %p and %p",
                          (void *) state, (const void *) pause_);
    }
#ifdef INIT_FAILS
    state->COUNT = 424242;  /* into this version's own block: the old version's must not see it */
    return graft_fail(9, "init failed on purpose, after writing its state");
#else
    return graft_ok();
#endif
}

graft_result test_native_counter_increment(void) {
    /* calls run on many threads, and a version of the same shape shares the block: atomically */
    __atomic_fetch_add(&state->COUNT, 1, __ATOMIC_RELAXED);
    return graft_ok_i32(COUNTER_V * 10 + COUNTER_MINOR);
}

graft_result test_native_counter_pausedIncrement(void) {
    graft_result paused = pause_->pause();
    if (graft_status(paused) != 0) {
        return paused;
    }
    return test_native_counter_increment();
}

graft_result test_native_counter_count(int64_t *result) {
    *result = __atomic_load_n(&state->COUNT, __ATOMIC_RELAXED);
    return graft_ok();
}

graft_result test_native_counter_version(void) { return graft_ok_i32(COUNTER_V * 10 + COUNTER_MINOR); }

graft_result test_native_counter_block(graft_out_bytes *result) {
    return graft_return_bytes(result, state, sizeof *state);
}

GRAFT_PLUGIN_IMPORTS_STATE("counter", STRINGIFY(COUNTER_V) "." STRINGIFY(COUNTER_MINOR) ".0", init, NULL,
                           (TEST_NATIVE_PAUSE_IMPORT), DECLARATION, sizeof(counter_state), TEST_NATIVE_COUNTER_CONTRACT);
