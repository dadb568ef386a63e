/*
 * test_native_types.h: contract test.native.types@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.natives.fixture.Types: do not edit.
 *
 * Implement every function below in the plugin, then name the contract in its descriptor:
 *     GRAFT_PLUGIN("my-plugin", "1.0.0", NULL, NULL, TEST_NATIVE_TYPES_CONTRACT);
 * A function that returns quickly, never blocks and never calls back into the host may be
 * marked critical: #define TEST_NATIVE_TYPES_<METHOD>_FLAGS GRAFT_FN_CRITICAL before the include.
 */
#ifndef TEST_NATIVE_TYPES_H
#define TEST_NATIVE_TYPES_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* record Point */
typedef struct test_native_types_point {
    int32_t x;
    int32_t y;
} test_native_types_point;

/* record Mixed */
typedef struct test_native_types_mixed {
    bool flag;
    double value;
    int32_t count;
} test_native_types_mixed;

/* int add(int a, int b): fn add(i32, i32) -> i32, return graft_ok_i32(value) */
graft_result test_native_types_add(int32_t a, int32_t b);
#ifndef TEST_NATIVE_TYPES_ADD_FLAGS
#define TEST_NATIVE_TYPES_ADD_FLAGS 0
#endif

/* String bracket(String text): fn bracket(str) -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_types_bracket(const char *text, size_t text_len, graft_out_bytes *result);
#ifndef TEST_NATIVE_TYPES_BRACKET_FLAGS
#define TEST_NATIVE_TYPES_BRACKET_FLAGS 0
#endif

/* void bump(int n): fn bump(i32), return graft_ok() */
graft_result test_native_types_bump(int32_t n);
#ifndef TEST_NATIVE_TYPES_BUMP_FLAGS
#define TEST_NATIVE_TYPES_BUMP_FLAGS 0
#endif

/* int counter(): fn counter() -> i32, return graft_ok_i32(value) */
graft_result test_native_types_counter(void);
#ifndef TEST_NATIVE_TYPES_COUNTER_FLAGS
#define TEST_NATIVE_TYPES_COUNTER_FLAGS 0
#endif

/* ByteBuffer doubled(ByteBuffer buffer): fn doubled(bytes) -> bytes, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_types_doubled(const uint8_t *buffer, size_t buffer_len, graft_out_bytes *result);
#ifndef TEST_NATIVE_TYPES_DOUBLED_FLAGS
#define TEST_NATIVE_TYPES_DOUBLED_FLAGS 0
#endif

/* boolean even(int n): fn even(i32) -> bool, return graft_ok_bool(value) */
graft_result test_native_types_even(int32_t n);
#ifndef TEST_NATIVE_TYPES_EVEN_FLAGS
#define TEST_NATIVE_TYPES_EVEN_FLAGS 0
#endif

/* int fail(int status): fn fail(i32) -> i32, return graft_ok_i32(value) */
graft_result test_native_types_fail(int32_t status);
#ifndef TEST_NATIVE_TYPES_FAIL_FLAGS
#define TEST_NATIVE_TYPES_FAIL_FLAGS 0
#endif

/* float half(float x): fn half(f32) -> f32, return graft_ok_f32(value) */
graft_result test_native_types_half(float x);
#ifndef TEST_NATIVE_TYPES_HALF_FLAGS
#define TEST_NATIVE_TYPES_HALF_FLAGS 0
#endif

/* String motto(): fn motto() -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_types_motto(graft_out_bytes *result);
#ifndef TEST_NATIVE_TYPES_MOTTO_FLAGS
#define TEST_NATIVE_TYPES_MOTTO_FLAGS 0
#endif

/* Point move(Point p, int dx, int dy): fn move(Point{i32, i32}, i32, i32) -> Point{i32, i32}, set *result, return graft_ok() */
graft_result test_native_types_move(test_native_types_point p, int32_t dx, int32_t dy, test_native_types_point *result);
#ifndef TEST_NATIVE_TYPES_MOVE_FLAGS
#define TEST_NATIVE_TYPES_MOVE_FLAGS 0
#endif

/* long multiply(long a, long b): fn multiply(i64, i64) -> i64, set *result, return graft_ok() */
graft_result test_native_types_multiply(int64_t a, int64_t b, int64_t *result);
#ifndef TEST_NATIVE_TYPES_MULTIPLY_FLAGS
#define TEST_NATIVE_TYPES_MULTIPLY_FLAGS 0
#endif

/* String notUtf8(): fn notUtf8() -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_types_notUtf8(graft_out_bytes *result);
#ifndef TEST_NATIVE_TYPES_NOTUTF8_FLAGS
#define TEST_NATIVE_TYPES_NOTUTF8_FLAGS 0
#endif

/* String nothing(): fn nothing() -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_types_nothing(graft_out_bytes *result);
#ifndef TEST_NATIVE_TYPES_NOTHING_FLAGS
#define TEST_NATIVE_TYPES_NOTHING_FLAGS 0
#endif

/* byte[] reversed(byte[] bytes): fn reversed(bytes) -> bytes, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_types_reversed(const uint8_t *bytes, size_t bytes_len, graft_out_bytes *result);
#ifndef TEST_NATIVE_TYPES_REVERSED_FLAGS
#define TEST_NATIVE_TYPES_REVERSED_FLAGS 0
#endif

/* double scale(double x, float by): fn scale(f64, f32) -> f64, set *result, return graft_ok() */
graft_result test_native_types_scale(double x, float by, double *result);
#ifndef TEST_NATIVE_TYPES_SCALE_FLAGS
#define TEST_NATIVE_TYPES_SCALE_FLAGS 0
#endif

