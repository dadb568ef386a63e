package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.ManifestException;
import dev.graft.core.PluginLinkException;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.patch.Patchable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patches from native libraries, declared in a sidecar ({@code patches = NAME} and
 * {@code patch.NAME = C prototype}): the system's libm patches a function; its prototype is
 * checked against the function's interface in Mun's style, a mismatch fails the reload and the old
 * patch runs on (G2); an unloaded library's patch is withdrawn and its version retired, which only
 * happens once nothing can call into it any more (G3: the patch body holds the version's guard).
 */
class G2NativePatchTest {

    private static String sidecar(String version, String prototype) {
        return """
                id = rounding
                version = %s
                library = libm.so.6
                patches = discount
                patch.discount = %s
                """.formatted(version, prototype);
    }

    @TempDir
    Path dir;

    @Test
    void libmPatchesTheFunctionUntilUnloadedAndItsVersionRetires() throws Exception {
        CountDownLatch retired = new CountDownLatch(1);
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO)
                .subscribe(e -> {
                    if (e instanceof GraftEvent.Retired r && r.pluginId().equals("rounding")) {
                        retired.countDown();
                    }
                }).build()) {
            Patchable<DoubleUnaryOperator> discount = graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            DoubleUnaryOperator f = discount.function();
            graft.load(Files.writeString(dir.resolve("floor" + Sidecar.EXTENSION), sidecar("1.0.0", "floor(f64) -> f64")));
            assertEquals(10.0, f.applyAsDouble(10.7));
            graft.reload("rounding", Files.writeString(dir.resolve("ceil" + Sidecar.EXTENSION), sidecar("2.0.0", "ceil(f64) -> f64")));
            assertEquals(11.0, f.applyAsDouble(10.2));
            graft.unload("rounding");
            assertEquals(10.2, f.applyAsDouble(10.2));
            assertTrue(retired.await(30, TimeUnit.SECONDS), "expected the replaced and unloaded versions to retire");
        }
    }

    /** bindgen's header and sidecar lines, as a C author uses them: gcc builds the library, the sidecar binds it. */
    @Test
    void aLibraryBuiltAgainstTheGeneratedHeaderPatchesTheFunction() throws Exception {
        String header = NativePatchHeader.header("discount", DoubleUnaryOperator.class);
        Files.writeString(dir.resolve("discount.h"), header);
        Path library = Fixtures.gccPlugin(Files.writeString(dir.resolve("pricing.c"), """
                #include "discount.h"
                double discount(double price) { return price * 0.8; }
                """));
        String lines = header.lines().filter(l -> l.startsWith(" *   patch")).map(l -> l.substring(5))
                .reduce("", (a, b) -> a + b + "\n");
        Path sidecar = Files.writeString(dir.resolve("pricing" + Sidecar.EXTENSION),
                "id = pricing\nversion = 1.0.0\nlibrary = ./" + library.getFileName() + "\n" + lines);
        try (Graft graft = Graft.builder().build()) {
            Patchable<DoubleUnaryOperator> discount = graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            graft.load(sidecar);
            assertEquals(80.0, discount.function().applyAsDouble(100));
        }
    }

    @Test
    void aMismatchedPrototypeFailsTheReloadAndTheOldPatchRuns() throws Exception {
        try (Graft graft = Graft.builder().build()) {
            Patchable<DoubleUnaryOperator> discount = graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            graft.load(Files.writeString(dir.resolve("floor" + Sidecar.EXTENSION), sidecar("1.0.0", "floor(f64) -> f64")));
            Path wrong = Files.writeString(dir.resolve("wrong" + Sidecar.EXTENSION), sidecar("2.0.0", "discount(i32) -> f64"));
            assertEquals("plugin 'rounding' (wrong.graft-native): patchable function 'discount' (java.util.function.DoubleUnaryOperator): "
                    + "expected symbol discount in libm.so.6, found no such symbol",
                    assertThrows(PluginLinkException.class, () -> graft.reload("rounding", wrong)).getMessage());
            Path mismatch = Files.writeString(dir.resolve("mismatch" + Sidecar.EXTENSION), sidecar("2.0.0", "floor(i32) -> f64"));
            assertEquals("plugin 'rounding' (mismatch.graft-native): patchable function 'discount' (java.util.function.DoubleUnaryOperator): "
                    + "expected fn discount(f64) -> f64, found fn floor(i32) -> f64",
                    assertThrows(PluginLinkException.class, () -> graft.reload("rounding", mismatch)).getMessage());
            Path missing = Files.writeString(dir.resolve("missing" + Sidecar.EXTENSION), """
                    id = rounding
                    version = 2.0.0
                    library = libm.so.6
                    patches = discount
                    """);
            assertEquals("plugin 'rounding' (missing.graft-native): missing.graft-native line 4: expected a line "
                    + "'patch.discount = <C prototype>' naming the symbol that patches discount, found none",
                    assertThrows(ManifestException.class, () -> graft.reload("rounding", missing)).getMessage());
            assertEquals(10.0, discount.function().applyAsDouble(10.7));
        }
    }
}
