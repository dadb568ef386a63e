/*
 * graft_config.h: host module graft.config@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.api.host.Config: do not edit.
 *
 * Import it in the descriptor, then take its table from what init receives:
 *     static const graft_config *graft_config_;
 *     static graft_result init(const graft_host *host) {
 *         graft_config_ = graft_config_from(host);
 *         return graft_ok();
 *     }
 *     GRAFT_PLUGIN_IMPORTS("my-plugin", "1.0.0", init, NULL, (GRAFT_CONFIG_IMPORT), MY_CONTRACT);
 * The table is valid until the plugin version is unloaded, on any thread. Each function
 * returns a graft_result: status 0, or GRAFT_HOST_FAILED, GRAFT_BAD_HANDLE or GRAFT_BAD_ARGUMENT
 * with the message host->error_message(). A string or bytes result is the plugin's to free
 * with graft_out_free. Never call the host from a GRAFT_FN_CRITICAL function.
 */
#ifndef GRAFT_CONFIG_H
#define GRAFT_CONFIG_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The table of host module graft.config@1.0: one function per method, by name. */
typedef struct graft_config {
    /* String get(String key): fn get(str) -> str, read *result, then graft_out_free(result) */
    graft_result (*get)(const char *key, size_t key_len, graft_out_bytes *result);
    /* boolean has(String key): fn has(str) -> bool, read graft_value_bool(r) */
    graft_result (*has)(const char *key, size_t key_len);
} graft_config;

/* The import entry of host module graft.config@1.0, for GRAFT_PLUGIN_IMPORTS: the table's functions, in order. */
#define GRAFT_CONFIG_IMPORT \
    {"graft.config", "1.0", \
     (const char *const[]) { \
         "fn get(str) -> str", \
         "fn has(str) -> bool" \
     }, \
     2}

/* The table of graft.config in what init receives; NULL if the plugin does not import it. */
static inline const graft_config *graft_config_from(const graft_host *host) {
    return (const graft_config *) graft_host_find(host, "graft.config");
}

#ifdef __cplusplus
}
#endif

#endif /* GRAFT_CONFIG_H */
