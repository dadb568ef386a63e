package dev.graft.natives;

import dev.graft.core.GraftLoggers;
import dev.graft.core.testing.LoggerCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.host.HandleException;
import dev.graft.core.host.HandleScope;
import dev.graft.natives.fixture.HandleUser;
import dev.graft.natives.fixture.Store;
import dev.graft.natives.fixture.StoreModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handles through a native guest (src/test/c/handle_user.c): a host object reaches the guest as a
 * 64-bit handle, and the guest gives it back to host modules. A released, forged, foreign, stale
 * or wrongly typed handle is an error status for the guest (GRAFT_BAD_HANDLE, with the core's
 * message) and a {@link HandleException} on the host side, the cause of the guest's failure: never
 * another object, never a crash. Owned handles a plugin leaks are released when it unloads.
 */
class NativeHandleTest {

    @TempDir
    Path dir;

    private final Map<String, StoreModule> stores = new ConcurrentHashMap<>(); // by version label
    private final LinkedBlockingQueue<String> retired = new LinkedBlockingQueue<>();
    private Graft graft;

    @BeforeEach
    void start() {
        graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(HandleUser.class)
                .hostModule(Store.class, context -> stores.computeIfAbsent(context.versionLabel(),
                        label -> new StoreModule(context.handles())))
                .grant("handle-user", Store.class)
                .grant("handle-other", Store.class)
                .subscribe(e -> {
                    if (e instanceof GraftEvent.Retired r) {
                        retired.add(r.versionLabel());
                    }
                })
                .build();
    }

    @AfterEach
    void close() {
        graft.close();
    }

    private HandleUser load(String fixture, String name) {
        String id = graft.load(Fixtures.copy(fixture, dir, name)).id();
        return graft.contractOf(id, HandleUser.class);
    }

    /** The guest's call fails with GRAFT_BAD_HANDLE, passing on the host's message; the host's exception is the cause. */
    private static HandleException refused(Runnable call, HandleException.Reason reason) {
        NativeCallException e = assertThrows(NativeCallException.class, call::run);
        assertEquals(HostFailure.BAD_HANDLE, e.status(), e.getMessage());
        HandleException cause = assertInstanceOf(HandleException.class, e.getCause(), "the host side sees the handle's error");
        assertEquals(reason, cause.reason(), cause.getMessage());
        assertTrue(e.getMessage().endsWith(cause.getMessage()), "the guest read the host's message: " + e.getMessage());
        return cause;
    }

    private void awaitRetired(String label) throws InterruptedException {
        String next;
        do {
            next = retired.poll(30, TimeUnit.SECONDS);
            assertTrue(next != null, "expected " + label + " to be retired");
        } while (!next.equals(label));
    }

    @Test
    void anOwnedHandleNamesItsObjectUntilReleased() {
        HandleUser user = load("handle_user", "handle-user.so");
        long handle = user.open("abc");
        assertTrue(handle > 0, "a handle is a positive 64-bit value: " + handle);
        user.append(handle, "déf");
        assertEquals("abcdéf", user.read(handle));
        assertEquals(0, user.release(handle));

        HandleException e = refused(() -> user.read(handle), HandleException.Reason.RELEASED);
        assertEquals(handle, e.handle());
        assertEquals(HostFailure.BAD_HANDLE, user.release(handle), "releasing twice is refused too");
        assertEquals("ok: next", user.tryRead(user.open("next")), "the plugin serves the next call");
    }

    @Test
    void theHostLogsARefusedHandle() {
        HandleUser user = load("handle_user", "handle-user.so");
        String label = graft.plugin("handle-user").orElseThrow().label();
        try (LoggerCapture log = LoggerCapture.of(GraftLoggers.HOST_CALLS)) {
            assertTrue(user.tryRead(42).startsWith("status 3: "));
            LogRecord record = log.records().getFirst();
            assertEquals(Level.WARNING, record.getLevel());
            assertInstanceOf(HandleException.class, record.getThrown());
            assertTrue(record.getMessage().startsWith("plugin 'handle-user' (" + label + "): host module test.native.store@1.0, "
                    + "fn read(i64) -> str: expected a handle this runtime issued, found handle 0x000000000000002a"), record.getMessage());
            assertTrue(record.getMessage().endsWith("; the guest gets status 3 (GRAFT_BAD_HANDLE)"), record.getMessage());
        }
    }

