/*
 * test_native_hostuser.h: contract test.native.hostuser@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.natives.fixture.HostUser: do not edit.
 *
 * Implement every function below in the plugin, then name the contract in its descriptor:
 *     GRAFT_PLUGIN("my-plugin", "1.0.0", NULL, NULL, TEST_NATIVE_HOSTUSER_CONTRACT);
 * A function that returns quickly, never blocks and never calls back into the host may be
 * marked critical: #define TEST_NATIVE_HOSTUSER_<METHOD>_FLAGS GRAFT_FN_CRITICAL before the include.
 */
#ifndef TEST_NATIVE_HOSTUSER_H
#define TEST_NATIVE_HOSTUSER_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* record Point */
typedef struct test_native_hostuser_point {
    int32_t x;
    int32_t y;
} test_native_hostuser_point;

/* int add(int a, int b): fn add(i32, i32) -> i32, return graft_ok_i32(value) */
graft_result test_native_hostuser_add(int32_t a, int32_t b);
#ifndef TEST_NATIVE_HOSTUSER_ADD_FLAGS
#define TEST_NATIVE_HOSTUSER_ADD_FLAGS 0
#endif

/* String config(String key): fn config(str) -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_hostuser_config(const char *key, size_t key_len, graft_out_bytes *result);
#ifndef TEST_NATIVE_HOSTUSER_CONFIG_FLAGS
#define TEST_NATIVE_HOSTUSER_CONFIG_FLAGS 0
#endif

/* String echo(String text): fn echo(str) -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_hostuser_echo(const char *text, size_t text_len, graft_out_bytes *result);
#ifndef TEST_NATIVE_HOSTUSER_ECHO_FLAGS
#define TEST_NATIVE_HOSTUSER_ECHO_FLAGS 0
#endif

/* String echoBad(int which): fn echoBad(i32) -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_hostuser_echoBad(int32_t which, graft_out_bytes *result);
#ifndef TEST_NATIVE_HOSTUSER_ECHOBAD_FLAGS
#define TEST_NATIVE_HOSTUSER_ECHOBAD_FLAGS 0
#endif

/* int fail(String message): fn fail(str) -> i32, return graft_ok_i32(value) */
graft_result test_native_hostuser_fail(const char *message, size_t message_len);
#ifndef TEST_NATIVE_HOSTUSER_FAIL_FLAGS
#define TEST_NATIVE_HOSTUSER_FAIL_FLAGS 0
#endif

/* String fromNativeThread(String text): fn fromNativeThread(str) -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_hostuser_fromNativeThread(const char *text, size_t text_len, graft_out_bytes *result);
#ifndef TEST_NATIVE_HOSTUSER_FROMNATIVETHREAD_FLAGS
#define TEST_NATIVE_HOSTUSER_FROMNATIVETHREAD_FLAGS 0
#endif

/* float half(float x): fn half(f32) -> f32, return graft_ok_f32(value) */
graft_result test_native_hostuser_half(float x);
#ifndef TEST_NATIVE_HOSTUSER_HALF_FLAGS
#define TEST_NATIVE_HOSTUSER_HALF_FLAGS 0
#endif

/* void log(String message): fn log(str), return graft_ok() */
graft_result test_native_hostuser_log(const char *message, size_t message_len);
#ifndef TEST_NATIVE_HOSTUSER_LOG_FLAGS
#define TEST_NATIVE_HOSTUSER_LOG_FLAGS 0
#endif

/* Point move(Point p, int dx): fn move(Point{i32, i32}, i32) -> Point{i32, i32}, set *result, return graft_ok() */
graft_result test_native_hostuser_move(test_native_hostuser_point p, int32_t dx, test_native_hostuser_point *result);
#ifndef TEST_NATIVE_HOSTUSER_MOVE_FLAGS
#define TEST_NATIVE_HOSTUSER_MOVE_FLAGS 0
#endif

/* long multiply(long a, long b): fn multiply(i64, i64) -> i64, set *result, return graft_ok() */
graft_result test_native_hostuser_multiply(int64_t a, int64_t b, int64_t *result);
#ifndef TEST_NATIVE_HOSTUSER_MULTIPLY_FLAGS
#define TEST_NATIVE_HOSTUSER_MULTIPLY_FLAGS 0
#endif

/* boolean negate(boolean b): fn negate(bool) -> bool, return graft_ok_bool(value) */
graft_result test_native_hostuser_negate(bool b);
#ifndef TEST_NATIVE_HOSTUSER_NEGATE_FLAGS
#define TEST_NATIVE_HOSTUSER_NEGATE_FLAGS 0
#endif

