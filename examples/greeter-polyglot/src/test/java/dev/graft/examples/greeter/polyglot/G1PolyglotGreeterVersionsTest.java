package dev.graft.examples.greeter.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.host.Log;
import dev.graft.core.Graft;
import dev.graft.core.testing.RecordingLog;
import dev.graft.examples.greeter.Greeter;
import dev.graft.examples.host.HostCounters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The example greeter in JavaScript and in Python (src/main/js, src/main/python, as the build
 * copies them into target/classes/polyglot): version 1 answers as every kind's version 1, a reload
 * to version 2 serves the next call as version 2 (G1), each greeting is counted in the host's
 * counter through a handle and in the plugin's own state (carried across the reload, G4), each
 * version logs that it is ready, and no handle is left once both versions are retired.
 */
class G1PolyglotGreeterVersionsTest {

    private static final Path BUILT = Path.of("target", "classes", "polyglot");

    @ParameterizedTest
    @CsvSource({"js, JavaScript", "python, Python"})
    void version1AnswersThenAReloadServesVersion2AndTheHostCountsEveryGreeting(String language, String shown) {
        HostCounters counters = new HostCounters();
        List<String> logged = new CopyOnWriteArrayList<>();
        Graft graft = counters.offer(Graft.builder().contract(Greeter.class), "greeter")
                .shadowHostModule(Log.class, context -> new RecordingLog(context.versionLabel(), logged))
                .build();
        try (graft) {
            graft.load(BUILT.resolve("greeter-" + language + "-v1" + extension(language)));
            Greeter greeter = graft.contract(Greeter.class);
            assertEquals("Hello, world!", greeter.greet("world"));
            assertEquals(2, greeter.next(1));
            assertEquals("1.0.0", graft.plugin("greeter").orElseThrow().version().toString());
            assertEquals(language, graft.plugin("greeter").orElseThrow().kind());

            graft.reload("greeter", BUILT.resolve("greeter-" + language + "-v2" + extension(language)));
            assertEquals("Hi there, world!", greeter.greet("world"));
            assertEquals(3, greeter.next(1));
            assertEquals("2.0.0", graft.plugin("greeter").orElseThrow().version().toString());
            // the plugin's own count, carried from version 1 into version 2's shape
            assertEquals(Map.of("greetings", 2L, "longest", 5), graft.state("greeter").orElseThrow());
        }
        assertEquals(2, counters.total("greetings"), "one greeting counted in the host's counter per greet call");
        assertEquals("greeter@1.0.0#1 debug: greeter 1.0.0 (" + shown + ") ready", logged.getFirst(),
                "each version logs through graft.log: " + logged);
        assertTrue(logged.contains("greeter@2.0.0#2 debug: greeter 2.0.0 (" + shown + ") ready"),
                "each version logs through graft.log: " + logged);
        assertEquals(0, graft.liveHandles(), "every version's handle on the counter released once it was retired");
    }

    private static String extension(String language) {
        return language.equals("js") ? ".js" : ".py";
    }
}
