/* test.native.checksum as a Graft plugin: the same answers as zlib, computed here. */
#define TEST_NATIVE_CHECKSUM_CRC32_FLAGS GRAFT_FN_CRITICAL
#define TEST_NATIVE_CHECKSUM_ADLER32_FLAGS GRAFT_FN_CRITICAL
#define GRAFT_IMPLEMENTATION
#include "test_native_checksum.h"

graft_result test_native_checksum_crc32(int64_t crc, const uint8_t *data, size_t data_len, int64_t *result) {
    uint32_t c = ~(uint32_t) crc;
    for (size_t i = 0; i < data_len; i++) {
        c ^= data[i];
        for (int k = 0; k < 8; k++) {
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
        }
    }
    *result = (int64_t) (uint32_t) ~c;
    return graft_ok();
}

graft_result test_native_checksum_adler32(int64_t adler, const uint8_t *data, size_t data_len, int64_t *result) {
    uint32_t a = (uint32_t) adler & 0xffff, b = ((uint32_t) adler >> 16) & 0xffff;
    for (size_t i = 0; i < data_len; i++) {
        a = (a + data[i]) % 65521u;
        b = (b + a) % 65521u;
    }
    *result = (int64_t) ((b << 16) | a);
    return graft_ok();
}

graft_result test_native_checksum_version(graft_out_bytes *result) {
    static const char name[] = "graft-checksum";
    return graft_return_static(result, name, sizeof name - 1);
}

GRAFT_PLUGIN("checksum", "2.0.0", NULL, NULL, TEST_NATIVE_CHECKSUM_CONTRACT);