/* byte[] reverse(byte[] bytes): fn reverse(bytes) -> bytes, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_hostuser_reverse(const uint8_t *bytes, size_t bytes_len, graft_out_bytes *result);
#ifndef TEST_NATIVE_HOSTUSER_REVERSE_FLAGS
#define TEST_NATIVE_HOSTUSER_REVERSE_FLAGS 0
#endif

/* String tryFail(String message): fn tryFail(str) -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_hostuser_tryFail(const char *message, size_t message_len, graft_out_bytes *result);
#ifndef TEST_NATIVE_HOSTUSER_TRYFAIL_FLAGS
#define TEST_NATIVE_HOSTUSER_TRYFAIL_FLAGS 0
#endif

/* String tryPanic(): fn tryPanic() -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_hostuser_tryPanic(graft_out_bytes *result);
#ifndef TEST_NATIVE_HOSTUSER_TRYPANIC_FLAGS
#define TEST_NATIVE_HOSTUSER_TRYPANIC_FLAGS 0
#endif

/* double twice(double x): fn twice(f64) -> f64, set *result, return graft_ok() */
graft_result test_native_hostuser_twice(double x, double *result);
#ifndef TEST_NATIVE_HOSTUSER_TWICE_FLAGS
#define TEST_NATIVE_HOSTUSER_TWICE_FLAGS 0
#endif

/* int version(): fn version() -> i32, return graft_ok_i32(value) */
graft_result test_native_hostuser_version(void);
#ifndef TEST_NATIVE_HOSTUSER_VERSION_FLAGS
#define TEST_NATIVE_HOSTUSER_VERSION_FLAGS 0
#endif

/* The descriptor entry of contract test.native.hostuser@1.0, for GRAFT_PLUGIN. */
#define TEST_NATIVE_HOSTUSER_CONTRACT \
    {"test.native.hostuser", "1.0", \
     (const graft_function[]) { \
         {"fn add(i32, i32) -> i32", (const void *) test_native_hostuser_add, TEST_NATIVE_HOSTUSER_ADD_FLAGS}, \
         {"fn config(str) -> str", (const void *) test_native_hostuser_config, TEST_NATIVE_HOSTUSER_CONFIG_FLAGS}, \
         {"fn echo(str) -> str", (const void *) test_native_hostuser_echo, TEST_NATIVE_HOSTUSER_ECHO_FLAGS}, \
         {"fn echoBad(i32) -> str", (const void *) test_native_hostuser_echoBad, TEST_NATIVE_HOSTUSER_ECHOBAD_FLAGS}, \
         {"fn fail(str) -> i32", (const void *) test_native_hostuser_fail, TEST_NATIVE_HOSTUSER_FAIL_FLAGS}, \
         {"fn fromNativeThread(str) -> str", (const void *) test_native_hostuser_fromNativeThread, TEST_NATIVE_HOSTUSER_FROMNATIVETHREAD_FLAGS}, \
         {"fn half(f32) -> f32", (const void *) test_native_hostuser_half, TEST_NATIVE_HOSTUSER_HALF_FLAGS}, \
         {"fn log(str)", (const void *) test_native_hostuser_log, TEST_NATIVE_HOSTUSER_LOG_FLAGS}, \
         {"fn move(Point{i32, i32}, i32) -> Point{i32, i32}", (const void *) test_native_hostuser_move, TEST_NATIVE_HOSTUSER_MOVE_FLAGS}, \
         {"fn multiply(i64, i64) -> i64", (const void *) test_native_hostuser_multiply, TEST_NATIVE_HOSTUSER_MULTIPLY_FLAGS}, \
         {"fn negate(bool) -> bool", (const void *) test_native_hostuser_negate, TEST_NATIVE_HOSTUSER_NEGATE_FLAGS}, \
         {"fn reverse(bytes) -> bytes", (const void *) test_native_hostuser_reverse, TEST_NATIVE_HOSTUSER_REVERSE_FLAGS}, \
         {"fn tryFail(str) -> str", (const void *) test_native_hostuser_tryFail, TEST_NATIVE_HOSTUSER_TRYFAIL_FLAGS}, \
         {"fn tryPanic() -> str", (const void *) test_native_hostuser_tryPanic, TEST_NATIVE_HOSTUSER_TRYPANIC_FLAGS}, \
         {"fn twice(f64) -> f64", (const void *) test_native_hostuser_twice, TEST_NATIVE_HOSTUSER_TWICE_FLAGS}, \
         {"fn version() -> i32", (const void *) test_native_hostuser_version, TEST_NATIVE_HOSTUSER_VERSION_FLAGS} \
     }, \
     16}

#ifdef __cplusplus
}
#endif

#endif /* TEST_NATIVE_HOSTUSER_H */
