/*
 * test_native_kit.h: host module test.native.kit@1.1 for Graft native plugins.
 * Written by graft bindgen from dev.graft.natives.fixture.Kit: do not edit.
 *
 * Import it in the descriptor, then take its table from what init receives:
 *     static const test_native_kit *test_native_kit_;
 *     static graft_result init(const graft_host *host) {
 *         test_native_kit_ = test_native_kit_from(host);
 *         return graft_ok();
 *     }
 *     GRAFT_PLUGIN_IMPORTS("my-plugin", "1.0.0", init, NULL, (TEST_NATIVE_KIT_IMPORT), MY_CONTRACT);
 * The table is valid until the plugin version is unloaded, on any thread. Each function
 * returns a graft_result: status 0, or GRAFT_HOST_FAILED, GRAFT_BAD_HANDLE or GRAFT_BAD_ARGUMENT
 * with the message host->error_message(). A string or bytes result is the plugin's to free
 * with graft_out_free. Never call the host from a GRAFT_FN_CRITICAL function.
 */
#ifndef TEST_NATIVE_KIT_H
#define TEST_NATIVE_KIT_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* record Point */
typedef struct test_native_kit_point {
    int32_t x;
    int32_t y;
} test_native_kit_point;

/* The table of host module test.native.kit@1.1: one function per method, by name. */
typedef struct test_native_kit {
    /* int add(int a, int b): fn add(i32, i32) -> i32, read graft_value_i32(r) */
    graft_result (*add)(int32_t a, int32_t b);
    /* String echo(String text): fn echo(str) -> str, read *result, then graft_out_free(result) */
    graft_result (*echo)(const char *text, size_t text_len, graft_out_bytes *result);
    /* void fail(String message): fn fail(str), no result */
    graft_result (*fail)(const char *message, size_t message_len);
    /* float half(float x): fn half(f32) -> f32, read graft_value_f32(r) */
    graft_result (*half)(float x);
    /* Point move(Point p, int dx): fn move(Point{i32, i32}, i32) -> Point{i32, i32}, read *result */
    graft_result (*move)(test_native_kit_point p, int32_t dx, test_native_kit_point *result);
    /* long multiply(long a, long b): fn multiply(i64, i64) -> i64, read *result */
    graft_result (*multiply)(int64_t a, int64_t b, int64_t *result);
    /* boolean negate(boolean b): fn negate(bool) -> bool, read graft_value_bool(r) */
    graft_result (*negate)(bool b);
    /* void panic(): fn panic(), no result */
    graft_result (*panic)(void);
    /* byte[] reverse(byte[] bytes): fn reverse(bytes) -> bytes, read *result, then graft_out_free(result) */
    graft_result (*reverse)(const uint8_t *bytes, size_t bytes_len, graft_out_bytes *result);
    /* double twice(double x): fn twice(f64) -> f64, read *result */
    graft_result (*twice)(double x, double *result);
    /* not for native plugins: Object opaque(): method opaque, result: expected int, long, float, double, boolean, String, byte[], ByteBuffer or a record of those primitives, found Object */
} test_native_kit;

/* The import entry of host module test.native.kit@1.1, for GRAFT_PLUGIN_IMPORTS: the table's functions, in order. */
#define TEST_NATIVE_KIT_IMPORT \
    {"test.native.kit", "1.1", \
     (const char *const[]) { \
         "fn add(i32, i32) -> i32", \
         "fn echo(str) -> str", \
         "fn fail(str)", \
         "fn half(f32) -> f32", \
         "fn move(Point{i32, i32}, i32) -> Point{i32, i32}", \
         "fn multiply(i64, i64) -> i64", \
         "fn negate(bool) -> bool", \
         "fn panic()", \
         "fn reverse(bytes) -> bytes", \
         "fn twice(f64) -> f64" \
     }, \
     10}

/* The table of test.native.kit in what init receives; NULL if the plugin does not import it. */
static inline const test_native_kit *test_native_kit_from(const graft_host *host) {
    return (const test_native_kit *) graft_host_find(host, "test.native.kit");
}

#ifdef __cplusplus
}
#endif

#endif /* TEST_NATIVE_KIT_H */
