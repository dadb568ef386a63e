package dev.graft.natives;

import dev.graft.core.GraftLoggers;
import dev.graft.core.testing.LoggerCapture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.host.Log;
import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.RecordingLog;
import dev.graft.examples.greeter.Greeter;
import dev.graft.natives.fixture.HostUser;
import dev.graft.natives.fixture.Kit;
import dev.graft.natives.fixture.KitModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Host modules called from a native guest (src/test/c/host_user.c): each type of the mapping
 * crosses the upcall both ways; graft.log and graft.config are reached at init, during calls and at
 * shutdown; an exception thrown by a host module reaches the guest as a status and a message it
 * can read, never unwinds through its frames, and is the cause of the guest's failure on the host
 * side when the guest passes it on; arguments the host refuses are a status too.
 */
class NativeHostModuleTest {

    @TempDir
    Path dir;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final CountDownLatch retired = new CountDownLatch(1);
    private Graft graft;
    private HostUser user;

    @BeforeEach
    void load() {
        graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(HostUser.class).contract(Greeter.class)
                .hostModule(Kit.class, context -> new KitModule())
                .grant("host-user", Kit.class)
                .grant("subset", Kit.class)
                .shadowHostModule(Log.class, context -> new RecordingLog(context.versionLabel(), logged))
                .config("host-user", Map.of("greeting", "grüße"))
                .subscribe(e -> {
                    if (e instanceof GraftEvent.Retired) {
                        retired.countDown();
                    }
                })
                .build();
        graft.load(Fixtures.copy("host_user", dir, "host-user.so"));
        user = graft.contract(HostUser.class);
    }

    @AfterEach
    void close() {
        graft.close();
    }

    private String label() {
        return graft.plugin("host-user").orElseThrow().label();
    }

    @Test
    void initAndShutdownReachTheHostsLog() throws Exception {
        String label = label();
        assertEquals(List.of(label + " info: host-user 1 ready"), logged, "init logged through graft.log");
        graft.unload("host-user");
        assertTrue(retired.await(30, TimeUnit.SECONDS), "retired");
        assertEquals(List.of(label + " info: host-user 1 ready", label + " info: host-user stopping"), logged,
                "shutdown logged through graft.log, before the upcall stubs were freed");
    }

    @Test
    void aCallReachesTheHostsLog() {
        user.log("from a call: ✓");
        assertEquals(label() + " info: from a call: ✓", logged.getLast());
    }

    @Test
    void scalarsCrossBothWays() {
        assertEquals(5, user.add(2, 3));
        assertEquals(Integer.MIN_VALUE, user.add(Integer.MAX_VALUE, 1), "wraps like Java and C");
        assertEquals(6_000_000_000L, user.multiply(3, 2_000_000_000L));
        assertEquals(-1.25f, user.half(-2.5f));
        assertEquals(Double.MAX_VALUE, user.twice(Double.MAX_VALUE / 2));
        assertTrue(user.negate(false));
        assertFalse(user.negate(true));
    }

    @Test
    void stringsAndBytesCrossBothWays() {
        assertEquals("grüße, 世界 ✓", user.echo("grüße, 世界 ✓"));
        assertEquals("", user.echo(""));
        assertNull(user.echo(null), "a null goes to the host as (NULL, 0) and comes back as NULL");
        assertArrayEquals(new byte[] {3, 2, 1, 0, -1}, user.reverse(new byte[] {-1, 0, 1, 2, 3}));
        assertArrayEquals(new byte[0], user.reverse(new byte[0]));
        assertNull(user.reverse(null));
        String big = "x".repeat(1 << 20);
        assertEquals(big, user.echo(big), "a megabyte each way");
    }

    @Test
    void recordsCrossAsStructs() {
        assertEquals(new HostUser.Point(-5, 7), user.move(new HostUser.Point(-8, 7), 3));
    }

    @Test
    void configurationThroughGraftConfig() {
        assertEquals("grüße", user.config("greeting"));
        assertEquals("(unset)", user.config("missing"));
    }

