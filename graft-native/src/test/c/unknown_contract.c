/* Provides a contract the host has no interface for. */
#include "greeter_impl.h"

GRAFT_PLUGIN("greeter", "9.0.0", NULL, NULL, EXAMPLE_GREETER_CONTRACT,
             {"test.nobody.knows", "1.0",
              (const graft_function[]) {{"fn greet(str) -> str", (const void *) example_greeter_greet, 0}}, 1});
