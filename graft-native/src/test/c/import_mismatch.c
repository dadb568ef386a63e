/* A greeter whose import of test.native.kit declares add with the wrong signature: the link fails. */
#include "greeter_impl.h"

#define KIT_WRONG_IMPORT {"test.native.kit", "1.0", (const char *const[]) {"fn add(i32) -> i32"}, 1}

GRAFT_PLUGIN_IMPORTS("greeter", "9.0.0", NULL, NULL, (KIT_WRONG_IMPORT), EXAMPLE_GREETER_CONTRACT);
