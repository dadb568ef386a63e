/* The plugin NativeStateBench calls: contract bench.nativetally@1.0. Built by the benchmark with gcc:
 *   (no define)  the count in a global of the library: no state, a reload starts it again;
 *   -DSHAPE=1    the count in the host-owned state block {count: i64};
 *   -DSHAPE=2    the same with one more field, so a reload between SHAPE=1 and SHAPE=2 maps the block.
 * -DSTEP names the version. */
#define GRAFT_IMPLEMENTATION
#include "bench_nativetally.h"

#ifndef STEP
#define STEP 1
#endif
#define STRINGIFY(x) #x
#define VERSION(step) STRINGIFY(step) ".0.0"

#ifdef SHAPE
typedef struct tally_state {
    int64_t count;
#if SHAPE == 2
    int32_t spare;
#endif
} tally_state;
#if SHAPE == 2
#define DECLARATION "count: i64; spare: i32"
#else
#define DECLARATION "count: i64"
#endif

static tally_state *state;

static graft_result init(const graft_host *host) {
    state = graft_state(host);
    return graft_ok();
}

graft_result bench_nativetally_add(int64_t n, int64_t *result) {
    *result = __atomic_add_fetch(&state->count, n, __ATOMIC_RELAXED);
    return graft_ok();
}

GRAFT_PLUGIN_STATE("bench-tally", VERSION(STEP), init, NULL, DECLARATION, sizeof(tally_state), BENCH_NATIVETALLY_CONTRACT);
#else
static int64_t count;

graft_result bench_nativetally_add(int64_t n, int64_t *result) {
    *result = __atomic_add_fetch(&count, n, __ATOMIC_RELAXED);
    return graft_ok();
}

GRAFT_PLUGIN("bench-tally", VERSION(STEP), NULL, NULL, BENCH_NATIVETALLY_CONTRACT);
#endif
