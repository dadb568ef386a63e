/*
 * graft_log.h: host module graft.log@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.api.host.Log: do not edit.
 *
 * Import it in the descriptor, then take its table from what init receives:
 *     static const graft_log *graft_log_;
 *     static graft_result init(const graft_host *host) {
 *         graft_log_ = graft_log_from(host);
 *         return graft_ok();
 *     }
 *     GRAFT_PLUGIN_IMPORTS("my-plugin", "1.0.0", init, NULL, (GRAFT_LOG_IMPORT), MY_CONTRACT);
 * The table is valid until the plugin version is unloaded, on any thread. Each function
 * returns a graft_result: status 0, or GRAFT_HOST_FAILED, GRAFT_BAD_HANDLE or GRAFT_BAD_ARGUMENT
 * with the message host->error_message(). A string or bytes result is the plugin's to free
 * with graft_out_free. Never call the host from a GRAFT_FN_CRITICAL function.
 */
#ifndef GRAFT_LOG_H
#define GRAFT_LOG_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The table of host module graft.log@1.0: one function per method, by name. */
typedef struct graft_log {
    /* void debug(String message): fn debug(str), no result */
    graft_result (*debug)(const char *message, size_t message_len);
    /* void error(String message): fn error(str), no result */
    graft_result (*error)(const char *message, size_t message_len);
    /* void info(String message): fn info(str), no result */
    graft_result (*info)(const char *message, size_t message_len);
    /* void warn(String message): fn warn(str), no result */
    graft_result (*warn)(const char *message, size_t message_len);
} graft_log;

/* The import entry of host module graft.log@1.0, for GRAFT_PLUGIN_IMPORTS: the table's functions, in order. */
#define GRAFT_LOG_IMPORT \
    {"graft.log", "1.0", \
     (const char *const[]) { \
         "fn debug(str)", \
         "fn error(str)", \
         "fn info(str)", \
         "fn warn(str)" \
     }, \
     4}

/* The table of graft.log in what init receives; NULL if the plugin does not import it. */
static inline const graft_log *graft_log_from(const graft_host *host) {
    return (const graft_log *) graft_host_find(host, "graft.log");
}

#ifdef __cplusplus
}
#endif

#endif /* GRAFT_LOG_H */
