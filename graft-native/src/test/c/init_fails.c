/* A greeter whose init reports failure: the load or reload is refused. */
#include "greeter_impl.h"

static graft_result init(const graft_host *host) {
    (void) host;
    return graft_fail(7, "no configuration found");
}

GRAFT_PLUGIN("greeter", "9.0.0", init, NULL, EXAMPLE_GREETER_CONTRACT);
