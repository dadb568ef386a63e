package dev.graft.core.spi;

import dev.graft.core.InstanceStats;
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

    /**
     * The body of each patchable function the manifest says the plugin patches, linked against the
     * function's interface ({@link LinkContext#patchable}). The core checks them before anything is
     * published, and makes them the plugin's patches when the version is.
     */
    default List<PatchBody> patches() {
        return List.of();
    }

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
     * version is stopped as soon as its successor is published, or, if the loader can prove
     * through the garbage collector that no call is in flight ({@link #retireWhenUnreachable}),
     * once it has.
     */
    boolean drainBeforeStop();

    /**
     * Asks the loader to run {@code retire} once the garbage collector has proved that no call can
     * be in flight in this version, or answers false when the loader cannot prove it that way (the
     * default). The core asks only for a version whose calls are not counted, after its successor
     * is published and the core dropped its own references to {@link #provisions}; from then on
     * the loader must not keep the implementations reachable either. {@code retire} (which runs
     * {@link #stop} and {@link #close} on the core's retire thread) may be called on any thread,
     * at most once, and must not be called before every implementation of this version is
     * unreachable: that is the whole proof.
     *
     * <p>This is how a call path without a count stays sound for a kind whose resources must not
     * go while a call runs in them (a native library): what keeps a call's resources alive is the
     * call itself, so a call costs nothing extra, and retirement waits for the collector instead
     * (docs/reload.md, step 5).
     */
    default boolean retireWhenUnreachable(Runnable retire) {
        return false;
    }

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

    /**
     * What this version's pool of instances holds now and has done ({@code Graft.stats()}), or
     * null when its calls run in no pool (the default: JVM and native plugins). Called on any
     * thread, at any time before {@link #close}; must not block, and must cost a call nothing:
     * count only on the pool's slow paths.
     */
    default InstanceStats instances() {
        return null;
    }
}
