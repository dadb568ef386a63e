package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.Graft;
import dev.graft.core.testing.ReloadRace;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Hits;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1 for a script plugin without state whose calls hold a handle (an owned handle on a host
 * object, made by its top level and used by every greet): a version is retired (its handles
 * released) only once no call runs in it, so while it is reloaded under 8 calling threads no call
 * finds its version's handle released, and every greeting is counted once.
 */
class G1ScriptHandlesReloadRaceTest {

    @TempDir
    Path dir;

    @RepeatedTest(2)
    void noCallFindsItsVersionsHandlesReleasedWhileReloading() throws Exception {
        String manifest = "imports = test.hits@1.0\n";
        Path v1 = Scripts.js(dir, "hits-v1.js", Scripts.greeting("hits", "1.0.0") + manifest, code("v1 ", 1));
        Path v2 = Scripts.js(dir, "hits-v2.js", Scripts.greeting("hits", "2.0.0") + manifest, code("v2 ", 2));
        LongAdder total = new LongAdder();
        LongAdder greeted = new LongAdder();
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false)
                .loader(new JsPluginLoader(PolyglotSettings.defaults().withMaxContexts(4)))
                .hostModule(Hits.class, context -> Hits.over(context.handles(), total)).grant("hits", Hits.class)
                .build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            ReloadRace.run(8, 100,
                    (thread, n) -> {
                        ReloadRace.Seen seen = ReloadRace.Seen.of(greeting.greet("z"), "v1 z", "v2 z");
                        greeted.increment();
                        return seen.and(ReloadRace.Seen.of(greeting.next(n), n + 1, n + 2));
                    },
                    toSecond -> graft.reload("hits", toSecond ? v2 : v1))
                    .assertHeld();
        }
        assertEquals(greeted.sum(), total.sum(), "every greeting that returned was counted through its version's handle");
    }

    private static String code(String prefix, int step) {
        return "const hits = test_hits.counter();\n"
                + "function greet(name) { test_hits.add(hits, 1); return '" + prefix + "' + name; }\n"
                + "function next(n) { return n + " + step + "; }\n";
    }
}
