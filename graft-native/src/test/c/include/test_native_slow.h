/*
 * test_native_slow.h: contract test.native.slow@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.natives.fixture.Slow: do not edit.
 *
 * Implement every function below in the plugin, then name the contract in its descriptor:
 *     GRAFT_PLUGIN("my-plugin", "1.0.0", NULL, NULL, TEST_NATIVE_SLOW_CONTRACT);
 * A function that returns quickly, never blocks and never calls back into the host may be
 * marked critical: #define TEST_NATIVE_SLOW_<METHOD>_FLAGS GRAFT_FN_CRITICAL before the include.
 */
#ifndef TEST_NATIVE_SLOW_H
#define TEST_NATIVE_SLOW_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* int hold(int millis): fn hold(i32) -> i32, return graft_ok_i32(value) */
graft_result test_native_slow_hold(int32_t millis);
#ifndef TEST_NATIVE_SLOW_HOLD_FLAGS
#define TEST_NATIVE_SLOW_HOLD_FLAGS 0
#endif

/* int version(): fn version() -> i32, return graft_ok_i32(value) */
graft_result test_native_slow_version(void);
#ifndef TEST_NATIVE_SLOW_VERSION_FLAGS
#define TEST_NATIVE_SLOW_VERSION_FLAGS 0
#endif

/* The descriptor entry of contract test.native.slow@1.0, for GRAFT_PLUGIN. */
#define TEST_NATIVE_SLOW_CONTRACT \
    {"test.native.slow", "1.0", \
     (const graft_function[]) { \
         {"fn hold(i32) -> i32", (const void *) test_native_slow_hold, TEST_NATIVE_SLOW_HOLD_FLAGS}, \
         {"fn version() -> i32", (const void *) test_native_slow_version, TEST_NATIVE_SLOW_VERSION_FLAGS} \
     }, \
     2}

#ifdef __cplusplus
}
#endif

#endif /* TEST_NATIVE_SLOW_H */