    @Test
    void aForgedHandleIsRefused() {
        HandleUser user = load("handle_user", "handle-user.so");
        long real = user.open("real");
        for (long forged : new long[] {0, -1, 42, 0x7fff_ffff_0000_0000L, real + (1L << 32), real + 1_000_000}) {
            refused(() -> user.read(forged), HandleException.Reason.UNKNOWN);
        }
        assertTrue(user.tryRead(0x1234_5678_9abcL).startsWith("status 3: host module test.native.store@1.0, fn read(i64) -> str: "
                + "expected a handle this runtime issued"), "the guest reads the reason");
        assertEquals("real", user.read(real));
    }

    @Test
    void anotherPluginsHandleIsRefused() {
        HandleUser user = load("handle_user", "handle-user.so");
        HandleUser other = load("handle_user_other", "handle-other.so");
        long mine = user.open("mine");
        HandleException e = refused(() -> other.read(mine), HandleException.Reason.FOREIGN);
        assertTrue(e.getMessage().contains("an owned handle of handle-user@1.0.0"), e.getMessage());
        assertEquals(HostFailure.BAD_HANDLE, other.release(mine), "nor may it release it");
        assertEquals("mine", user.read(mine), "the owner still may");
    }

    @Test
    void aHandleOfARetiredVersionIsStale() throws Exception {
        HandleUser user = load("handle_user", "v1.so");
        String v1 = graft.plugin("handle-user").orElseThrow().label();
        long old = user.open("from v1");
        graft.reload("handle-user", Fixtures.copy("handle_user_v2", dir, "v2.so"));
        assertEquals(2, user.version());
        awaitRetired(v1);

        HandleException e = refused(() -> user.read(old), HandleException.Reason.RELEASED);
        assertTrue(e.getMessage().contains(v1), "names the version it belonged to: " + e.getMessage());
        assertThrows(HandleException.class, () -> stores.get(v1).read(old), "the retired version's own module refuses it too");
    }

    @Test
    void aHandleOfAnotherTypeIsRefused() {
        HandleUser user = load("handle_user", "handle-user.so");
        long number = user.number(7);
        HandleException e = refused(() -> user.read(number), HandleException.Reason.WRONG_TYPE);
        assertTrue(e.getMessage().contains("Integer") && e.getMessage().contains("StringBuilder"), e.getMessage());
    }

    @Test
    void aScopedHandleLivesForTheHostCallThatMadeIt() {
        HandleUser user = load("handle_user", "handle-user.so");
        StoreModule store = stores.get(graft.plugin("handle-user").orElseThrow().label());
        long kept;
        try (HandleScope scope = store.handles().scope()) {
            kept = scope.handle(new StringBuilder("lent for a call"));
            assertEquals("lent for a call", user.read(kept));
            assertEquals(HostFailure.BAD_HANDLE, user.release(kept), "a scoped handle is not the guest's to release");
        }
        refused(() -> user.read(kept), HandleException.Reason.RELEASED);
    }

    @Test
    void leakedOwnedHandlesAreReleasedWhenThePluginUnloads() throws Exception {
        int before = graft.liveHandles();
        HandleUser user = load("handle_user", "handle-user.so");
        String label = graft.plugin("handle-user").orElseThrow().label();
        assertEquals(500, user.leak(500));
        assertEquals(before + 500, graft.liveHandles(), "the leaked handles are live");

        graft.unload("handle-user");
        awaitRetired(label);
        assertEquals(before, graft.liveHandles(), "the table count is where it started");
    }

    @Test
    void leakedOwnedHandlesAreReleasedWhenTheVersionIsReplaced() throws Exception {
        int before = graft.liveHandles();
        HandleUser user = load("handle_user", "v1.so");
        String v1 = graft.plugin("handle-user").orElseThrow().label();
        assertEquals(300, user.leak(300));
        graft.reload("handle-user", Fixtures.copy("handle_user_v2", dir, "v2.so"));
        awaitRetired(v1);
        assertEquals(before, graft.liveHandles(), "v1's leaks are gone");
        assertEquals(20, user.leak(20));
        assertEquals(before + 20, graft.liveHandles(), "v2's are its own");
    }
}
