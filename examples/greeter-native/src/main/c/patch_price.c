/* The native plugin of graft demo's patch demo: it patches the host's patchable function "price"
 * (a DoubleUnaryOperator) from its descriptor: one off every price. price.h comes from
 * ./graft bindgen --lang c --patch price --class java.util.function.DoubleUnaryOperator. */
#define GRAFT_IMPLEMENTATION
#define PRICE_PATCH_FLAGS GRAFT_FN_CRITICAL   /* arithmetic only: no thread-state transition needed */
#include "price.h"

graft_result patch_price(double price, double *result) {
    *result = price - 1;
    return graft_ok();
}

GRAFT_PLUGIN_PATCHES("patch-native", "1.0.0", NULL, NULL, (PRICE_PATCH));
