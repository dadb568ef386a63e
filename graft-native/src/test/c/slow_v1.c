#define SLOW_VERSION 1
#include "slow_impl.h"
GRAFT_PLUGIN("slow", "1.0.0", NULL, NULL, TEST_NATIVE_SLOW_CONTRACT);
