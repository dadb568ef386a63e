package dev.graft.core.spi;

import java.util.List;

/**
 * A plugin version a loader has read, verified, loaded and linked, not yet published.
 *
 * <p>The core calls {@link #start} before publishing it, and {@link #stop} then {@link #close}
 * when it is retired (after its successor is published and, for a version that asks for it, once
 * no call is in flight in it) or when a reload is rolled back. {@code stop} and {@code close} are
 * called at most once each.
 */
public interface PreparedPlugin {

    /** The implementation of each contract the manifest says the plugin provides, linked. */
    List<Provision> provisions();

    /** Runs the plugin's own start code. Any exception refuses the load or reload. */
    void start() throws Exception;

    /** Runs the plugin's own stop code. */
    void stop() throws Exception;

    /** Releases what the loader holds for this version: mapped libraries, instances, files. */
    void close();

    /**
     * Whether {@link #stop} or {@link #close} must wait until no call is in flight in this version.
     * When true, calls into the version are counted (a small cost on each call, see
     * BENCHMARKS.md); when false, the call path costs what a direct call costs, and the
     * version is stopped as soon as its successor is published.
     */
    boolean drainBeforeStop();

    /**
     * Whether this version takes state from the version it replaces. If so, and the old version's
     * calls are counted, the core quiesces the old version before publishing this one (DESIGN.md,
     * reload step 3): new calls wait, calls in flight finish, then {@link #takeState} runs.
     */
    default boolean keepsState() {
        return false;
    }

    /**
     * The quiesce point: no call runs in {@code previous} and none can start in it. Take its
     * state. An exception rolls the reload back; {@code previous} keeps serving, untouched.
     */
    default void takeState(PreparedPlugin previous) throws Exception {
    }
}
