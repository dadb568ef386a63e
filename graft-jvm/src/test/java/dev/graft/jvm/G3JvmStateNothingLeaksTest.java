package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.state.StateReport;
import dev.graft.core.testing.Collected;
import dev.graft.jvm.fixture.Greeting;
import dev.graft.jvm.fixture.StatefulGreeting;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G3 with state: handing a JVM plugin's state from version to version keeps no old version alive.
 * The state crosses as plain values (never the old version's records), so after 200 reloads that
 * mapped it, the old versions' class loaders are collected, and the count is whole.
 */
class G3JvmStateNothingLeaksTest {

    private static final int RELOADS = 200;

    @TempDir
    Path dir;

    @Test
    void oldVersionsWithStateAreCollectedOnceRetired() throws Exception {
        Path v1 = TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", StatefulGreeting.V1.class)
                .state(StatefulGreeting.StateV1.class).write(dir, "v1.jar");
        Path v2 = TestJar.plugin("greeting", "2.0.0").provides("test.greeting@1.2", StatefulGreeting.V2.class)
                .state(StatefulGreeting.StateV2.class).write(dir, "v2.jar");
        List<WeakReference<ClassLoader>> old = new ArrayList<>();
        List<StateReport.Mode> modes = new ArrayList<>();
        CountDownLatch allRetired = new CountDownLatch(RELOADS);
        try (Graft graft = Graft.builder().subscribe(e -> {
            switch (e) {
                case GraftEvent.Retired r -> allRetired.countDown();
                case GraftEvent.Reloaded r -> modes.add(r.state().mode());
                default -> {
                }
            }
        }).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            for (int i = 1; i <= RELOADS; i++) {
                greeting.greet("n" + i);
                old.add(new WeakReference<>(greeting.classLoader()));
                graft.reload("greeting", i % 2 == 1 ? v2 : v1);
            }
            assertTrue(greeting.greet("last").endsWith("#" + (RELOADS + 1)), "every greeting was counted across the reloads");
            assertTrue(allRetired.await(30, TimeUnit.SECONDS), "every old version retired");
            assertEquals(List.of(StateReport.Mode.MAPPED), modes.stream().distinct().toList());

            assertEquals(0, Collected.awaitAll(old), "old class loaders still reachable, of " + old.size());
        }
    }
}
