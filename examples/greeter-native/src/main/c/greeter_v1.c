/* The example greeter, version 1, in C: "Hello, <name>!" and n + 1. */
#define GRAFT_IMPLEMENTATION
#include "example_greeter.h"

graft_result example_greeter_greet(const char *name, size_t name_len, graft_out_bytes *result) {
    return graft_return_format(result, "Hello, %.*s!", (int) name_len, name);
}

graft_result example_greeter_next(int32_t n) {
    return graft_ok_i32(n + 1);
}

GRAFT_PLUGIN("greeter", "1.0.0", NULL, NULL, EXAMPLE_GREETER_CONTRACT);
