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
     * The state this version keeps across reloads (G4), or null when it declares none. When it has
     * state, its calls are counted and the core, before {@link #start} and before publishing it:
     * installs its defaults on a first load; on a reload, lets it {@linkplain PluginState#share
     * share} the old version's state, or else quiesces the old version (new calls wait, calls in
     * flight finish), reads the old state, maps it into this version's shape and installs it
     * (docs/reload.md, step 3). A version without state pays nothing for this.
     */
    default PluginState state() {
        return null;
    }
}
