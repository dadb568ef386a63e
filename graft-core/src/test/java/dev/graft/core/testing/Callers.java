package dev.graft.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Threads that call a plugin without pause until stopped, counting the calls that returned: the
 * callers of the lost-update races (G4), whose count the plugin's state must equal at the end.
 *
 * <pre>{@code
 * Callers callers = Callers.start(8, "increment", counter::increment);
 * try {
 *     ... reload, again and again ...
 * } finally {
 *     callers.stop();
 * }
 * assertEquals(callers.returned(), counter.count());
 * }</pre>
 *
 * <p>A call that throws ends its thread, and {@link #returned} rethrows it: checks of an answer
 * belong in {@code call} (throw, or record what was wrong and go on).
 */
public final class Callers {

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Threads.Running<Long>> running = new ArrayList<>();

    private Callers() {
    }

    /** Starts {@code count} platform threads named {@code name-i}, each calling {@code call} until {@link #stop}. */
    public static Callers start(int count, String name, Runnable call) {
        Callers callers = new Callers();
        for (int i = 0; i < count; i++) {
            callers.running.add(Threads.start(name + "-" + i, () -> {
                long returned = 0;
                while (!callers.stopping.get()) {
                    call.run();
                    returned++;
                }
                return returned;
            }));
        }
        return callers;
    }

    /** Asks every thread to stop after its call in progress; does not wait. */
    public void stop() {
        stopping.set(true);
    }

    /** Waits for every thread (bounded) and sums the calls that returned; rethrows what a call threw. */
    public long returned() throws Exception {
        long returned = 0;
        for (Threads.Running<Long> r : running) {
            returned += r.result();
        }
        return returned;
    }
}
