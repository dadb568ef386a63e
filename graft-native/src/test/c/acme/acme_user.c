/*
 * A greeter that links libacmedep.so, found beside it through -Wl,-rpath,'$ORIGIN' as real
 * plugins ship their dependencies. next(n) answers 10 * its own version + the dependency's value,
 * so a test sees which build of each is mapped.
 */
#define GRAFT_IMPLEMENTATION
#include "example_greeter.h"

int acme_dep_value(void);

graft_result example_greeter_greet(const char *name, size_t name_len, graft_out_bytes *result) {
    return graft_return_format(result, "Acme %d with dependency %d, %.*s!", ACME_USER_V, acme_dep_value(), (int) name_len, name);
}

graft_result example_greeter_next(int32_t n) { return graft_ok_i32(n * 0 + 10 * ACME_USER_V + acme_dep_value()); }

GRAFT_PLUGIN("acme", ACME_USER_VERSION, NULL, NULL, EXAMPLE_GREETER_CONTRACT);
