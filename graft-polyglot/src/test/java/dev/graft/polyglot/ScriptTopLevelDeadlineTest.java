package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The top level runs under its own deadline ({@code PolyglotSettings.topLevelTimeout}), not the
 * call deadline: a script whose top level takes 600 ms loads under a call deadline of 200 ms (and
 * the default top-level deadline of 5 s), and its calls are still held to 200 ms. The other way
 * round (an endless top level stopped by a short top-level deadline) is {@code G5BadScriptTest}'s.
 */
class ScriptTopLevelDeadlineTest {

    private static final String JS = """
            const start = Date.now();
            while (Date.now() - start < 600) { }
            function greet(name) { return 'slow ' + name; }
            function next(n) { while (n < 0) { } return n + 1; }
            """;
    private static final String PYTHON = """
            import time
            _start = time.monotonic()
            while time.monotonic() - _start < 0.6:
                pass

            def greet(name):
                return 'slow ' + name

            def next(n):
                while n < 0:
                    pass
                return n + 1
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"js", "python"})
    void aSlowTopLevelLoadsUnderItsOwnDeadlineWhileCallsKeepTheirs(String language) throws Exception {
        PolyglotSettings settings = PolyglotSettings.defaults().withCallTimeout(Duration.ofMillis(200));
        assertEquals(Duration.ofSeconds(5), settings.topLevelTimeout(), "setting the call deadline leaves the top level's");
        PolyglotPluginLoader loader = Scripts.loader(language, settings);
        Path file = Scripts.write(language, dir, "slow", Scripts.greeting("slow", "1.0.0"), language.equals("js") ? JS : PYTHON);
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false).loader(loader).build()) {
            graft.load(file);
            Greeting greeting = graft.contract(Greeting.class);
            assertEquals("slow world", greeting.greet("world"));
            GuestTimeoutException endless = assertThrows(GuestTimeoutException.class, () -> greeting.next(-1));
            assertTrue(endless.getMessage().contains("expected the call to return within the deadline of 200 ms"), endless.getMessage());
            assertEquals(2, greeting.next(1), "the next call works");
        }
    }
}
