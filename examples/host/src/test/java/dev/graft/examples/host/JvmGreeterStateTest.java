package dev.graft.examples.host;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.examples.greeter.Counters;
import dev.graft.examples.greeter.Greeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The JVM example greeters keep their greeting count in their own state record: it survives
 * reloads both ways between version 1 and version 2, whose records differ by a component. And
 * docs/jvm-plugins.md shows version 2's state code as it is.
 */
class JvmGreeterStateTest {

    private static final Path PLUGINS = Path.of(System.getProperty("graft.example.plugins", "target/plugins"));
    private static final Path DOC = Path.of("../../docs/jvm-plugins.md");
    private static final Path V2_SOURCES = Path.of("../greeter-jvm-v2/src/main/java/dev/graft/examples/greeter/jvm");

    @Test
    void theGreetingCountSurvivesReloadsBothWays() {
        HostCounters counters = new HostCounters();
        List<GraftEvent.Reloaded> reloads = new CopyOnWriteArrayList<>();
        try (Graft graft = Graft.builder()
                .hostModule(Counters.class, ctx -> counters::counter)
                .grant("greeter", Counters.class)
                .subscribe(e -> {
                    if (e instanceof GraftEvent.Reloaded r) {
                        reloads.add(r);
                    }
                })
                .build()) {
            graft.load(PLUGINS.resolve("greeter-v1.jar"));
            Greeter greeter = graft.contract(Greeter.class);
            greeter.greet("ada");
            greeter.greet("alan");
            assertEquals(Map.of("greetings", 2L), graft.state("greeter").orElseThrow());

            graft.reload("greeter", PLUGINS.resolve("greeter-v2.jar"));
            assertEquals(Map.of("greetings", 2L, "lastName", ""), graft.state("greeter").orElseThrow(),
                    "count kept, lastName new at the record's default");
            greeter.greet("grace");
            assertEquals(Map.of("greetings", 3L, "lastName", "grace"), graft.state("greeter").orElseThrow());

            graft.reload("greeter", PLUGINS.resolve("greeter-v1.jar"));
            greeter.greet("edsger");
            assertEquals(Map.of("greetings", 4L), graft.state("greeter").orElseThrow(), "count kept, lastName dropped");

            assertEquals(List.of("state mapped: lastName new, 1 kept", "state mapped: lastName dropped, 1 kept"),
                    reloads.stream().map(r -> r.state().toString()).toList());
        }
        assertEquals(4, counters.total("greetings"), "the host's own counter agrees");
    }

    @Test
    void jvmPluginsDocShowsTheExamplesStateCode() throws IOException {
        String doc = Files.readString(DOC, UTF_8);
        List<String> shown = new ArrayList<>();
        shown.addAll(marked(V2_SOURCES.resolve("GreeterState.java")));
        shown.addAll(marked(V2_SOURCES.resolve("FriendlyGreeter.java")));

        assertFalse(shown.isEmpty());
        for (String excerpt : shown) {
            assertTrue(doc.contains(excerpt), "docs/jvm-plugins.md should show the example's code as it is; expected it to contain:\n"
                    + excerpt);
        }
    }

    /** The parts of a source file between {@code // docs/jvm-plugins.md begin} and {@code end} lines. */
    private static List<String> marked(Path source) throws IOException {
        String begin = "// docs/jvm-plugins.md begin\n";
        String end = "// docs/jvm-plugins.md end";
        String text = Files.readString(source, UTF_8);
        List<String> parts = new ArrayList<>();
        for (int at = text.indexOf(begin); at >= 0; at = text.indexOf(begin, at + 1)) {
            int from = at + begin.length();
            String part = text.substring(from, text.indexOf(end, from));
            parts.add(part.substring(0, part.lastIndexOf('\n') + 1)); // up to the end marker's own line
        }
        return parts;
    }
}
