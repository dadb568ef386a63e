package dev.graft.cli.dev;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link DevSession}'s listener in a test: keeps every outcome, and waits for the next one that
 * matches. The waits are bounds on a broken session, not timing requirements.
 */
final class Outcomes implements Consumer<DevOutcome> {

    /** How long to wait for an outcome before the test fails: a build normally takes well under a second. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final List<DevOutcome> all = new ArrayList<>(); // guarded by this
    private final java.util.BitSet taken = new java.util.BitSet(); // guarded by this: outcomes an await returned
    private final StringWriter printed = new StringWriter();

    /** A console printing into {@link #printed()}, without colours. */
    DevConsole console() {
        return new DevConsole(new PrintWriter(printed, true), false);
    }

    /** What the session printed. */
    String printed() {
        return printed.toString();
    }

    @Override
    public synchronized void accept(DevOutcome outcome) {
        all.add(outcome);
        notifyAll();
    }

    /** Every outcome so far. */
    synchronized List<DevOutcome> all() {
        return List.copyOf(all);
    }

    /** The first outcome that matches and no await returned yet, waiting for it; fails the test after {@link #PATIENCE}. */
    synchronized DevOutcome await(String what, Predicate<DevOutcome> matching) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            for (int i = taken.nextClearBit(0); i < all.size(); i = taken.nextClearBit(i + 1)) {
                if (matching.test(all.get(i))) {
                    taken.set(i);
                    return all.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("expected an outcome: " + what + "; found " + all + "\nprinted:\n" + printed());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The next outcome for the folder, of the given status. */
    DevOutcome await(java.nio.file.Path folder, DevOutcome.Status status) throws InterruptedException {
        return await(status + " of " + folder.getFileName(), o -> o.folder().equals(folder) && o.status() == status);
    }

    /** Polls {@code condition} until it holds; fails the test after {@link #PATIENCE}. */
    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("expected " + what + " within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }
}
