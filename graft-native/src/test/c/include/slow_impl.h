/* The body of slow_v1.c and slow_v2.c: a call that stays in flight for as long as asked. */
#define GRAFT_IMPLEMENTATION
#include "test_native_slow.h"

#include <time.h>

graft_result test_native_slow_hold(int32_t millis) {
    struct timespec pause = {millis / 1000, (long) (millis % 1000) * 1000000L};
    while (nanosleep(&pause, &pause) != 0) {
    }
    return graft_ok_i32(SLOW_VERSION * 1000 + millis);
}

graft_result test_native_slow_version(void) { return graft_ok_i32(SLOW_VERSION); }
