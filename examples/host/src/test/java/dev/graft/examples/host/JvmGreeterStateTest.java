package dev.graft.examples.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.examples.greeter.Counters;
import dev.graft.examples.greeter.Greeter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The JVM example greeters keep their greeting count in their own state record: it survives
 * reloads both ways between version 1 and version 2, whose records differ by a component.
 * (DocExcerptsTest checks that docs/jvm-plugins.md shows version 2's state code as it is.)
 */
class JvmGreeterStateTest {

    private static final Path PLUGINS = Path.of(System.getProperty("graft.example.plugins", "target/plugins"));

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
}
