package dev.graft.polyglot;

import dev.graft.core.Graft;
import dev.graft.core.testing.ReloadRace;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1 for JavaScript: 8 threads call without pause while the plugin is reloaded 200 times between
 * two builds; every call is answered by one build, never an error, and after each reload returns
 * the new build answers. Calls outnumber contexts (4), so the pool hands contexts between threads.
 */
class G1JsReloadRaceTest {

    @TempDir
    Path dir;

    @Test
    void everyCallRunsInOneVersionWhileReloading() throws Exception {
        Path v1 = Scripts.js(dir, "greeting.js", Scripts.greeting("greeting", "1.0.0"), Scripts.jsGreeting("v1 ", 1));
        Path v2 = Scripts.js(dir, "greeting-v2.js", Scripts.greeting("greeting", "2.0.0"), Scripts.jsGreeting("v2 ", 2));
        JsPluginLoader loader = new JsPluginLoader(PolyglotSettings.defaults().withMaxContexts(4));
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false).loader(loader).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            ReloadRace.run(8, 200,
                    (thread, n) -> ReloadRace.Seen.of(greeting.greet("z"), "v1 z", "v2 z")
                            .and(ReloadRace.Seen.of(greeting.next(n), n + 1, n + 2)),
                    toSecond -> graft.reload("greeting", toSecond ? v2 : v1))
                    .assertHeld();
        }
    }
}
