/* A correct greeter that imports test.native.kit: refused where the host does not grant it. */
#include "greeter_impl.h"
#include "test_native_kit.h"

GRAFT_PLUGIN_IMPORTS("greeter", "2.5.0", NULL, NULL, (TEST_NATIVE_KIT_IMPORT), EXAMPLE_GREETER_CONTRACT);