    @Test
    void hostModuleThrowingReachesTheGuestAsAStatusAndAMessage() {
        assertEquals("status 2: host module test.native.kit@1.1, fn fail(str): threw java.lang.IllegalStateException: boom",
                user.tryFail("boom"));
        assertEquals(3, user.add(1, 2), "the plugin serves the next call");
        assertEquals("status 2: host module test.native.kit@1.1, fn fail(str): threw java.lang.IllegalStateException: again",
                user.tryFail("again"), "the message is the last failure's");
    }

    @Test
    void hostModuleThrowingAnErrorIsCaughtToo() {
        assertEquals("status 2: host module test.native.kit@1.1, fn panic(): threw java.lang.AssertionError: "
                + "the host module panicked", user.tryPanic());
        assertEquals(3, user.add(1, 2));
    }

    @Test
    void guestPassingTheFailureOnGivesTheHostItsCause() {
        NativeCallException e = assertThrows(NativeCallException.class, () -> user.fail("no such order"));
        assertEquals(HostFailure.HOST_FAILED, e.status());
        assertEquals("plugin 'host-user' (" + graft.plugin("host-user").orElseThrow().label() + "), function fail: "
                + "contract test.native.hostuser@1.0, fn fail(str) -> i32 failed with status 2: "
                + "host module test.native.kit@1.1, fn fail(str): threw java.lang.IllegalStateException: no such order",
                e.getMessage());
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause(), "the host's own exception");
        assertEquals("no such order", cause.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0 | expected UTF-8 text, found byte(s) ff at offset 2 of 4",
        "1 | expected a pointer to a graft_out_bytes for the result, found NULL",
        "2 | expected (NULL, 0) for a null argument, found NULL with a length of 5",
        "3 | expected a length of at most 2147483639 bytes (a Java array), found 1099511627776"})
    void anArgumentTheHostRefusesIsABadArgument(int which, String expected) {
        try (LoggerCapture log = LoggerCapture.of(GraftLoggers.HOST_CALLS)) {
            assertEquals("status 4: host module test.native.kit@1.1, fn echo(str) -> str: " + expected, user.echoBad(which));
            NativeArgumentException e = assertInstanceOf(NativeArgumentException.class, log.records().getFirst().getThrown(),
                    "the host side logs a typed exception");
            assertEquals(expected, e.getMessage());
        }
        assertEquals("still here", user.echo("still here"));
    }

    @Test
    void aLongMessageIsCutAtACharacterToFitTheGuestsBuffer() {
        String answer = user.tryFail("é".repeat(3000)); // 6000 bytes; the string comes back checked as UTF-8
        String prefix = "status 2: ";
        assertTrue(answer.startsWith(prefix + "host module test.native.kit@1.1, fn fail(str): threw"), answer);
        int bytes = answer.substring(prefix.length()).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= HostFailure.MESSAGE_BYTES - 1 && bytes >= HostFailure.MESSAGE_BYTES - 2,
                "cut to the buffer: " + bytes + " bytes");
        assertTrue(answer.endsWith("é"), "at a character boundary");
    }

    @Test
    void aThreadThePluginStartedCallsTheHostToo() {
        for (int i = 0; i < 20; i++) {
            assertEquals("from a pthread " + i + " | status 2: host module test.native.kit@1.1, fn fail(str): threw "
                    + "java.lang.IllegalStateException: from a pthread " + i, user.fromNativeThread("from a pthread " + i));
        }
    }

    @Test
    void aPluginBuiltAgainstAnOlderMinorVersionGetsTheTableItAskedFor() {
        // host_subset.c imports test.native.kit@1.0 with echo and add only, in that order; the host offers 1.1
        graft.load(Fixtures.copy("host_subset", dir, "subset.so"));
        Greeter subset = graft.contractOf("subset", Greeter.class);
        assertEquals("Subset, world!", subset.greet("world"));
        assertEquals(107, subset.next(7));
    }
}
