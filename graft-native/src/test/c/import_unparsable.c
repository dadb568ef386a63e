/* A greeter whose import of graft.log lists a signature that does not parse. */
#include "greeter_impl.h"

#define BAD_SIGNATURE_IMPORT {"graft.log", "1.0", (const char *const[]) {"fn info(str"}, 1}

GRAFT_PLUGIN_IMPORTS("greeter", "9.0.0", NULL, NULL, (BAD_SIGNATURE_IMPORT), EXAMPLE_GREETER_CONTRACT);
