package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.polyglot.fixture.Results;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every result type the generated providers read with a typed method ({@link GuestResults}): a
 * fitting answer comes back as it is, a wrong one is refused with the contract's type and what the
 * guest returned, and every failed call gives its context back: the plugin has one context, so a
 * call that kept it would leave the next call waiting for it and failing.
 */
class G5ScriptResultTypesTest {

    private static final String MANIFEST = "id = results\nversion = 1.0.0\nprovides = test.results@1.0\n";
    private static final String JS = """
            function flag(good) { return good ? true : 1; }
            function tiny(good) { return good ? -128 : 128; }
            function mid(good) { return good ? 32767 : -32769; }
            function count(good) { return good ? -7 : 0.5; }
            function big(good) { return good ? 2 ** 53 : 'many'; }
            function small(good) { return good ? 0.5 : 1e300; }
            function ratio(good) { return good ? 0.25 : null; }
            function text(good) { return good ? undefined : 42; }
            function touch(good) { if (!good) { throw new Error('refused'); } return 'ignored'; }
            """;

    @TempDir
    Path dir;

    @Test
    void aFittingResultComesBackAndAWrongOneIsRefusedWithTheTypeAndTheValue() throws Exception {
        Path file = Scripts.js(dir, "results.js", MANIFEST, JS);
        AtomicReference<PolyglotPlugin> plugin = new AtomicReference<>();
        JsPluginLoader loader = new JsPluginLoader(PolyglotSettings.defaults().withMaxContexts(1)
                .withCallTimeout(Duration.ofSeconds(2)), plugin::set);
        try (Graft graft = Graft.builder().contract(Results.class).discoverLoaders(false).loader(loader).build()) {
            graft.load(file);
            Results results = graft.contract(Results.class);
            for (int round = 0; round < 3; round++) { // the failures each give the one context back, or the next call waits
                assertTrue(results.flag(true));
                refused(() -> results.flag(false), "fn flag(boolean) -> boolean", "expected a boolean, found 1");
                assertEquals((byte) -128, results.tiny(true));
                refused(() -> results.tiny(false), "fn tiny(boolean) -> byte", "expected a byte (a whole number from -128 to 127), found 128");
                assertEquals((short) 32767, results.mid(true));
                refused(() -> results.mid(false), "fn mid(boolean) -> short", "expected a short (a whole number from -32768 to 32767), found -32769");
                assertEquals(-7, results.count(true));
                refused(() -> results.count(false), "fn count(boolean) -> int",
                        "expected an int (a whole number from -2147483648 to 2147483647), found 0.5");
                assertEquals(1L << 53, results.big(true));
                refused(() -> results.big(false), "fn big(boolean) -> long",
                        "expected a long (a whole number from -9223372036854775808 to 9223372036854775807), found the string \"many\"");
                assertEquals(0.5f, results.small(true));
                refused(() -> results.small(false), "fn small(boolean) -> float", "expected a float (a number within ±3.4028235E38), found 1e+300");
                assertEquals(0.25, results.ratio(true));
                refused(() -> results.ratio(false), "fn ratio(boolean) -> double", "expected a double, found null");
                assertNull(results.text(true), "the guest's undefined is a null String");
                refused(() -> results.text(false), "fn text(boolean) -> String", "expected a string, found 42");
                results.touch(true);
                GuestCallException thrown = assertThrows(GuestCallException.class, () -> results.touch(false));
                assertTrue(thrown.getMessage().contains("the guest threw Error: refused"), thrown.getMessage());
            }
            assertEquals(1, plugin.get().pool().open.size(), "expected the one context kept and reused, found others made");
            assertFalse(plugin.get().pool().open.getFirst().broken(), "a wrong result or a guest's exception leaves the context usable");
        }
    }

    private static void refused(Executable call, String function, String found) {
        GuestCallException e = assertThrows(GuestCallException.class, call);
        assertTrue(e.getMessage().contains("returned a value " + function + " cannot hold: " + found), e.getMessage());
    }
}
