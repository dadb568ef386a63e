/*
 * example_greeter.h: contract example.greeter@1.0 for Graft native plugins.
 * Written by graft bindgen from dev.graft.examples.greeter.Greeter: do not edit.
 *
 * Implement every function below in the plugin, then name the contract in its descriptor:
 *     GRAFT_PLUGIN("my-plugin", "1.0.0", NULL, NULL, EXAMPLE_GREETER_CONTRACT);
 * A function that returns quickly, never blocks and never calls back into the host may be
 * marked critical: #define EXAMPLE_GREETER_<METHOD>_FLAGS GRAFT_FN_CRITICAL before the include.
 */
#ifndef EXAMPLE_GREETER_H
#define EXAMPLE_GREETER_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* String greet(String name): fn greet(str) -> str, set *result with graft_return_bytes, graft_return_format or graft_return_static */
graft_result example_greeter_greet(const char *name, size_t name_len, graft_out_bytes *result);
#ifndef EXAMPLE_GREETER_GREET_FLAGS
#define EXAMPLE_GREETER_GREET_FLAGS 0
#endif

/* int next(int n): fn next(i32) -> i32, return graft_ok_i32(value) */
graft_result example_greeter_next(int32_t n);
#ifndef EXAMPLE_GREETER_NEXT_FLAGS
#define EXAMPLE_GREETER_NEXT_FLAGS 0
#endif

/* The descriptor entry of contract example.greeter@1.0, for GRAFT_PLUGIN. */
#define EXAMPLE_GREETER_CONTRACT \
    {"example.greeter", "1.0", \
     (const graft_function[]) { \
         {"fn greet(str) -> str", (const void *) example_greeter_greet, EXAMPLE_GREETER_GREET_FLAGS}, \
         {"fn next(i32) -> i32", (const void *) example_greeter_next, EXAMPLE_GREETER_NEXT_FLAGS} \
     }, \
     2}

#ifdef __cplusplus
}
#endif

#endif /* EXAMPLE_GREETER_H */
