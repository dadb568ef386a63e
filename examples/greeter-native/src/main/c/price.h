/*
 * price.h: patchable function 'price' (java.util.function.DoubleUnaryOperator) for Graft native plugins.
 * Written by graft bindgen: do not edit.
 *
 * A plugin with a descriptor defines patch_price and names PRICE_PATCH in it:
 *     GRAFT_PLUGIN_PATCHES("my-plugin", "1.0.0", NULL, NULL, (PRICE_PATCH));
 * A patch that returns quickly, never blocks and never calls back into the host may be marked
 * critical: #define PRICE_PATCH_FLAGS GRAFT_FN_CRITICAL before the include.
 *
 * A library that knows nothing of Graft exports price instead, a plain C function, and its
 * sidecar file binds it with these lines:
 *   patches = price
 *   patch.price = price(f64) -> f64
 */
#ifndef GRAFT_PATCH_PRICE_H
#define GRAFT_PATCH_PRICE_H

#include "graft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* double applyAsDouble(double): fn price(f64) -> f64, set *result, return graft_ok() */
graft_result patch_price(double arg0, double *result);
#ifndef PRICE_PATCH_FLAGS
#define PRICE_PATCH_FLAGS 0
#endif

/* The descriptor entry of the patch, for GRAFT_PLUGIN_PATCHES. */
#define PRICE_PATCH {"price", "fn price(f64) -> f64", (const void *) patch_price, PRICE_PATCH_FLAGS}

/* The sidecar way: the library exports this function. */
GRAFT_EXPORT double price(double arg0);

#ifdef __cplusplus
}
#endif

#endif /* GRAFT_PATCH_PRICE_H */
