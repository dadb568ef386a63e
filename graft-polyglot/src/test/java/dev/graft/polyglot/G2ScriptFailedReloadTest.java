package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.core.Graft;
import dev.graft.core.PluginException;
import dev.graft.polyglot.fixture.BadScripts;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * G2: a reload to a script with a syntax error, a missing function, a function of the wrong arity
 * a top level that throws or one that never ends (stopped by the top level's deadline) fails, and the running
 * version keeps serving, unchanged. Python runs the same five reloads (one context start each).
 */
class G2ScriptFailedReloadTest {

    /** A short deadline for the endless top level; long enough for a Python context to start on a loaded machine. */
    private static final PolyglotSettings SETTINGS = PolyglotSettings.defaults().withTopLevelTimeout(Duration.ofSeconds(2));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"js", "python"})
    void aFailedReloadLeavesTheOldVersionServing(String language) throws Exception {
        Path v1 = Scripts.write(language, dir, "greeting", Scripts.greeting("greeting", "1.0.0"),
                language.equals("js") ? Scripts.jsGreeting("v1 ", 1) : Scripts.pyGreeting("v1 ", 1));
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false)
                .loader(Scripts.loader(language, SETTINGS)).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            for (BadScripts bad : new BadScripts[] {BadScripts.SYNTAX_ERROR, BadScripts.MISSING_FUNCTION, BadScripts.WRONG_ARITY,
                    BadScripts.THROWING_START, BadScripts.ENDLESS_START}) {
                Path broken = Scripts.write(language, dir, "broken_" + bad.name().toLowerCase(),
                        Scripts.greeting("greeting", "2.0.0"), bad.in(language));
                PluginException e = assertThrows(PluginException.class, () -> graft.reload("greeting", broken), bad.name());
                assertEquals("greeting", e.pluginId(), bad.name());
                assertEquals("v1 z", greeting.greet("z"), bad.name());
                assertEquals(8, greeting.next(7), bad.name());
                assertEquals("1.0.0", graft.plugin("greeting").orElseThrow().version().toString(), bad.name());
            }
        }
    }
}
