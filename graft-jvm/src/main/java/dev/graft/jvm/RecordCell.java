package dev.graft.jvm;

import dev.graft.api.StateCell;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A JVM plugin version's state cell: one value of its state record in an {@link AtomicReference}.
 * The cell is made before the version's provider classes are constructed (so a constructor may keep
 * it), and gets its value from {@link RecordState#install} once the core hands the version its
 * state, before {@code Plugin.start} and before any call reaches the version. Until then every
 * access throws {@link IllegalStateException}.
 *
 * <p>Why this is sound with calls on many threads: a record is immutable, so a value read is never
 * changed under its reader, and {@link #update} only replaces the reference by compare-and-set on
 * the value its function was applied to: of two racing updates one wins and the other applies its
 * function again to the winner's value, so no increment is lost. The installing write happens on the
 * reloading thread before the version is published; publishing is a volatile write that every
 * caller reads before it enters the version, so callers see the installed value.
 */
final class RecordCell<S extends Record> implements StateCell<S> {

    private final Class<S> type;
    private final String versionLabel;
    private final AtomicReference<S> value = new AtomicReference<>();

    RecordCell(Class<S> type, String versionLabel) {
        this.type = type;
        this.versionLabel = versionLabel;
    }

    @Override
    public S get() {
        S current = value.get();
        if (current == null) {
            throw notHandedOver("read");
        }
        return current;
    }

    @Override
    public void set(S next) {
        Objects.requireNonNull(next, "state value");
        if (value.get() == null) { // once installed, the value is never null again
            throw notHandedOver("updated");
        }
        value.set(next);
    }

    @Override
    public S update(UnaryOperator<S> change) {
        // a plain CAS loop rather than updateAndGet: no capturing lambda made on each call
        while (true) {
            S current = value.get();
            if (current == null) {
                throw notHandedOver("updated");
            }
            S next = Objects.requireNonNull(change.apply(current), "the state update returned null");
            if (value.compareAndSet(current, next)) {
                return next;
            }
        }
    }

    @Override
    public Class<S> type() {
        return type;
    }

    /** The value as it is now, or null before the state was handed over: for {@link RecordState#read}. */
    S peek() {
        return value.get();
    }

    /** The value the core hands this version (defaults or the old state mapped), on the reloading thread. */
    void install(Record installed) {
        value.set(type.cast(installed));
    }

    private IllegalStateException notHandedOver(String what) {
        return new IllegalStateException("expected the state of " + versionLabel + " (" + type.getName()
                + ") to be handed over before it is " + what + ", found it not handed over yet: the runtime hands a"
                + " version its state after its constructors ran and before Plugin.start; a constructor may keep the"
                + " cell, but not use it");
    }
}
