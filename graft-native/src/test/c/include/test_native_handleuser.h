/*
 * test_native_handleuser.h: contract test.native.handleuser@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.natives.fixture.HandleUser: do not edit.
 *
 * Implement every function below in the plugin, then name the contract in its descriptor:
 *     GRAFT_PLUGIN("my-plugin", "1.0.0", NULL, NULL, TEST_NATIVE_HANDLEUSER_CONTRACT);
 * A function that returns quickly, never blocks and never calls back into the host may be
 * marked critical: #define TEST_NATIVE_HANDLEUSER_<METHOD>_FLAGS GRAFT_FN_CRITICAL before the include.
 */
#ifndef TEST_NATIVE_HANDLEUSER_H
#define TEST_NATIVE_HANDLEUSER_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* void append(long handle, String text): fn append(i64, str), return graft_ok() */
graft_result test_native_handleuser_append(int64_t handle, const char *text, size_t text_len);
#ifndef TEST_NATIVE_HANDLEUSER_APPEND_FLAGS
#define TEST_NATIVE_HANDLEUSER_APPEND_FLAGS 0
#endif

/* int leak(int count): fn leak(i32) -> i32, return graft_ok_i32(value) */
graft_result test_native_handleuser_leak(int32_t count);
#ifndef TEST_NATIVE_HANDLEUSER_LEAK_FLAGS
#define TEST_NATIVE_HANDLEUSER_LEAK_FLAGS 0
#endif

/* long number(int n): fn number(i32) -> i64, set *result, return graft_ok() */
graft_result test_native_handleuser_number(int32_t n, int64_t *result);
#ifndef TEST_NATIVE_HANDLEUSER_NUMBER_FLAGS
#define TEST_NATIVE_HANDLEUSER_NUMBER_FLAGS 0
#endif

/* long open(String text): fn open(str) -> i64, set *result, return graft_ok() */
graft_result test_native_handleuser_open(const char *text, size_t text_len, int64_t *result);
#ifndef TEST_NATIVE_HANDLEUSER_OPEN_FLAGS
#define TEST_NATIVE_HANDLEUSER_OPEN_FLAGS 0
#endif

/* String read(long handle): fn read(i64) -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_handleuser_read(int64_t handle, graft_out_bytes *result);
#ifndef TEST_NATIVE_HANDLEUSER_READ_FLAGS
#define TEST_NATIVE_HANDLEUSER_READ_FLAGS 0
#endif

/* int release(long handle): fn release(i64) -> i32, return graft_ok_i32(value) */
graft_result test_native_handleuser_release(int64_t handle);
#ifndef TEST_NATIVE_HANDLEUSER_RELEASE_FLAGS
#define TEST_NATIVE_HANDLEUSER_RELEASE_FLAGS 0
#endif

/* String tryRead(long handle): fn tryRead(i64) -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_handleuser_tryRead(int64_t handle, graft_out_bytes *result);
#ifndef TEST_NATIVE_HANDLEUSER_TRYREAD_FLAGS
#define TEST_NATIVE_HANDLEUSER_TRYREAD_FLAGS 0
#endif

/* int version(): fn version() -> i32, return graft_ok_i32(value) */
graft_result test_native_handleuser_version(void);
#ifndef TEST_NATIVE_HANDLEUSER_VERSION_FLAGS
#define TEST_NATIVE_HANDLEUSER_VERSION_FLAGS 0
#endif

/* The descriptor entry of contract test.native.handleuser@1.0, for GRAFT_PLUGIN. */
#define TEST_NATIVE_HANDLEUSER_CONTRACT \
    {"test.native.handleuser", "1.0", \
     (const graft_function[]) { \
         {"fn append(i64, str)", (const void *) test_native_handleuser_append, TEST_NATIVE_HANDLEUSER_APPEND_FLAGS}, \
         {"fn leak(i32) -> i32", (const void *) test_native_handleuser_leak, TEST_NATIVE_HANDLEUSER_LEAK_FLAGS}, \
         {"fn number(i32) -> i64", (const void *) test_native_handleuser_number, TEST_NATIVE_HANDLEUSER_NUMBER_FLAGS}, \
         {"fn open(str) -> i64", (const void *) test_native_handleuser_open, TEST_NATIVE_HANDLEUSER_OPEN_FLAGS}, \
         {"fn read(i64) -> str", (const void *) test_native_handleuser_read, TEST_NATIVE_HANDLEUSER_READ_FLAGS}, \
         {"fn release(i64) -> i32", (const void *) test_native_handleuser_release, TEST_NATIVE_HANDLEUSER_RELEASE_FLAGS}, \
         {"fn tryRead(i64) -> str", (const void *) test_native_handleuser_tryRead, TEST_NATIVE_HANDLEUSER_TRYREAD_FLAGS}, \
         {"fn version() -> i32", (const void *) test_native_handleuser_version, TEST_NATIVE_HANDLEUSER_VERSION_FLAGS} \
     }, \
     8}

#ifdef __cplusplus
}
#endif

#endif /* TEST_NATIVE_HANDLEUSER_H */
