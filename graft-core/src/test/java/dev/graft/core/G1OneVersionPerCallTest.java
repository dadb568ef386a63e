package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.testing.Echo;
import dev.graft.core.testing.Mirror;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import dev.graft.core.testing.Threads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * G1 One version per call: while reloads race with callers, every call is answered, by exactly one
 * version, and once {@code reload} returns every new call runs the new version. Each race runs
 * with versions whose calls are not counted, counted (drain before stop), and quiesced (state).
 */
class G1OneVersionPerCallTest {

    private static final int CALLERS = 8;
    private static final int RELOADS = 200;
    private static final int ROUNDS = 2;

    /**
     * How the versions' calls go: straight to the implementation, or through the call tracker; with
     * state mapped at a quiesce point at every reload, or shared in a block (no quiesce at all).
     */
    enum Counting {
        NONE(p -> p),
        DRAIN(TestPlugin::drainBeforeStop),
        STATE(p -> p.drainBeforeStop().keepsState()),
        SHARED_STATE(p -> p.keepsBlockState("counter: i32"));

        final UnaryOperator<TestPlugin> apply;

        Counting(UnaryOperator<TestPlugin> apply) {
            this.apply = apply;
        }
    }

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();

    private Graft graft() {
        return Graft.builder().loader(loader).discoverLoaders(false).build();
    }

    /** The answer of the version reload {@code k} publishes: v1 was loaded first, then v2, v1, v2, ... */
    private static String versionAfter(long k) {
        return k % 2 == 0 ? "v1" : "v2";
    }

    @ParameterizedTest
    @EnumSource(Counting.class)
    void everyCallRunsInOneVersionAndNewCallsRunTheLatest(Counting counting) throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("echo-v1.testplugin", counting.apply.apply(
                TestPlugin.of("echo", "1.0.0").provides("test.echo@1.0").answer("v1")));
        Path v2 = plugins.write("echo-v2.testplugin", counting.apply.apply(
                TestPlugin.of("echo", "2.0.0").provides("test.echo@1.0").answer("v2")));
        try (Graft graft = graft()) {
            graft.load(v1);
            Echo echo = graft.contract(Echo.class);
            for (int round = 0; round < ROUNDS; round++) {
                // reload k sets started = k before it begins and completed = k once it returned;
                // RELOADS is even, so every round starts from v1 as reload 0
                AtomicLong started = new AtomicLong();
                AtomicLong completed = new AtomicLong();
                List<String> violations = new CopyOnWriteArrayList<>();

                List<Threads.Running<Integer>> callers = race(() -> {
                    long before = completed.get();
                    String answer = echo.answer();
                    long after = started.get();
                    if (!answer.equals("v1") && !answer.equals("v2")) {
                        violations.add("answered '" + answer + "'");
                    } else if (before == after && !answer.equals(versionAfter(before))) {
                        violations.add("a call started after reload " + before + " returned, with none begun since, answered "
                                + answer + " instead of " + versionAfter(before));
                    }
                }, () -> {
                    for (long k = 1; k <= RELOADS; k++) {
                        started.set(k);
                        graft.reload("echo", versionAfter(k).equals("v1") ? v1 : v2);
                        completed.set(k);
                    }
                });

                int calls = 0;
                for (Threads.Running<Integer> caller : callers) {
                    calls += caller.result(); // rethrows whatever a call threw: every call must be answered
                }
                assertNoViolations(violations, calls);
                assertEquals("v1", echo.answer());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Counting.class)
    void theContractsOfOnePluginArePublishedTogether(Counting counting) throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path artifact = writePair(plugins, 1, counting);
        try (Graft graft = graft()) {
            graft.load(artifact);
            Echo echo = graft.contract(Echo.class);
            Mirror mirror = graft.contract(Mirror.class);
            List<String> violations = new CopyOnWriteArrayList<>();
            AtomicBoolean echoFirst = new AtomicBoolean();

            List<Threads.Running<Integer>> callers = race(() -> {
                // alternate which slot is read first: whichever it is, the other may not show an older version
                boolean fromEcho = echoFirst.getAndSet(!echoFirst.get());
                int seen = Integer.parseInt(fromEcho ? echo.answer() : mirror.answer());
                int then = Integer.parseInt(fromEcho ? mirror.answer() : echo.answer());
                if (then < seen) {
                    violations.add((fromEcho ? "echo" : "mirror") + " answered version " + seen + ", then "
                            + (fromEcho ? "mirror" : "echo") + " answered the older " + then);
                }
            }, () -> {
                for (int k = 2; k <= RELOADS; k++) {
                    graft.reload("pair", writePair(plugins, k, counting));
                }
            });

            int calls = 0;
            for (Threads.Running<Integer> caller : callers) {
                calls += caller.result();
            }
            assertNoViolations(violations, calls);
            assertEquals(Integer.toString(RELOADS), echo.answer());
            assertEquals(Integer.toString(RELOADS), mirror.answer());
        }
    }

    private static void assertNoViolations(List<String> violations, int calls) {
        assertTrue(violations.isEmpty(), violations.size() + " of " + calls + " calls broke G1, the first: "
                + violations.subList(0, Math.min(5, violations.size())));
    }

    /** Version k of a plugin providing two contracts, answering "k" through both. */
    private static Path writePair(TestPlugins plugins, int k, Counting counting) {
        return plugins.write("pair.testplugin", counting.apply.apply(TestPlugin.of("pair", k + ".0.0")
                .provides("test.echo@1.0", "test.mirror@1.0").answer(Integer.toString(k))));
    }

    /**
     * Runs {@code call} in a loop on {@link #CALLERS} threads while {@code reloads} runs on this
     * one; reloads begin once every caller has made a call, and callers stop once they are done.
     *
     * @return the callers, each resulting in the number of calls it made
     */
    private static List<Threads.Running<Integer>> race(Runnable call, Runnable reloads) throws InterruptedException {
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch calling = new CountDownLatch(CALLERS);
        List<Threads.Running<Integer>> callers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            callers.add(Threads.start("caller-" + i, () -> {
                int calls = 0;
                try {
                    do {
                        call.run();
                        if (++calls == 1) {
                            calling.countDown();
                        }
                    } while (!done.get());
                } finally {
                    if (calls == 0) {
                        calling.countDown(); // its first call threw: do not keep the reloads waiting for it
                    }
                }
                return calls;
            }));
        }
        try {
            assertTrue(calling.await(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "every caller made a first call");
            reloads.run();
        } finally {
            done.set(true);
        }
        return callers;
    }
}
