package dev.graft.polyglot;

import dev.graft.core.Graft;
import dev.graft.core.testing.ReloadRace;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * G1 for script plugins: 8 threads call without pause while the plugin is reloaded between two
 * builds; every call is answered by one build, never an error, and after each reload returns the
 * new build answers. Calls outnumber contexts, so the pool hands contexts between threads.
 * JavaScript reloads 200 times with 4 contexts per version; Python 16 times with 2: a Python
 * context takes 200+ ms to start and every version makes up to its bound, so 200 reloads would
 * cost minutes on two cores. The pool and publish path are the same code for both.
 */
class G1ScriptReloadRaceTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"js, 200, 4", "python, 16, 2"})
    void everyCallRunsInOneVersionWhileReloading(String language, int reloads, int contexts) throws Exception {
        boolean js = language.equals("js");
        Path v1 = Scripts.write(language, dir, "greeting", Scripts.greeting("greeting", "1.0.0"),
                js ? Scripts.jsGreeting("v1 ", 1) : Scripts.pyGreeting("v1 ", 1));
        Path v2 = Scripts.write(language, dir, "greeting_v2", Scripts.greeting("greeting", "2.0.0"),
                js ? Scripts.jsGreeting("v2 ", 2) : Scripts.pyGreeting("v2 ", 2));
        PolyglotSettings settings = PolyglotSettings.defaults().withMaxContexts(contexts);
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false)
                .loader(js ? new JsPluginLoader(settings) : new PythonPluginLoader(settings)).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            ReloadRace.run(8, reloads,
                    (thread, n) -> ReloadRace.Seen.of(greeting.greet("z"), "v1 z", "v2 z")
                            .and(ReloadRace.Seen.of(greeting.next(n), n + 1, n + 2)),
                    toSecond -> graft.reload("greeting", toSecond ? v2 : v1))
                    .assertHeld();
        }
    }
}
