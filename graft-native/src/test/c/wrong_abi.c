/* A descriptor built against a future graft.h: ABI version 99. */
#include "greeter_impl.h"

GRAFT_EXPORT const graft_descriptor graft_plugin = {GRAFT_MAGIC, 99, "greeter", "9.0.0", NULL, 0, NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, 0};
