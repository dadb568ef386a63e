package dev.graft.natives;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * Native plugins that patch a host's function from their descriptor (ABI 4), built with gcc against
 * the header bindgen writes ({@link NativePatchHeader}), as a C author builds them.
 */
final class PatchFixtures {

    private PatchFixtures() {
    }

    /**
     * A plugin {@code id@version} in {@code dir}, {@code NAME.so}, patching {@code discount}
     * ({@code DoubleUnaryOperator}) with {@code *result = EXPRESSION of price}.
     */
    static Path discount(Path dir, String name, String id, String version, String expression) throws IOException, InterruptedException {
        return discountWithEntry(dir, name, id, version, expression, "DISCOUNT_PATCH");
    }

    /** The same with the descriptor entry {@code entry} (a hand-written one, to break something) instead of bindgen's. */
    static Path discountWithEntry(Path dir, String name, String id, String version, String expression, String entry)
            throws IOException, InterruptedException {
        Files.writeString(dir.resolve("discount.h"), NativePatchHeader.header("discount", DoubleUnaryOperator.class));
        return Fixtures.gccPlugin(Files.writeString(dir.resolve(name + ".c"), """
                #define GRAFT_IMPLEMENTATION
                #include "discount.h"
                graft_result patch_discount(double price, double *result) {
                    *result = %s;
                    return graft_ok();
                }
                GRAFT_PLUGIN_PATCHES("%s", "%s", NULL, NULL, (%s));
                """.formatted(expression, id, version, entry)));
    }

    /**
     * A plugin {@code hold@VERSION.0.0} patching {@code hold} ({@code IntUnaryOperator}): it sleeps
     * for the milliseconds it is given and answers {@code VERSION * 1000 + millis}.
     */
    static Path hold(Path dir, String name, int version) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("hold.h"), NativePatchHeader.header("hold", IntUnaryOperator.class));
        return Fixtures.gccPlugin(Files.writeString(dir.resolve(name + ".c"), """
                #define GRAFT_IMPLEMENTATION
                #include "hold.h"
                #include <time.h>
                graft_result patch_hold(int32_t millis) {
                    struct timespec pause = {millis / 1000, (long) (millis %% 1000) * 1000000L};
                    while (nanosleep(&pause, &pause) != 0) {
                    }
                    return graft_ok_i32(%d * 1000 + millis);
                }
                GRAFT_PLUGIN_PATCHES("hold", "%d.0.0", NULL, NULL, (HOLD_PATCH));
                """.formatted(version, version)));
    }
}
