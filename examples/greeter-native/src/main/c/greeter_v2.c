/* The example greeter, version 2, in C: "Hi there, <name>!" and n + 2. */
#define GRAFT_IMPLEMENTATION
#include "example_greeter.h"

graft_result example_greeter_greet(const char *name, size_t name_len, graft_out_bytes *result) {
    return graft_return_format(result, "Hi there, %.*s!", (int) name_len, name);
}

graft_result example_greeter_next(int32_t n) {
    return graft_ok_i32(n + 2);
}

GRAFT_PLUGIN("greeter", "2.0.0", NULL, NULL, EXAMPLE_GREETER_CONTRACT);
