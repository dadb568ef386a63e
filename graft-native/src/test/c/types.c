/* Serves test.native.types: every type the C ABI carries. */
#define TEST_NATIVE_TYPES_SUM_FLAGS GRAFT_FN_CRITICAL
#define GRAFT_IMPLEMENTATION
#include "test_native_types.h"

#include <stdatomic.h>

static atomic_int counter;

graft_result test_native_types_add(int32_t a, int32_t b) { return graft_ok_i32(a + b); }

graft_result test_native_types_multiply(int64_t a, int64_t b, int64_t *result) {
    *result = a * b;
    return graft_ok();
}

graft_result test_native_types_half(float x) { return graft_ok_f32(x / 2); }

graft_result test_native_types_scale(double x, float by, double *result) {
    *result = x * by;
    return graft_ok();
}

graft_result test_native_types_even(int32_t n) { return graft_ok_bool(n % 2 == 0); }

graft_result test_native_types_bump(int32_t n) {
    atomic_fetch_add(&counter, n);
    return graft_ok();
}

graft_result test_native_types_counter(void) { return graft_ok_i32(atomic_load(&counter)); }

graft_result test_native_types_bracket(const char *text, size_t text_len, graft_out_bytes *result) {
    return graft_return_format(result, "[%.*s]", (int) text_len, text);
}

graft_result test_native_types_motto(graft_out_bytes *result) {
    static const char motto[] = "caf\xc3\xa9 ok";
    return graft_return_static(result, motto, sizeof motto - 1);
}

graft_result test_native_types_utf8Length(const char *text, size_t text_len) {
    if (text != NULL && text[text_len] != '\0') {
        return graft_fail(2, "expected a NUL after %zu bytes", text_len);
    }
    return graft_ok_i32(text == NULL ? -1 : (int32_t) text_len);
}

graft_result test_native_types_nothing(graft_out_bytes *result) {
    (void) result;
    return graft_ok();
}

graft_result test_native_types_reversed(const uint8_t *bytes, size_t bytes_len, graft_out_bytes *result) {
    uint8_t copy[256];
    if (bytes_len > sizeof copy) {
        return graft_fail(3, "expected at most %zu bytes, found %zu", sizeof copy, bytes_len);
    }
    for (size_t i = 0; i < bytes_len; i++) {
        copy[i] = bytes[bytes_len - 1 - i];
    }
    return graft_return_bytes(result, copy, bytes_len);
}

static int32_t sum(const uint8_t *bytes, size_t len) {
    int32_t total = 0;
    for (size_t i = 0; i < len; i++) {
        total += bytes[i];
    }
    return total;
}

graft_result test_native_types_sum(const uint8_t *bytes, size_t bytes_len) { return graft_ok_i32(sum(bytes, bytes_len)); }

graft_result test_native_types_sumBuffer(const uint8_t *buffer, size_t buffer_len) {
    return graft_ok_i32(sum(buffer, buffer_len));
}

graft_result test_native_types_doubled(const uint8_t *buffer, size_t buffer_len, graft_out_bytes *result) {
    uint8_t copy[512];
    if (buffer_len * 2 > sizeof copy) {
        return graft_fail(3, "too long");
    }
    memcpy(copy, buffer, buffer_len);
    memcpy(copy + buffer_len, buffer, buffer_len);
    return graft_return_bytes(result, copy, buffer_len * 2);
}

graft_result test_native_types_move(test_native_types_point p, int32_t dx, int32_t dy, test_native_types_point *result) {
    result->x = p.x + dx;
    result->y = p.y + dy;
    return graft_ok();
}

graft_result test_native_types_twice(test_native_types_mixed m, test_native_types_mixed *result) {
    result->flag = !m.flag;
    result->value = m.value * 2;
    result->count = m.count * 2;
    return graft_ok();
}

graft_result test_native_types_fail(int32_t status) { return graft_fail(status, "asked to fail with %d", status); }

graft_result test_native_types_notUtf8(graft_out_bytes *result) {
    static const char bad[] = "ok\xff\xfe";
    return graft_return_static(result, bad, sizeof bad - 1);
}

GRAFT_PLUGIN("types", "1.0.0", NULL, NULL, TEST_NATIVE_TYPES_CONTRACT);
