package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.host.Log;
import dev.graft.core.Graft;
import dev.graft.core.GraftLoggers;
import dev.graft.core.testing.LoggerCapture;
import dev.graft.core.testing.RecordingLog;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.fixture.HostUser;
import dev.graft.wasm.fixture.Kit;
import dev.graft.wasm.fixture.KitModule;
import dev.graft.wasm.fixture.Point;
import dev.graft.wasm.testing.Wat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Host modules called from a wasm guest ({@link Guests#HOST_USER}, in both execution modes where
 * the guest's own code runs inside a host call): each type of the mapping crosses the import both
 * ways; graft.log and graft.config are reached from the start function and from calls; an
 * exception thrown by a host module reaches the guest as a status and a message it can read, never
 * as a trap, and is the cause of the guest's failure on the host side when the guest passes it on;
 * arguments the host refuses, and a result that does not fit the plugin's memory, are statuses
 * too; a guest blocked in a host call is still stopped by its deadline.
 */
class WasmHostModuleTest {

    private static final String PROVIDES = "test.wasm.hostuser@1.0";
    private static final String IMPORTS = "imports = graft.log@1.0, graft.config@1.0, test.wasm.kit@1.0";
    private static final String KIT = "host module test.wasm.kit@1.1, ";

    @TempDir
    Path dir;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final LoggerCapture hostCalls = LoggerCapture.of(GraftLoggers.HOST_CALLS); // the failures made on purpose, kept off the console
    private Graft graft;

    @AfterEach
    void close() {
        if (graft != null) {
            graft.close();
        }
        hostCalls.close();
    }

    private HostUser load(ExecutionMode mode) {
        return load(WasmSettings.defaults().withMode(mode));
    }

    private HostUser load(WasmSettings settings) {
        graft = Graft.builder().contract(HostUser.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(settings))
                .hostModule(Kit.class, context -> new KitModule())
                .grant("host-user", Kit.class)
                .shadowHostModule(Log.class, context -> new RecordingLog(context.versionLabel(), logged))
                .config("host-user", Map.of("greeting", "grüße"))
                .build();
        graft.load(Wat.write(dir, "host-user.wasm", Wat.manifest("host-user", "1.0.0", PROVIDES, IMPORTS), Guests.HOST_USER));
        return graft.contract(HostUser.class);
    }

    private String label() {
        return graft.plugin("host-user").orElseThrow().label();
    }

    @Test
    void theStartFunctionAndACallReachTheHostsLog() {
        HostUser user = load(ExecutionMode.COMPILED);
        assertTrue(logged.contains(label() + " debug: host-user ready"), "the start function logged: " + logged);
        user.log("from a call: ✓");
        assertEquals(label() + " info: from a call: ✓", logged.getLast());
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void scalarsCrossBothWays(ExecutionMode mode) {
        HostUser user = load(mode);
        assertEquals(5, user.add(2, 3));
        assertEquals(Integer.MIN_VALUE, user.add(Integer.MAX_VALUE, 1), "wraps like Java and wasm");
        assertEquals(-7, user.add(-10, 3));
        assertEquals(6_000_000_000L, user.multiply(3, 2_000_000_000L), "through the result pointer");
        assertEquals(-1.25f, user.half(-2.5f), "in the status word's low half");
        assertEquals(Double.MAX_VALUE, user.twice(Double.MAX_VALUE / 2));
        assertTrue(user.negate(false));
        assertFalse(user.negate(true));
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void stringsBytesAndRecordsCrossBothWays(ExecutionMode mode) {
        HostUser user = load(mode);
        assertEquals("grüße, 世界 ✓", user.echo("grüße, 世界 ✓"), "allocated by the host with the guest's graft_alloc");
        assertEquals("", user.echo(""), "an empty result is {0, 0}: nothing allocated");
        assertArrayEquals(new byte[] {3, 2, 1, 0, -1}, user.reverse(new byte[] {-1, 0, 1, 2, 3}));
        assertArrayEquals(new byte[0], user.reverse(new byte[0]));
        String big = "x".repeat(1 << 20);
        assertEquals(big, user.echo(big), "a megabyte each way");
        assertEquals(new Point(-5, 7), user.move(new Point(-8, 7), 3), "a struct both ways");
        assertEquals(new Kit.Tag("new (was old ✓)", 42), user.rename(new Kit.Tag("old ✓", 41), "new"),
                "a struct with a string both ways");
        assertEquals(6, user.repeatLength("ab", 3), "a result the guest frees itself");
        for (int i = 0; i < 1000; i++) {
            assertEquals("round " + i, user.echo("round " + i), "the guest's heap does not creep: results are freed");
        }
    }

    @Test
    void configurationThroughGraftConfig() {
        HostUser user = load(ExecutionMode.COMPILED);
        assertEquals("grüße", user.config("greeting"));
        assertEquals("", user.config("missing"), "an unset key is the empty string");
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void hostModuleThrowingReachesTheGuestAsAStatusAndAMessage(ExecutionMode mode) {
        HostUser user = load(mode);
        int before = user.counter();
        assertEquals("2:" + KIT + "fn fail(str): threw java.lang.IllegalStateException: boom", user.tryFail("boom"));
        assertEquals(before + 1, user.counter(), "no trap: the instance (and its globals) served on");
        assertEquals("2:" + KIT + "fn fail(str): threw java.lang.IllegalStateException: again", user.tryFail("again"),
                "the message is the last failure's");
        assertEquals(3, user.add(1, 2));
    }

    @Test
    void hostModuleThrowingAnErrorIsCaughtToo() {
        HostUser user = load(ExecutionMode.COMPILED);
        assertEquals("2:" + KIT + "fn panic(): threw java.lang.AssertionError: the host module panicked", user.tryPanic());
        assertEquals(3, user.add(1, 2));
    }

    @Test
    void theHostLogsEachFailureNamingPluginModuleAndFunction() {
        HostUser user = load(ExecutionMode.COMPILED);
        user.tryFail("on purpose");
        user.tryBadText();
        List<LogRecord> records = hostCalls.records();
        assertEquals(2, records.size(), String.valueOf(records));
        String prefix = "plugin 'host-user' (" + label() + "): " + KIT;
        assertEquals(prefix + "fn fail(str): threw java.lang.IllegalStateException: on purpose; the guest gets status 2 (GRAFT_HOST_FAILED)",
                records.get(0).getMessage());
        assertEquals(Level.FINE, records.get(0).getLevel(), "an exception the module threw on purpose: debug");
        assertInstanceOf(IllegalStateException.class, records.get(0).getThrown());
        assertTrue(records.get(1).getMessage().startsWith(prefix + "fn echo(str) -> str: expected UTF-8 text")
                && records.get(1).getMessage().endsWith("; the guest gets status 4 (GRAFT_BAD_ARGUMENT)"), records.get(1).getMessage());
        assertEquals(Level.WARNING, records.get(1).getLevel(), "what the guest got wrong: a warning");
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void guestPassingTheFailureOnGivesTheHostItsCause(ExecutionMode mode) {
        HostUser user = load(mode);
        WasmGuestException e = assertThrows(WasmGuestException.class, () -> user.fail("no such order"));
        assertEquals(HostFailure.HOST_FAILED, e.status());
        assertEquals("plugin 'host-user' (" + label() + "), function fail: failed with status 2: " + KIT
                + "fn fail(str): threw java.lang.IllegalStateException: no such order", e.getMessage());
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause(), "the host's own exception");
        assertEquals("no such order", cause.getMessage());
        assertEquals(3, user.add(1, 2), "the next call runs in a fresh instance");
    }

    @Test
    void argumentsTheHostRefusesAreBadArgumentStatuses() {
        HostUser user = load(ExecutionMode.COMPILED);
        assertEquals("4:" + KIT + "fn echo(str) -> str: expected UTF-8 text, found byte(s) ff at offset 2 of 4", user.tryBadText());
        String outside = user.tryBadPointer();
        assertTrue(outside.startsWith("4:" + KIT + "fn echo(str) -> str: expected a str argument inside the guest's memory of ")
                && outside.endsWith(" bytes, found pointer 2147483632 and length 64 (ending at 2147483696)"), outside);
        assertEquals("4:" + KIT + "fn multiply(i64, i64) -> i64: expected a pointer to where the result goes (8 bytes), found 0 (NULL)",
                user.tryNullResult(), "checked before the implementation runs");
        assertEquals(3, user.add(1, 2));
    }

    @Test
    void aResultLargerThanThePluginsMemoryIsAHostFailureNotATrap() {
        HostUser user = load(WasmSettings.defaults().withMaxMemoryPages(16));
        int before = user.counter();
        assertEquals(-HostFailure.HOST_FAILED, user.repeatLength("x", 2 << 20), "2 MiB does not fit in 1 MiB: graft_alloc returned 0");
        assertEquals(before + 1, user.counter(), "the same instance serves on");
        assertEquals(6, user.repeatLength("ab", 3));
    }

    @Test
    void aLongMessageIsCutAtACharacterToFitTheGuestsBuffer() {
        HostUser user = load(ExecutionMode.COMPILED);
        String prefix = KIT + "fn fail(str): threw java.lang.IllegalStateException: ";
        int ascii = prefix.length();
        // room for the prefix, 17 and a half é (two bytes each) and the NUL: the half is not written
        byte[] got = user.messageIn("é".repeat(100), ascii + 35 + 1);
        assertEquals(ascii + 34 + 1, got.length, "cut at a character boundary, NUL included");
        assertEquals(0, got[got.length - 1], "NUL-terminated");
        assertEquals(prefix + "é".repeat(17), new String(got, 0, got.length - 1, StandardCharsets.UTF_8));
        assertEquals(0, user.messageIn("x", 0).length, "a capacity of 0 writes nothing");
        byte[] full = (prefix + "é".repeat(100)).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(Arrays.copyOf(full, full.length + 1), user.messageIn("é".repeat(100), 2048), "the whole message and its NUL");
    }

    @Test
    void theDeadlineStopsAGuestBlockedInAHostCall() {
        HostUser user = load(WasmSettings.defaults().withCallTimeout(Duration.ofMillis(200)));
        // kit.sleep returns only when interrupted; the guest then loops forever: only the deadline's
        // interrupt, set again after the host module's InterruptedException cleared it, stops the loop
        WasmTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(WasmTimeoutException.class, user::sleep));
        assertTrue(e.getMessage().contains("function sleep"), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt does not leak to the caller");
        assertEquals(3, user.add(1, 2), "the instance was replaced");
    }

    @Test
    void theDeadlineStopsAGuestEvenIfTheHostModuleSwallowedTheInterrupt() {
        HostUser user = load(WasmSettings.defaults().withCallTimeout(Duration.ofMillis(200)));
        // kit.nap catches the deadline's InterruptedException and returns normally; the guest then loops
        // forever: the host call gives the interrupt back on its way out, because its lane's call expired
        WasmTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(WasmTimeoutException.class, user::nap));
        assertTrue(e.getMessage().contains("function nap"), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt does not leak to the caller");
        assertEquals(3, user.add(1, 2), "the instance was replaced");
    }
}
