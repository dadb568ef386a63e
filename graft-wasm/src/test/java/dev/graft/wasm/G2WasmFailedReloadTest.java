package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginException;
import dev.graft.core.PluginStartException;
import dev.graft.core.event.GraftEvent;
import dev.graft.wasm.fixture.Greeting;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G2 with wasm plugins: a reload that fails (here, in the new version's start function, the last
 * step before publishing) changes nothing: v1 serves every call racing it, the failure is reported
 * as exception and event naming plugin and artifact, and a later good reload works.
 */
class G2WasmFailedReloadTest {

    @TempDir
    Path dir;

    @Test
    void failedReloadIsReportedAndALaterGoodOneWorks() {
        Path v1 = Wat.write(dir, "v1.wasm", Wat.manifest("greeting", "1.0.0", "test.greeting@1.0"), Guests.greeting("v1 ", 1));
        Path broken = Wat.write(dir, "broken.wasm", Wat.manifest("greeting", "2.0.0", "test.greeting@1.0"),
                Wat.with(Guests.greeting("v2 ", 2), "(start $boom) (func $boom unreachable)"));
        Path good = Wat.write(dir, "good.wasm", Wat.manifest("greeting", "2.0.0", "test.greeting@1.0"), Guests.greeting("v2 ", 2));
        List<GraftEvent> events = new CopyOnWriteArrayList<>();
        try (Graft graft = Graft.builder().contract(Greeting.class).subscribe(events::add).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);

            PluginException e = assertThrows(PluginStartException.class, () -> graft.reload("greeting", broken));
            assertTrue(e.getMessage().contains("plugin 'greeting'") && e.getMessage().contains("broken.wasm"), e.getMessage());
            GraftEvent.Failed failed = events.stream().filter(GraftEvent.Failed.class::isInstance)
                    .map(GraftEvent.Failed.class::cast).findFirst().orElseThrow();
            assertEquals("reload", failed.operation());
            assertEquals(e, failed.error());
            assertEquals("v1 x", greeting.greet("x"));
            assertEquals("1.0.0", graft.plugin("greeting").orElseThrow().version().toString());

            graft.reload("greeting", good);
            assertEquals("v2 x", greeting.greet("x"));
        }
    }

    @RepeatedTest(2)
    void callsRacingFailedReloadsAllReachTheOldVersion() throws Exception {
        Path v1 = Wat.write(dir, "v1.wasm", Wat.manifest("greeting", "1.0.0", "test.greeting@1.0"), Guests.greeting("v1 ", 1));
        Path mismatched = Wat.write(dir, "v2.wasm", Wat.manifest("greeting", "2.0.0", "test.greeting@1.0"),
                Guests.greeting("v2 ", 2).replace("(func (export \"next\") (param i32) (result i32) (i32.add (local.get 0) (i32.const 2)))",
                        "(func (export \"next\") (param i64) (result i32) (i32.wrap_i64 (local.get 0)))"));
        try (Graft graft = Graft.builder().contract(Greeting.class).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        try {
                            String answer = greeting.greet("y");
                            if (!answer.equals("v1 y")) {
                                problems.add("answered " + answer);
                            }
                        } catch (RuntimeException e) {
                            problems.add("threw " + e);
                        }
                    }
                }));
            }
            for (int i = 0; i < 20; i++) {
                assertThrows(PluginException.class, () -> graft.reload("greeting", mismatched));
            }
            stop.set(true);
            for (Thread c : callers) {
                c.join();
            }
            assertEquals(List.of(), List.copyOf(problems));
        }
    }
}
