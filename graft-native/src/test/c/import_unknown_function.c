/* A greeter whose import of test.native.kit lists a function the host module does not have. */
#include "greeter_impl.h"

#define KIT_MORE_IMPORT \
    {"test.native.kit", "1.1", (const char *const[]) {"fn add(i32, i32) -> i32", "fn subtract(i32, i32) -> i32"}, 2}

GRAFT_PLUGIN_IMPORTS("greeter", "9.0.0", NULL, NULL, (KIT_MORE_IMPORT), EXAMPLE_GREETER_CONTRACT);
