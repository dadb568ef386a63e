package dev.graft.cli.demo;

import dev.graft.api.host.Log;
import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.examples.greeter.Greeter;
import dev.graft.examples.host.HostCounters;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One kind's demo: load the first build, start callers on the contract, reload between the two
 * builds again and again while they call, then count.
 *
 * <p>Besides the callers' checks, the reloading thread itself calls once right after each
 * {@code reload()} returns and expects the new build's answer (G1: once reload returns, every new
 * call runs the new version).
 *
 * <p>The plugins use two host modules: {@code graft.log}, which the demo shadows to show their
 * lines ({@link DemoLog}), and the example's counters, in which every version counts its
 * greetings: JVM plugins hold the counter itself, native and wasm plugins an owned handle on it.
 * The demo checks that the host's counter saw exactly one greeting per {@code greet} call that
 * returned, across every version, and that no owned handle is left once all are retired.
 *
 * <p>Every version also counts its greetings in its own state ({@code greetings}, kept across
 * every reload, mapped between the two builds' shapes): once the callers stopped, the plugin's
 * count must equal the greet calls that returned too. A difference is a lost update (G4).
 */
public final class ReloadDemo {

    private final DemoKind kind;
    private final int threads;
    private final int reloads;
    private final PrintWriter out;
    private final PrintWriter err;

    public ReloadDemo(DemoKind kind, int threads, int reloads, PrintWriter out, PrintWriter err) {
        this.kind = kind;
        this.threads = threads;
        this.reloads = reloads;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the demo.
     *
     * @throws dev.graft.core.GraftException if a load or reload failed
     */
    public DemoResult run() throws InterruptedException {
        out.printf("%s plugin '%s': %d threads call greet and next while it is reloaded %d times between %s and %s%n",
                kind.name(), kind.pluginId(), threads, reloads, kind.firstAnswers().version(), kind.secondAnswers().version());
        long[] reloadNanos = new long[reloads];
        long stateGreetings;
        List<Caller> callers = new ArrayList<>();
        long lateAnswers = 0;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger retired = new AtomicInteger();
        List<String> stateReports = new ArrayList<>(); // the first reloads' state reports, to show them
        HostCounters counters = new HostCounters(); // the host objects the plugins count greetings in
        DemoLog log = new DemoLog(out);
        Graft graft = counters.offer(Graft.builder().contract(Greeter.class), kind.pluginId())
                .trust(kind.signedBy()).requireSignatures(true) // the build signed the demo's plugins
                .shadowHostModule(Log.class, context -> log.forVersion(context.versionLabel()))
                .subscribe(event -> onEvent(event, retired, stateReports))
                .build();
        try (graft) {
            graft.load(kind.first());
            Greeter greeter = graft.contractOf(kind.pluginId(), Greeter.class);

            CountDownLatch everyoneCalled = new CountDownLatch(threads);
            List<Thread> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Caller caller = new Caller(i, greeter, kind.firstAnswers(), kind.secondAnswers(), stop::get, everyoneCalled);
                callers.add(caller);
                running.add(Thread.ofPlatform().daemon().name("demo-caller-" + i).start(caller));
            }
            try {
                everyoneCalled.await(); // so that every reload below happens under calls
                for (int i = 0; i < reloads; i++) {
                    boolean toSecond = i % 2 == 0;
                    long start = System.nanoTime();
                    graft.reload(kind.pluginId(), toSecond ? kind.second() : kind.first());
                    reloadNanos[i] = System.nanoTime() - start;
                    if (!answersAsNewVersion(greeter, toSecond ? kind.secondAnswers() : kind.firstAnswers(), i)) {
                        lateAnswers++;
                    }
                }
            } finally {
                stop.set(true);
                for (Thread t : running) {
                    t.join();
                }
            }
            // no call runs now: the live version's state holds every greeting that returned
            stateGreetings = graft.state(kind.pluginId()).map(s -> ((Number) s.get("greetings")).longValue()).orElse(-1L);
        } // close: unloads, waits for every old version to be retired
        // Every version is retired now, and with it every owned handle it held.
        int handlesLeft = graft.liveHandles();
        out.printf("%d plugin versions retired and released (each reload's old one, and the last at close)%n", retired.get());

        long calls = reloads; // the reloading thread's own checks
        long failed = lateAnswers;
        long firstAnswered = 0;
        long secondAnswered = 0;
        long greetReturned = 0;
        for (Caller c : callers) {
            calls += c.calls();
            failed += c.failed();
            firstAnswered += c.firstAnswered();
            secondAnswered += c.secondAnswered();
            greetReturned += c.greetReturned();
            c.failures().forEach(f -> err.println("failed: " + f));
        }
        long greetings = counters.total("greetings");
        out.printf("%d greetings counted in the host's counter by the plugin's versions; %d owned handles left after close%n",
                greetings, handlesLeft);
        if (greetings != greetReturned) {
            err.printf("failed: the plugin counted %d greetings in the host's counter, expected %d, one per greet call that returned%n",
                    greetings, greetReturned);
            failed++;
        }
        stateReports.forEach(r -> out.println("state: " + r));
        out.printf("%d greetings counted in the plugin's own state, kept across %d reloads%n", stateGreetings, reloads);
        long stateLost = greetReturned - stateGreetings;
        if (stateLost != 0) {
            err.printf("failed: the plugin's state counted %d greetings, expected %d, one per greet call that returned%n",
                    stateGreetings, greetReturned);
            failed++;
        }
        if (handlesLeft != 0) {
            err.printf("failed: expected no owned handle left once every version was retired, found %d%n", handlesLeft);
            failed++;
        }
        return DemoResult.of(kind.name(), calls, failed, reloadNanos, firstAnswered, secondAnswered,
                greetings, log.lines(), handlesLeft, stateLost);
    }

    /** The reloading thread's own call, right after {@code reload()} returned: it must reach the new version. */
    private boolean answersAsNewVersion(Greeter greeter, Answers now, int n) {
        try {
            int answer = greeter.next(n);
            if (answer == now.next().applyAsInt(n)) {
                return true;
            }
            err.printf("failed: right after the reload to %s, next(%d) returned %d, expected %d%n",
                    now.version(), n, answer, now.next().applyAsInt(n));
        } catch (RuntimeException | LinkageError e) {
            err.printf("failed: right after the reload to %s, next(%d) threw %s%n", now.version(), n, e);
        }
        return false;
    }

    /** Counts retirements; keeps the first two state reports; reports failures at once (a reload failure is also thrown to us). */
    private void onEvent(GraftEvent event, AtomicInteger retired, List<String> stateReports) {
        switch (event) {
            case GraftEvent.Retired r -> retired.incrementAndGet();
            case GraftEvent.Reloaded r when stateReports.size() < 2 -> stateReports.add(
                    r.from() + " -> " + r.to() + ": " + r.state());
            case GraftEvent.Failed f -> err.println("event: " + f);
            default -> {
            }
        }
    }
}
