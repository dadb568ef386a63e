/* The C plugin of docs/patchable.md: a plugin that patches the host's "discount" from its descriptor. */
/* docs/patchable.md begin */
#define GRAFT_IMPLEMENTATION
#include "discount.h"   /* ./graft bindgen --lang c --patch discount --class java.util.function.DoubleUnaryOperator */

/* 30% off everything */
graft_result patch_discount(double price, double *result) {
    *result = price * 0.7;
    return graft_ok();
}

GRAFT_PLUGIN_PATCHES("pricing-c", "1.0.0", NULL, NULL, (DISCOUNT_PATCH));
/* docs/patchable.md end */
