/*
 * test_native_store.h: host module test.native.store@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.natives.fixture.Store: do not edit.
 *
 * Import it in the descriptor, then take its table from what init receives:
 *     static const test_native_store *test_native_store_;
 *     static graft_result init(const graft_host *host) {
 *         test_native_store_ = test_native_store_from(host);
 *         return graft_ok();
 *     }
 *     GRAFT_PLUGIN_IMPORTS("my-plugin", "1.0.0", init, NULL, (TEST_NATIVE_STORE_IMPORT), MY_CONTRACT);
 * The table is valid until the plugin version is unloaded, on any thread. Each function
 * returns a graft_result: status 0, or GRAFT_HOST_FAILED, GRAFT_BAD_HANDLE or GRAFT_BAD_ARGUMENT
 * with the message host->error_message(). A string or bytes result is the plugin's to free
 * with graft_out_free. Never call the host from a GRAFT_FN_CRITICAL function.
 */
#ifndef TEST_NATIVE_STORE_H
#define TEST_NATIVE_STORE_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The table of host module test.native.store@1.0: one function per method, by name. */
typedef struct test_native_store {
    /* void append(long handle, String text): fn append(i64, str), no result */
    graft_result (*append)(int64_t handle, const char *text, size_t text_len);
    /* long number(int n): fn number(i32) -> i64, read *result */
    graft_result (*number)(int32_t n, int64_t *result);
    /* long open(String text): fn open(str) -> i64, read *result */
    graft_result (*open)(const char *text, size_t text_len, int64_t *result);
    /* String read(long handle): fn read(i64) -> str, read *result, then graft_out_free(result) */
    graft_result (*read)(int64_t handle, graft_out_bytes *result);
} test_native_store;

/* The import entry of host module test.native.store@1.0, for GRAFT_PLUGIN_IMPORTS: the table's functions, in order. */
#define TEST_NATIVE_STORE_IMPORT \
    {"test.native.store", "1.0", \
     (const char *const[]) { \
         "fn append(i64, str)", \
         "fn number(i32) -> i64", \
         "fn open(str) -> i64", \
         "fn read(i64) -> str" \
     }, \
     4}

/* The table of test.native.store in what init receives; NULL if the plugin does not import it. */
static inline const test_native_store *test_native_store_from(const graft_host *host) {
    return (const test_native_store *) graft_host_find(host, "test.native.store");
}

#ifdef __cplusplus
}
#endif

#endif /* TEST_NATIVE_STORE_H */
