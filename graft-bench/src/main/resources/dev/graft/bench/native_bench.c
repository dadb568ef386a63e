/* The plugin NativeDispatchBench calls: contract bench.native@1.0. Built by the benchmark with gcc;
 * -DSTEP=2 builds the second version for the reload benchmark. */
#define BENCH_NATIVE_SUM_FLAGS GRAFT_FN_CRITICAL
#define BENCH_NATIVE_QUICK_FLAGS GRAFT_FN_CRITICAL
#define GRAFT_IMPLEMENTATION
#include "bench_native.h"

#ifndef STEP
#define STEP 1
#endif

graft_result bench_native_next(int32_t n) { return graft_ok_i32(n + STEP); }

/* the same, declared critical: no thread-state transition around the call */
graft_result bench_native_quick(int32_t n) { return graft_ok_i32(n + STEP); }

graft_result bench_native_sum(const uint8_t *bytes, size_t bytes_len) {
    int32_t total = 0;
    for (size_t i = 0; i < bytes_len; i++) {
        total += bytes[i];
    }
    return graft_ok_i32(total);
}

#define STRINGIFY(x) #x
#define VERSION(step) STRINGIFY(step) ".0.0"
GRAFT_PLUGIN("bench-native", VERSION(STEP), NULL, NULL, BENCH_NATIVE_CONTRACT);
