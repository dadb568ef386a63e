/* A correct greeter body ("Bad, NAME!" and n - 1) for the fixtures that break something else. */
#define GRAFT_IMPLEMENTATION
#include "example_greeter.h"

graft_result example_greeter_greet(const char *name, size_t name_len, graft_out_bytes *result) {
    return graft_return_format(result, "Bad, %.*s!", (int) name_len, name);
}

graft_result example_greeter_next(int32_t n) { return graft_ok_i32(n - 1); }