/* int sum(byte[] bytes): fn sum(bytes) -> i32, return graft_ok_i32(value) */
graft_result test_native_types_sum(const uint8_t *bytes, size_t bytes_len);
#ifndef TEST_NATIVE_TYPES_SUM_FLAGS
#define TEST_NATIVE_TYPES_SUM_FLAGS 0
#endif

/* int sumBuffer(ByteBuffer buffer): fn sumBuffer(bytes) -> i32, return graft_ok_i32(value) */
graft_result test_native_types_sumBuffer(const uint8_t *buffer, size_t buffer_len);
#ifndef TEST_NATIVE_TYPES_SUMBUFFER_FLAGS
#define TEST_NATIVE_TYPES_SUMBUFFER_FLAGS 0
#endif

/* Mixed twice(Mixed m): fn twice(Mixed{bool, f64, i32}) -> Mixed{bool, f64, i32}, set *result, return graft_ok() */
graft_result test_native_types_twice(test_native_types_mixed m, test_native_types_mixed *result);
#ifndef TEST_NATIVE_TYPES_TWICE_FLAGS
#define TEST_NATIVE_TYPES_TWICE_FLAGS 0
#endif

/* int utf8Length(String text): fn utf8Length(str) -> i32, return graft_ok_i32(value) */
graft_result test_native_types_utf8Length(const char *text, size_t text_len);
#ifndef TEST_NATIVE_TYPES_UTF8LENGTH_FLAGS
#define TEST_NATIVE_TYPES_UTF8LENGTH_FLAGS 0
#endif

/* The descriptor entry of contract test.native.types@1.0, for GRAFT_PLUGIN. */
#define TEST_NATIVE_TYPES_CONTRACT \
    {"test.native.types", "1.0", \
     (const graft_function[]) { \
         {"fn add(i32, i32) -> i32", (const void *) test_native_types_add, TEST_NATIVE_TYPES_ADD_FLAGS}, \
         {"fn bracket(str) -> str", (const void *) test_native_types_bracket, TEST_NATIVE_TYPES_BRACKET_FLAGS}, \
         {"fn bump(i32)", (const void *) test_native_types_bump, TEST_NATIVE_TYPES_BUMP_FLAGS}, \
         {"fn counter() -> i32", (const void *) test_native_types_counter, TEST_NATIVE_TYPES_COUNTER_FLAGS}, \
         {"fn doubled(bytes) -> bytes", (const void *) test_native_types_doubled, TEST_NATIVE_TYPES_DOUBLED_FLAGS}, \
         {"fn even(i32) -> bool", (const void *) test_native_types_even, TEST_NATIVE_TYPES_EVEN_FLAGS}, \
         {"fn fail(i32) -> i32", (const void *) test_native_types_fail, TEST_NATIVE_TYPES_FAIL_FLAGS}, \
         {"fn half(f32) -> f32", (const void *) test_native_types_half, TEST_NATIVE_TYPES_HALF_FLAGS}, \
         {"fn motto() -> str", (const void *) test_native_types_motto, TEST_NATIVE_TYPES_MOTTO_FLAGS}, \
         {"fn move(Point{i32, i32}, i32, i32) -> Point{i32, i32}", (const void *) test_native_types_move, TEST_NATIVE_TYPES_MOVE_FLAGS}, \
         {"fn multiply(i64, i64) -> i64", (const void *) test_native_types_multiply, TEST_NATIVE_TYPES_MULTIPLY_FLAGS}, \
         {"fn notUtf8() -> str", (const void *) test_native_types_notUtf8, TEST_NATIVE_TYPES_NOTUTF8_FLAGS}, \
         {"fn nothing() -> str", (const void *) test_native_types_nothing, TEST_NATIVE_TYPES_NOTHING_FLAGS}, \
         {"fn reversed(bytes) -> bytes", (const void *) test_native_types_reversed, TEST_NATIVE_TYPES_REVERSED_FLAGS}, \
         {"fn scale(f64, f32) -> f64", (const void *) test_native_types_scale, TEST_NATIVE_TYPES_SCALE_FLAGS}, \
         {"fn sum(bytes) -> i32", (const void *) test_native_types_sum, TEST_NATIVE_TYPES_SUM_FLAGS}, \
         {"fn sumBuffer(bytes) -> i32", (const void *) test_native_types_sumBuffer, TEST_NATIVE_TYPES_SUMBUFFER_FLAGS}, \
         {"fn twice(Mixed{bool, f64, i32}) -> Mixed{bool, f64, i32}", (const void *) test_native_types_twice, TEST_NATIVE_TYPES_TWICE_FLAGS}, \
         {"fn utf8Length(str) -> i32", (const void *) test_native_types_utf8Length, TEST_NATIVE_TYPES_UTF8LENGTH_FLAGS} \
     }, \
     19}

#ifdef __cplusplus
}
#endif

#endif /* TEST_NATIVE_TYPES_H */
