package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.GraftLoggers;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.host.HandleException;
import dev.graft.core.host.HandleScope;
import dev.graft.core.testing.LoggerCapture;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.fixture.HandleUser;
import dev.graft.wasm.fixture.Store;
import dev.graft.wasm.fixture.StoreModule;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
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
 * Host objects given to a wasm guest as handles (i64) by a host module ({@link Store}): an owned
 * handle names its object until released through graft.handles; a released, forged, foreign, stale
 * or wrongly typed handle is an error status for the guest (GRAFT_BAD_HANDLE, with the core's
 * message) and a {@link HandleException} on the host side, the cause of the guest's failure when it
 * passes it on: never another object, never a trap. Owned handles a plugin leaks are released when
 * it unloads or is replaced.
 */
class WasmHandleTest {

    private static final String PROVIDES = "test.wasm.handleuser@1.0";
    private static final String IMPORTS = "imports = test.wasm.store@1.0, graft.handles@1.0";

    @TempDir
    Path dir;

    private final Map<String, StoreModule> stores = new ConcurrentHashMap<>(); // by version label
    private final LinkedBlockingQueue<String> retired = new LinkedBlockingQueue<>();
    private final LoggerCapture hostCalls = LoggerCapture.of(GraftLoggers.HOST_CALLS);
    private Graft graft;

    @BeforeEach
    void start() {
        graft = Graft.builder().contract(HandleUser.class)
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
        hostCalls.close();
    }

    private HandleUser load(String id, String version, String mark) {
        graft.load(build(id, version, mark));
        return graft.contractOf(id, HandleUser.class);
    }

    private Path build(String id, String version, String mark) {
        return Wat.write(dir, id + "-" + version + ".wasm", Wat.manifest(id, version, PROVIDES, IMPORTS), Guests.handleUser(mark));
    }

    private String label(String id) {
        return graft.plugin(id).orElseThrow().label();
    }

    /** The guest's call fails with GRAFT_BAD_HANDLE, passing on the host's message; the host's exception is the cause. */
    private static HandleException refused(Runnable call, HandleException.Reason reason) {
        WasmGuestException e = assertThrows(WasmGuestException.class, call::run);
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
        HandleUser user = load("handle-user", "1.0.0", "!");
        long handle = user.open("abc");
        assertTrue(handle > 0, "a handle is a positive 64-bit value: " + handle);
        user.append(handle, "déf");
        assertEquals("abcdéf", user.read(handle));
        assertEquals(0, user.release(handle));

        HandleException e = refused(() -> user.read(handle), HandleException.Reason.RELEASED);
        assertEquals(handle, e.handle());
        assertEquals(HostFailure.BAD_HANDLE, user.release(handle), "releasing twice is refused too");
        assertEquals("next", user.tryRead(user.open("next")), "the plugin serves the next call");
    }

    @Test
    void theHostLogsARefusedHandle() {
        HandleUser user = load("handle-user", "1.0.0", "!");
        assertTrue(user.tryRead(42).startsWith("3:host module test.wasm.store@1.0, fn read(i64) -> str: "));
        LogRecord record = hostCalls.records().getFirst();
        assertEquals(Level.WARNING, record.getLevel());
        assertInstanceOf(HandleException.class, record.getThrown());
        assertTrue(record.getMessage().startsWith("plugin 'handle-user' (" + label("handle-user") + "): host module "
                + "test.wasm.store@1.0, fn read(i64) -> str: expected a handle this runtime issued"), record.getMessage());
        assertTrue(record.getMessage().endsWith("; the guest gets status 3 (GRAFT_BAD_HANDLE)"), record.getMessage());
    }

    @Test
    void aForgedHandleIsRefused() {
        HandleUser user = load("handle-user", "1.0.0", "!");
        long real = user.open("real");
        for (long forged : new long[] {0, -1, 42, 0x7fff_ffff_0000_0000L, real + (1L << 32), real + 1_000_000}) {
            refused(() -> user.read(forged), HandleException.Reason.UNKNOWN);
        }
        assertTrue(user.tryRead(0x1234_5678_9abcL).startsWith("3:host module test.wasm.store@1.0, fn read(i64) -> str: "
                + "expected a handle this runtime issued"), "the guest reads the reason");
        assertEquals("real", user.read(real));
    }

    @Test
    void anotherPluginsHandleIsRefused() {
        HandleUser user = load("handle-user", "1.0.0", "!");
        HandleUser other = load("handle-other", "1.0.0", "?");
        long mine = user.open("mine");
        HandleException e = refused(() -> other.read(mine), HandleException.Reason.FOREIGN);
        assertTrue(e.getMessage().contains("handle-user@1.0.0"), e.getMessage());
        assertEquals(HostFailure.BAD_HANDLE, other.release(mine), "nor may it release it");
        assertEquals("mine", user.read(mine), "the owner still may");
    }

    @Test
    void aHandleOfARetiredVersionIsStale() throws Exception {
        HandleUser user = load("handle-user", "1.0.0", "!");
        String v1 = label("handle-user");
        long old = user.open("from v1");
        graft.reload("handle-user", build("handle-user", "2.0.0", "?"));
        awaitRetired(v1);

        HandleException e = refused(() -> user.read(old), HandleException.Reason.RELEASED);
        assertTrue(e.getMessage().contains(v1), "names the version it belonged to: " + e.getMessage());
        assertThrows(HandleException.class, () -> stores.get(v1).read(old), "the retired version's own module refuses it too");
    }

    @Test
    void aHandleOfAnotherTypeIsRefused() {
        HandleUser user = load("handle-user", "1.0.0", "!");
        long number = user.number(7);
        HandleException e = refused(() -> user.read(number), HandleException.Reason.WRONG_TYPE);
        assertTrue(e.getMessage().contains("Integer") && e.getMessage().contains("StringBuilder"), e.getMessage());
    }

    @Test
    void aScopedHandleLivesForTheHostCallThatMadeIt() {
        HandleUser user = load("handle-user", "1.0.0", "!");
        StoreModule store = stores.get(label("handle-user"));
        long kept;
        try (HandleScope scope = store.handles().scope()) {
            kept = scope.handle(new StringBuilder("lent for a call"));
            assertEquals("lent for a call", user.read(kept), "the guest runs on the thread whose scope made it");
            assertEquals(HostFailure.BAD_HANDLE, user.release(kept), "a scoped handle is not the guest's to release");
        }
        refused(() -> user.read(kept), HandleException.Reason.RELEASED);
    }

    @Test
    void leakedOwnedHandlesAreReleasedWhenThePluginUnloads() throws Exception {
        int before = graft.liveHandles();
        HandleUser user = load("handle-user", "1.0.0", "!");
        String label = label("handle-user");
        assertEquals(500, user.leak(500));
        assertEquals(before + 500, graft.liveHandles(), "the leaked handles are live");

        graft.unload("handle-user");
        awaitRetired(label);
        assertEquals(before, graft.liveHandles(), "the table count is where it started");
    }

    @Test
    void leakedOwnedHandlesAreReleasedWhenTheVersionIsReplaced() throws Exception {
        int before = graft.liveHandles();
        HandleUser user = load("handle-user", "1.0.0", "!");
        String v1 = label("handle-user");
        assertEquals(300, user.leak(300));
        graft.reload("handle-user", build("handle-user", "2.0.0", "?"));
        awaitRetired(v1);
        assertEquals(before, graft.liveHandles(), "v1's leaks are gone");
        assertEquals(20, user.leak(20));
        assertEquals(before + 20, graft.liveHandles(), "v2's are its own");
    }
}
