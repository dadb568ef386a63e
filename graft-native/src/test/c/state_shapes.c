/* Serves test.native.blob: its state block as bytes, in one shape per build (-DSHAPE=N, plugin
 * version N.0.0). The mapping tests reload from one shape to the next; the shapes from 90 on are
 * declarations the host refuses. */
#define GRAFT_IMPLEMENTATION
#include "test_native_blob.h"

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)
#ifndef SHAPE
#define SHAPE 1
#endif

#if SHAPE == 1 /* widened: i32 -> i64 */
typedef struct blob_state { int32_t n; int64_t keep; } blob_state;
#define DECLARATION "n: i32; keep: i64"
#elif SHAPE == 2
typedef struct blob_state { int64_t n; int64_t keep; } blob_state;
#define DECLARATION "n: i64; keep: i64"
#elif SHAPE == 3 /* widened: f32 -> f64 */
typedef struct blob_state { float x; } blob_state;
#define DECLARATION "x: f32"
#elif SHAPE == 4
typedef struct blob_state { double x; } blob_state;
#define DECLARATION "x: f64"
#elif SHAPE == 5 /* widened: i16 -> i32 */
typedef struct blob_state { int16_t s; } blob_state;
#define DECLARATION "s: i16"
#elif SHAPE == 6
typedef struct blob_state { int32_t s; } blob_state;
#define DECLARATION "s: i32"
#elif SHAPE == 7 /* longer arrays: char[8] -> char[16], u8[4] -> u8[8] */
typedef struct blob_state { char name[8]; uint8_t raw[4]; } blob_state;
#define DECLARATION "name: char[8]; raw: u8[4]"
#elif SHAPE == 8
typedef struct blob_state { char name[16]; uint8_t raw[8]; } blob_state;
#define DECLARATION "name: char[16]; raw: u8[8]"
#elif SHAPE == 9 /* narrowed: i64 -> i32 is reset */
typedef struct blob_state { int64_t big; } blob_state;
#define DECLARATION "big: i64"
#elif SHAPE == 10
typedef struct blob_state { int32_t big; } blob_state;
#define DECLARATION "big: i32"
#elif SHAPE == 11 /* a field dropped, one new */
typedef struct blob_state { int32_t old; int32_t kept; } blob_state;
#define DECLARATION "old: i32; kept: i32"
#elif SHAPE == 12
typedef struct blob_state { int32_t kept; int64_t added; } blob_state;
#define DECLARATION "kept: i32; added: i64"
#elif SHAPE == 13 /* renamed */
typedef struct blob_state { int64_t count; } blob_state;
#define DECLARATION "count: i64"
#elif SHAPE == 14
typedef struct blob_state { int64_t total; } blob_state;
#define DECLARATION "total: i64 was count"
#elif SHAPE == 15 /* a field added to a nested struct */
typedef struct blob_state { int8_t flag; struct { int32_t x; int32_t y; } origin; } blob_state;
#define DECLARATION "flag: i8; origin: struct{x: i32; y: i32}"
#elif SHAPE == 16
typedef struct blob_state { int8_t flag; struct { int32_t x; int32_t y; int64_t z; } origin; } blob_state;
#define DECLARATION "flag: i8; origin: struct{x: i32; y: i32; z: i64}"
#elif SHAPE == 90 /* malformed: no ':' */
typedef struct blob_state { int64_t count; } blob_state;
#define DECLARATION "count: i64; total i64"
#elif SHAPE == 91 /* a type only JVM state holds */
typedef struct blob_state { const char *name; } blob_state;
#define DECLARATION "name: str"
#elif SHAPE == 92 /* the size of other fields than declared */
typedef struct blob_state { int64_t greetings; char last[5]; } blob_state;
#define DECLARATION "greetings: i64; last: char[5]"
#define STATE_SIZE 13
#elif SHAPE == 93 /* a size without a declaration */
typedef struct blob_state { int64_t count; } blob_state;
#define DECLARATION NULL
#elif SHAPE == 94 /* a declaration without a size */
typedef struct blob_state { int64_t count; } blob_state;
#define DECLARATION "count: i64"
#define STATE_SIZE 0
#else
#error "expected -DSHAPE=N with a shape this file has"
#endif

#ifndef STATE_SIZE
#define STATE_SIZE sizeof(blob_state)
#endif

static blob_state *state;

static graft_result init(const graft_host *host) {
    state = graft_state(host);
    return state == NULL ? graft_fail(GRAFT_FAILED, "expected a state block, found NULL") : graft_ok();
}

graft_result test_native_blob_write(const uint8_t *bytes, size_t bytes_len) {
    if (bytes_len != sizeof *state) {
        return graft_fail(GRAFT_BAD_ARGUMENT, "expected %zu bytes, found %zu", sizeof *state, bytes_len);
    }
    memcpy(state, bytes, bytes_len);
    return graft_ok();
}

graft_result test_native_blob_read(graft_out_bytes *result) {
    return graft_return_bytes(result, state, sizeof *state);
}

GRAFT_PLUGIN_STATE("blob", STRINGIFY(SHAPE) ".0.0", init, NULL, DECLARATION, STATE_SIZE, TEST_NATIVE_BLOB_CONTRACT);
