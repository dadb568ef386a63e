/* Lists greet but not next. */
#include "greeter_impl.h"

GRAFT_PLUGIN("greeter", "9.0.0", NULL, NULL,
             {"example.greeter", "1.0",
              (const graft_function[]) {{"fn greet(str) -> str", (const void *) example_greeter_greet, 0}}, 1});
