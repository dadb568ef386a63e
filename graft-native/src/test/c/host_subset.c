/* A greeter built against version 1.0 of test.native.kit (the host offers 1.1): it imports two of
 * its functions, in an order of its own, and gets exactly that table. */
#define GRAFT_IMPLEMENTATION
#include "example_greeter.h"

#include <stdio.h>

typedef struct kit_subset {
    graft_result (*echo)(const char *text, size_t text_len, graft_out_bytes *result);
    graft_result (*add)(int32_t a, int32_t b);
} kit_subset;

#define KIT_SUBSET_IMPORT \
    {"test.native.kit", "1.0", (const char *const[]) {"fn echo(str) -> str", "fn add(i32, i32) -> i32"}, 2}

static const kit_subset *kit_;

static graft_result init(const graft_host *host) {
    kit_ = (const kit_subset *) graft_host_find(host, "test.native.kit");
    return kit_ == NULL ? graft_fail(GRAFT_FAILED, "expected the table of test.native.kit, found NULL") : graft_ok();
}

graft_result example_greeter_greet(const char *name, size_t name_len, graft_out_bytes *result) {
    char text[256];
    int n = snprintf(text, sizeof text, "Subset, %.*s!", (int) name_len, name);
    graft_out_bytes out = {0};
    graft_result r = kit_->echo(text, (size_t) n, &out);
    if (graft_status(r) != 0) {
        return r;
    }
    r = graft_return_bytes(result, out.ptr, out.len);
    graft_out_free(&out);
    return r;
}

graft_result example_greeter_next(int32_t n) {
    graft_result r = kit_->add(n, 100);
    return graft_status(r) != 0 ? r : graft_ok_i32(graft_value_i32(r));
}

GRAFT_PLUGIN_IMPORTS("subset", "1.0.0", init, NULL, (KIT_SUBSET_IMPORT), EXAMPLE_GREETER_CONTRACT);
