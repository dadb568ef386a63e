package dev.graft.api;

import java.util.function.UnaryOperator;

/**
 * A plugin version's state: one value of the plugin's state record, kept across reloads (G4).
 *
 * <p>A plugin reaches its cell through {@link PluginContext#state(Class)} and may keep the cell in a
 * field; it never keeps state in a static. The runtime hands the cell its value when the version
 * takes over (the old version's state, mapped to this version's record, or the record's defaults on
 * a first load), before {@link Plugin#start} runs and before any call reaches the version. Until
 * then, reading it throws {@link IllegalStateException}: a provider's constructor may take the
 * cell, but must not read it.
 *
 * <p>Thread-safe: calls run on many threads at once, so change the value with {@link #update}
 * (atomic, retried on contention like {@link java.util.concurrent.atomic.AtomicReference#updateAndGet})
 * rather than a {@link #get} followed by a {@link #set}. Records are immutable, so a value read is
 * never changed under the reader.
 *
 * @param <S> the state record
 */
public interface StateCell<S extends Record> {

    /**
     * The current value.
     *
     * @throws IllegalStateException if the runtime has not handed this version its state yet
     */
    S get();

    /**
     * Replaces the value.
     *
     * @throws NullPointerException  if {@code value} is null
     * @throws IllegalStateException if the runtime has not handed this version its state yet
     */
    void set(S value);

    /**
     * Atomically replaces the value with {@code change} applied to it, and returns the new value.
     * {@code change} may run more than once when threads race, so it must have no side effects.
     *
     * @throws NullPointerException  if {@code change} returns null
     * @throws IllegalStateException if the runtime has not handed this version its state yet
     */
    S update(UnaryOperator<S> change);

    /** The state record's class, as the manifest's {@code state} names it. */
    Class<S> type();
}
