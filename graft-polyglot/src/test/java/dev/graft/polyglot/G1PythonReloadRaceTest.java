package dev.graft.polyglot;

import dev.graft.core.Graft;
import dev.graft.core.testing.ReloadRace;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1 for Python: 8 threads call without pause while the plugin is reloaded between two builds.
 * 16 reloads, not 200: a Python context takes 200+ ms to start, and every version makes up to two
 * (the pool's bound here), so 200 reloads would cost minutes on two cores. The JavaScript test
 * races 200; the pool and publish path are the same code.
 */
class G1PythonReloadRaceTest {

    @TempDir
    Path dir;

    @Test
    void everyCallRunsInOneVersionWhileReloading() throws Exception {
        Path v1 = Scripts.python(dir, "greeting.py", Scripts.greeting("greeting", "1.0.0"), Scripts.pyGreeting("v1 ", 1));
        Path v2 = Scripts.python(dir, "greeting_v2.py", Scripts.greeting("greeting", "2.0.0"), Scripts.pyGreeting("v2 ", 2));
        PythonPluginLoader loader = new PythonPluginLoader(PolyglotSettings.defaults().withMaxContexts(2));
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false).loader(loader).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            ReloadRace.run(8, 16,
                    (thread, n) -> ReloadRace.Seen.of(greeting.greet("z"), "v1 z", "v2 z")
                            .and(ReloadRace.Seen.of(greeting.next(n), n + 1, n + 2)),
                    toSecond -> graft.reload("greeting", toSecond ? v2 : v1))
                    .assertHeld();
        }
    }
}
