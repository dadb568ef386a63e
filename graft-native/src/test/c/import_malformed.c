/* A greeter whose descriptor imports a host module by a name that is not a dotted name. */
#include "greeter_impl.h"

#define BAD_NAME_IMPORT {"graft log", "1.0", (const char *const[]) {"fn info(str)"}, 1}

GRAFT_PLUGIN_IMPORTS("greeter", "9.0.0", NULL, NULL, (BAD_NAME_IMPORT), EXAMPLE_GREETER_CONTRACT);
