/* A greeter whose descriptor imports graft.log twice. */
#include "greeter_impl.h"
#include "graft_log.h"

GRAFT_PLUGIN_IMPORTS("greeter", "9.0.0", NULL, NULL, (GRAFT_LOG_IMPORT, GRAFT_LOG_IMPORT), EXAMPLE_GREETER_CONTRACT);
