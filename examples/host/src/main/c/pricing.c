/* The C plugin of docs/patchable.md: a library that patches the host's "discount". */
/* docs/patchable.md begin */
#include "discount.h"   /* ./graft bindgen --lang c --patch discount --class java.util.function.DoubleUnaryOperator */

/* 30% off everything */
double discount(double price) {
    return price * 0.7;
}
/* docs/patchable.md end */
