/*
 * test_native_counter.h: contract test.native.counter@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.natives.fixture.Counter: do not edit.
 *
 * Implement every function below in the plugin, then name the contract in its descriptor:
 *     GRAFT_PLUGIN("my-plugin", "1.0.0", NULL, NULL, TEST_NATIVE_COUNTER_CONTRACT);
 * A function that returns quickly, never blocks and never calls back into the host may be
 * marked critical: #define TEST_NATIVE_COUNTER_<METHOD>_FLAGS GRAFT_FN_CRITICAL before the include.
 */
#ifndef TEST_NATIVE_COUNTER_H
#define TEST_NATIVE_COUNTER_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* byte[] block(): fn block() -> bytes, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_counter_block(graft_out_bytes *result);
#ifndef TEST_NATIVE_COUNTER_BLOCK_FLAGS
#define TEST_NATIVE_COUNTER_BLOCK_FLAGS 0
#endif

/* long count(): fn count() -> i64, set *result, return graft_ok() */
graft_result test_native_counter_count(int64_t *result);
#ifndef TEST_NATIVE_COUNTER_COUNT_FLAGS
#define TEST_NATIVE_COUNTER_COUNT_FLAGS 0
#endif

/* int increment(): fn increment() -> i32, return graft_ok_i32(value) */
graft_result test_native_counter_increment(void);
#ifndef TEST_NATIVE_COUNTER_INCREMENT_FLAGS
#define TEST_NATIVE_COUNTER_INCREMENT_FLAGS 0
#endif

/* int pausedIncrement(): fn pausedIncrement() -> i32, return graft_ok_i32(value) */
graft_result test_native_counter_pausedIncrement(void);
#ifndef TEST_NATIVE_COUNTER_PAUSEDINCREMENT_FLAGS
#define TEST_NATIVE_COUNTER_PAUSEDINCREMENT_FLAGS 0
#endif

/* int version(): fn version() -> i32, return graft_ok_i32(value) */
graft_result test_native_counter_version(void);
#ifndef TEST_NATIVE_COUNTER_VERSION_FLAGS
#define TEST_NATIVE_COUNTER_VERSION_FLAGS 0
#endif

/* The descriptor entry of contract test.native.counter@1.0, for GRAFT_PLUGIN. */
#define TEST_NATIVE_COUNTER_CONTRACT \
    {"test.native.counter", "1.0", \
     (const graft_function[]) { \
         {"fn block() -> bytes", (const void *) test_native_counter_block, TEST_NATIVE_COUNTER_BLOCK_FLAGS}, \
         {"fn count() -> i64", (const void *) test_native_counter_count, TEST_NATIVE_COUNTER_COUNT_FLAGS}, \
         {"fn increment() -> i32", (const void *) test_native_counter_increment, TEST_NATIVE_COUNTER_INCREMENT_FLAGS}, \
         {"fn pausedIncrement() -> i32", (const void *) test_native_counter_pausedIncrement, TEST_NATIVE_COUNTER_PAUSEDINCREMENT_FLAGS}, \
         {"fn version() -> i32", (const void *) test_native_counter_version, TEST_NATIVE_COUNTER_VERSION_FLAGS} \
     }, \
     5}

#ifdef __cplusplus
}
#endif

#endif /* TEST_NATIVE_COUNTER_H */
