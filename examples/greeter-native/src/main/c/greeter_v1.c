/* The example greeter, version 1, in C: "Hello, <name>!" and n + 1. When it starts, it logs that
 * it is ready through the host module graft.log, at debug level: a host that wants the line turns
 * the logger graft.plugin.greeter up, and graft demo's hundreds of reloads stay quiet. */
#define GRAFT_IMPLEMENTATION
#include "example_greeter.h"
#include "graft_log.h"

static graft_result init(const graft_host *host) {
    static const char ready[] = "greeter 1.0.0 (C) ready";
    return graft_log_from(host)->debug(ready, sizeof ready - 1);
}

graft_result example_greeter_greet(const char *name, size_t name_len, graft_out_bytes *result) {
    return graft_return_format(result, "Hello, %.*s!", (int) name_len, name);
}

graft_result example_greeter_next(int32_t n) {
    return graft_ok_i32(n + 1);
}

GRAFT_PLUGIN_IMPORTS("greeter", "1.0.0", init, NULL, (GRAFT_LOG_IMPORT), EXAMPLE_GREETER_CONTRACT);
