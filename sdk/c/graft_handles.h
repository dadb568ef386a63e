/*
 * graft_handles.h: host module graft.handles@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.api.host.Handles: do not edit.
 *
 * Import it in the descriptor, then take its table from what init receives:
 *     static const graft_handles *graft_handles_;
 *     static graft_result init(const graft_host *host) {
 *         graft_handles_ = graft_handles_from(host);
 *         return graft_ok();
 *     }
 *     GRAFT_PLUGIN_IMPORTS("my-plugin", "1.0.0", init, NULL, (GRAFT_HANDLES_IMPORT), MY_CONTRACT);
 * The table is valid until the plugin version is unloaded, on any thread. Each function
 * returns a graft_result: status 0, or GRAFT_HOST_FAILED, GRAFT_BAD_HANDLE or GRAFT_BAD_ARGUMENT
 * with the message host->error_message(). A string or bytes result is the plugin's to free
 * with graft_out_free. Never call the host from a GRAFT_FN_CRITICAL function.
 */
#ifndef GRAFT_HANDLES_H
#define GRAFT_HANDLES_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The table of host module graft.handles@1.0: one function per method, by name. */
typedef struct graft_handles {
    /* void release(long handle): fn release(i64), no result */
    graft_result (*release)(int64_t handle);
} graft_handles;

/* The import entry of host module graft.handles@1.0, for GRAFT_PLUGIN_IMPORTS: the table's functions, in order. */
#define GRAFT_HANDLES_IMPORT \
    {"graft.handles", "1.0", \
     (const char *const[]) { \
         "fn release(i64)" \
     }, \
     1}

/* The table of graft.handles in what init receives; NULL if the plugin does not import it. */
static inline const graft_handles *graft_handles_from(const graft_host *host) {
    return (const graft_handles *) graft_host_find(host, "graft.handles");
}

#ifdef __cplusplus
}
#endif

#endif /* GRAFT_HANDLES_H */
