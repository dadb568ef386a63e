#define SLOW_VERSION 2
#include "slow_impl.h"
GRAFT_PLUGIN("slow", "2.0.0", NULL, NULL, TEST_NATIVE_SLOW_CONTRACT);
