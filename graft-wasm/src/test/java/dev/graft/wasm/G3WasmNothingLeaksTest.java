package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.Collected;
import dev.graft.wasm.fixture.Greeting;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.testing.Wat;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G3: after 200 reloads with calls running, the instances and pools of the old versions have been
 * collected (the watchdog holds pools weakly), and Graft's private copies of the modules are gone.
 */
class G3WasmNothingLeaksTest {

    private static final int RELOADS = 200;

    @TempDir
    Path dir;

    @Test
    void oldInstancesAreCollected() throws Exception {
        String tag = "g3-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path v1 = Wat.write(dir, tag + "-v1.wasm", Wat.manifest("greeting", "1.0.0", "test.greeting@1.0"), Guests.greeting("v1 ", 1));
        Path v2 = Wat.write(dir, tag + "-v2.wasm", Wat.manifest("greeting", "2.0.0", "test.greeting@1.0"), Guests.greeting("v2 ", 2));

        List<WeakReference<Object>> versions = new ArrayList<>(); // each version's pool and the instances it made
        WasmPluginLoader loader = new WasmPluginLoader(WasmSettings.defaults().withCallTimeout(Duration.ofSeconds(30)), plugin -> {
            synchronized (versions) {
                versions.add(new WeakReference<>(plugin.pool()));
                for (Lane lane : plugin.pool().lanes()) {
                    GuestInstance guest = lane.guest;
                    if (guest != null) {
                        Instance instance = guest.instance();
                        versions.add(new WeakReference<>(instance));
                    }
                }
            }
        });
        CountDownLatch allRetired = new CountDownLatch(RELOADS);
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false).loader(loader)
                .subscribe(e -> {
                    if (e instanceof GraftEvent.Retired) {
                        allRetired.countDown();
                    }
                }).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            AtomicBoolean stop = new AtomicBoolean();
            Thread caller = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    greeting.greet("z");
                }
            });
            for (int i = 1; i <= RELOADS; i++) {
                graft.reload("greeting", i % 2 == 1 ? v2 : v1);
                greeting.next(i);
            }
            stop.set(true);
            caller.join();
            assertTrue(allRetired.await(60, TimeUnit.SECONDS), "all old versions retired");
            int live = versions.size();
            List<WeakReference<Object>> old;
            synchronized (versions) {
                old = List.copyOf(versions.subList(0, versions.size() - 2)); // the current version's pool and first instance stay
            }
            assertEquals(0, Collected.awaitAll(old), "old pools and instances still reachable, of " + old.size()
                    + " (" + live + " tracked)");
            assertEquals("v1 z", greeting.greet("z"));
            assertEquals(1, copiesOf(tag + "-v1.wasm") + copiesOf(tag + "-v2.wasm"), "only the live version's copy is left");
        }
        assertEquals(0, copiesOf(tag + "-v1.wasm") + copiesOf(tag + "-v2.wasm"), "closing the runtime deletes its copies");
    }

    /** Graft's copies of a module in the temp folder (the store names copies "N-file"). */
    private static long copiesOf(String fileName) throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> stores = Files.list(tmp)) {
            return stores.filter(p -> p.getFileName().toString().startsWith("graft-artifacts-"))
                    .mapToLong(store -> {
                        try (Stream<Path> files = Files.list(store)) {
                            return files.filter(f -> f.getFileName().toString().endsWith("-" + fileName)).count();
                        } catch (Exception e) {
                            return 0;
                        }
                    }).sum();
        }
    }
}
