/*
 * test_native_blob.h: contract test.native.blob@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.natives.fixture.Blob: do not edit.
 *
 * Implement every function below in the plugin, then name the contract in its descriptor:
 *     GRAFT_PLUGIN("my-plugin", "1.0.0", NULL, NULL, TEST_NATIVE_BLOB_CONTRACT);
 * A function that returns quickly, never blocks and never calls back into the host may be
 * marked critical: #define TEST_NATIVE_BLOB_<METHOD>_FLAGS GRAFT_FN_CRITICAL before the include.
 */
#ifndef TEST_NATIVE_BLOB_H
#define TEST_NATIVE_BLOB_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* byte[] read(): fn read() -> bytes, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result test_native_blob_read(graft_out_bytes *result);
#ifndef TEST_NATIVE_BLOB_READ_FLAGS
#define TEST_NATIVE_BLOB_READ_FLAGS 0
#endif

/* void write(byte[] bytes): fn write(bytes), return graft_ok() */
graft_result test_native_blob_write(const uint8_t *bytes, size_t bytes_len);
#ifndef TEST_NATIVE_BLOB_WRITE_FLAGS
#define TEST_NATIVE_BLOB_WRITE_FLAGS 0
#endif

/* The descriptor entry of contract test.native.blob@1.0, for GRAFT_PLUGIN. */
#define TEST_NATIVE_BLOB_CONTRACT \
    {"test.native.blob", "1.0", \
     (const graft_function[]) { \
         {"fn read() -> bytes", (const void *) test_native_blob_read, TEST_NATIVE_BLOB_READ_FLAGS}, \
         {"fn write(bytes)", (const void *) test_native_blob_write, TEST_NATIVE_BLOB_WRITE_FLAGS} \
     }, \
     2}

#ifdef __cplusplus
}
#endif

#endif /* TEST_NATIVE_BLOB_H */
