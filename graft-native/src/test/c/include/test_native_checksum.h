/*
 * test_native_checksum.h: contract test.native.checksum@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.natives.fixture.Checksum: do not edit.
 *
 * Implement every function below in the plugin, then name the contract in its descriptor:
 *     GRAFT_PLUGIN("my-plugin", "1.0.0", NULL, NULL, TEST_NATIVE_CHECKSUM_CONTRACT);
 * A function that returns quickly, never blocks and never calls back into the host may be
 * marked critical: #define TEST_NATIVE_CHECKSUM_<METHOD>_FLAGS GRAFT_FN_CRITICAL before the include.
 */
#ifndef TEST_NATIVE_CHECKSUM_H
#define TEST_NATIVE_CHECKSUM_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* long adler32(long adler, byte[] data): fn adler32(i64, bytes) -> i64, set *result, return graft_ok() */
graft_result test_native_checksum_adler32(int64_t adler, const uint8_t *data, size_t data_len, int64_t *result);
#ifndef TEST_NATIVE_CHECKSUM_ADLER32_FLAGS
#define TEST_NATIVE_CHECKSUM_ADLER32_FLAGS 0
#endif

/* long crc32(long crc, byte[] data): fn crc32(i64, bytes) -> i64, set *result, return graft_ok() */
graft_result test_native_checksum_crc32(int64_t crc, const uint8_t *data, size_t data_len, int64_t *result);
#ifndef TEST_NATIVE_CHECKSUM_CRC32_FLAGS
#define TEST_NATIVE_CHECKSUM_CRC32_FLAGS 0
#endif

/* String version(): fn version() -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_checksum_version(graft_out_bytes *result);
#ifndef TEST_NATIVE_CHECKSUM_VERSION_FLAGS
#define TEST_NATIVE_CHECKSUM_VERSION_FLAGS 0
#endif

/* The descriptor entry of contract test.native.checksum@1.0, for GRAFT_PLUGIN. */
#define TEST_NATIVE_CHECKSUM_CONTRACT \
    {"test.native.checksum", "1.0", \
     (const graft_function[]) { \
         {"fn adler32(i64, bytes) -> i64", (const void *) test_native_checksum_adler32, TEST_NATIVE_CHECKSUM_ADLER32_FLAGS}, \
         {"fn crc32(i64, bytes) -> i64", (const void *) test_native_checksum_crc32, TEST_NATIVE_CHECKSUM_CRC32_FLAGS}, \
         {"fn version() -> str", (const void *) test_native_checksum_version, TEST_NATIVE_CHECKSUM_VERSION_FLAGS} \
     }, \
     3}

#ifdef __cplusplus
}
#endif

#endif /* TEST_NATIVE_CHECKSUM_H */
