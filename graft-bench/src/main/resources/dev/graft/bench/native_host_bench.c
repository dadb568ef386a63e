/* The plugin NativeHostModuleBench calls: contract bench.hostcaller@1.0, importing the host module
 * bench.host@1.0. Built by the benchmark with gcc, against headers CBindgen writes at setup. */
#define GRAFT_IMPLEMENTATION
#include "bench_hostcaller.h"
#include "bench_host.h"

static const bench_host *host_;

static graft_result init(const graft_host *host) {
    host_ = bench_host_from(host);
    return host_ == NULL ? graft_fail(GRAFT_FAILED, "expected the table of bench.host, found NULL") : graft_ok();
}

/* The downcall alone: no host call. */
graft_result bench_hostcaller_alone(int32_t n) {
    return graft_ok_i32(n + 1);
}

/* One host call through Graft's table, its status checked as any correct guest checks it. */
graft_result bench_hostcaller_once(int32_t n) {
    graft_result r = host_->next(n);
    return graft_status(r) != 0 ? r : graft_ok_i32(graft_value_i32(r));
}

/* `times` host calls through Graft's table in one downcall: the cost of the upcall alone. */
graft_result bench_hostcaller_loop(int32_t n, int32_t times) {
    for (int32_t i = 0; i < times; i++) {
        graft_result r = host_->next(n);
        if (graft_status(r) != 0) {
            return r;
        }
        n = graft_value_i32(r);
    }
    return graft_ok_i32(n);
}

/* The same loop through a raw FFM upcall stub the benchmark passes: what FFM costs without Graft. */
int32_t bench_raw_loop(int32_t (*next)(int32_t), int32_t n, int32_t times) {
    for (int32_t i = 0; i < times; i++) {
        n = next(n);
    }
    return n;
}

GRAFT_PLUGIN_IMPORTS("bench-hostcaller", "1.0.0", init, NULL, (BENCH_HOST_IMPORT), BENCH_HOSTCALLER_CONTRACT);
