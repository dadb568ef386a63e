/*
 * test_native_pause.h: host module test.native.pause@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.natives.fixture.Pause: do not edit.
 *
 * Import it in the descriptor, then take its table from what init receives:
 *     static const test_native_pause *test_native_pause_;
 *     static graft_result init(const graft_host *host) {
 *         test_native_pause_ = test_native_pause_from(host);
 *         return graft_ok();
 *     }
 *     GRAFT_PLUGIN_IMPORTS("my-plugin", "1.0.0", init, NULL, (TEST_NATIVE_PAUSE_IMPORT), MY_CONTRACT);
 * The table is valid until the plugin version is unloaded, on any thread. Each function
 * returns a graft_result: status 0, or GRAFT_HOST_FAILED, GRAFT_BAD_HANDLE or GRAFT_BAD_ARGUMENT
 * with the message host->error_message(). A string or bytes result is the plugin's to free
 * with graft_out_free. Never call the host from a GRAFT_FN_CRITICAL function.
 */
#ifndef TEST_NATIVE_PAUSE_H
#define TEST_NATIVE_PAUSE_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The table of host module test.native.pause@1.0: one function per method, by name. */
typedef struct test_native_pause {
    /* void pause(): fn pause(), no result */
    graft_result (*pause)(void);
} test_native_pause;

/* The import entry of host module test.native.pause@1.0, for GRAFT_PLUGIN_IMPORTS: the table's functions, in order. */
#define TEST_NATIVE_PAUSE_IMPORT \
    {"test.native.pause", "1.0", \
     (const char *const[]) { \
         "fn pause()" \
     }, \
     1}

/* The table of test.native.pause in what init receives; NULL if the plugin does not import it. */
static inline const test_native_pause *test_native_pause_from(const graft_host *host) {
    return (const test_native_pause *) graft_host_find(host, "test.native.pause");
}

#ifdef __cplusplus
}
#endif

#endif /* TEST_NATIVE_PAUSE_H */
