/*
 * example_tally.h: host module example.tally@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.examples.greeter.Tally: do not edit.
 *
 * Import it in the descriptor, then take its table from what init receives:
 *     static const example_tally *example_tally_;
 *     static graft_result init(const graft_host *host) {
 *         example_tally_ = example_tally_from(host);
 *         return graft_ok();
 *     }
 *     GRAFT_PLUGIN_IMPORTS("my-plugin", "1.0.0", init, NULL, (EXAMPLE_TALLY_IMPORT), MY_CONTRACT);
 * The table is valid until the plugin version is unloaded, on any thread. Each function
 * returns a graft_result: status 0, or GRAFT_HOST_FAILED, GRAFT_BAD_HANDLE or GRAFT_BAD_ARGUMENT
 * with the message host->error_message(). A string or bytes result is the plugin's to free
 * with graft_out_free. Never call the host from a GRAFT_FN_CRITICAL function.
 */
#ifndef EXAMPLE_TALLY_H
#define EXAMPLE_TALLY_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The table of host module example.tally@1.0: one function per method, by name. */
typedef struct example_tally {
    /* void add(long counter, int n): fn add(i64, i32), no result */
    graft_result (*add)(int64_t counter, int32_t n);
    /* long counter(String name): fn counter(str) -> i64, read *result */
    graft_result (*counter)(const char *name, size_t name_len, int64_t *result);
} example_tally;

/* The import entry of host module example.tally@1.0, for GRAFT_PLUGIN_IMPORTS: the table's functions, in order. */
#define EXAMPLE_TALLY_IMPORT \
    {"example.tally", "1.0", \
     (const char *const[]) { \
         "fn add(i64, i32)", \
         "fn counter(str) -> i64" \
     }, \
     2}

/* The table of example.tally in what init receives; NULL if the plugin does not import it. */
static inline const example_tally *example_tally_from(const graft_host *host) {
    return (const example_tally *) graft_host_find(host, "example.tally");
}

#ifdef __cplusplus
}
#endif

#endif /* EXAMPLE_TALLY_H */
