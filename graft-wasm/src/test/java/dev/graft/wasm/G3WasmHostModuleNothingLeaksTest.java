package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.GraftLoggers;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.Collected;
import dev.graft.core.testing.LoggerCapture;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.fixture.HostUser;
import dev.graft.wasm.fixture.Kit;
import dev.graft.wasm.fixture.KitModule;
import dev.graft.wasm.testing.Wat;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G3 with host modules: after 100 reloads of a guest that calls host modules (and fails host calls
 * on purpose, so each instance keeps a host exception as its last failure), the old versions'
 * pools, and the host module implementations made for them, have been collected: an instance's
 * host functions and their state die with it.
 */
class G3WasmHostModuleNothingLeaksTest {

    private static final int RELOADS = 100;
    private static final String IMPORTS = "imports = graft.log@1.0, graft.config@1.0, test.wasm.kit@1.0";

    @TempDir
    Path dir;

    @Test
    void oldInstancesAndTheirHostModulesAreCollected() throws Exception {
        Path v1 = Wat.write(dir, "v1.wasm", Wat.manifest("host-user", "1.0.0", "test.wasm.hostuser@1.0", IMPORTS), Guests.HOST_USER);
        Path v2 = Wat.write(dir, "v2.wasm", Wat.manifest("host-user", "2.0.0", "test.wasm.hostuser@1.0", IMPORTS), Guests.HOST_USER);
        List<WeakReference<Object>> versions = new ArrayList<>(); // each version's pool and kit implementation, in load order
        WasmPluginLoader loader = new WasmPluginLoader(WasmSettings.defaults().withCallTimeout(Duration.ofSeconds(30)), plugin -> {
            synchronized (versions) {
                versions.add(new WeakReference<>(plugin.pool()));
            }
        });
        CountDownLatch allRetired = new CountDownLatch(RELOADS);
        try (LoggerCapture quiet = LoggerCapture.of(GraftLoggers.HOST_CALLS);
             Graft graft = Graft.builder().contract(HostUser.class).discoverLoaders(false).loader(loader)
                     .hostModule(Kit.class, context -> {
                         KitModule kit = new KitModule();
                         synchronized (versions) {
                             versions.add(new WeakReference<>(kit));
                         }
                         return kit;
                     })
                     .grant("host-user", Kit.class)
                     .subscribe(e -> {
                         if (e instanceof GraftEvent.Retired) {
                             allRetired.countDown();
                         }
                     }).build()) {
            graft.load(v1);
            HostUser user = graft.contract(HostUser.class);
            AtomicBoolean stop = new AtomicBoolean();
            Thread caller = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    user.echo("z");
                    user.tryFail("kept as the instance's last failure");
                }
            });
            for (int i = 1; i <= RELOADS; i++) {
                graft.reload("host-user", i % 2 == 1 ? v2 : v1);
                user.add(i, 1);
            }
            stop.set(true);
            caller.join();
            assertTrue(allRetired.await(60, TimeUnit.SECONDS), "all old versions retired");
            List<WeakReference<Object>> old;
            synchronized (versions) {
                old = List.copyOf(versions.subList(0, versions.size() - 2)); // the live version's kit and pool stay
            }
            assertEquals(0, Collected.awaitAll(old), "old pools and kits still reachable, of " + old.size());
            assertEquals("z", user.echo("z"));
        }
    }

}
