package dev.graft.core;

import dev.graft.core.event.GraftEvent;

/**
 * What one plugin has been through in this runtime, for operators ({@link Graft#stats()}): counted
 * from the runtime's events since it was built, with what is retiring and the handles held now.
 *
 * @param id          the plugin
 * @param version     the live version, or {@code null} once unloaded
 * @param kind        the live version's kind ({@code jvm}, {@code native}, {@code wasm}, {@code js}, {@code python}), or of the last one
 * @param loads       loads (the first, and any after an unload)
 * @param reloads     reloads published
 * @param failures    failed operations about the plugin: loads, reloads (also of a plugin it
 *                    depends on that its re-link refused), unloads, and retirements whose stop or
 *                    release threw
 * @param lastReload  the last reload published, with its durations and state report, or {@code null}
 * @param retiring    versions withdrawn and not retired yet (calls still in flight, or awaiting
 *                    the garbage collector's proof that none is)
 * @param liveHandles owned handles held by the live version and the retiring ones
 * @param instances   the live version's pool of instances (wasm instances, JavaScript or Python
 *                    contexts) now, or {@code null}: JVM and native plugins have none, nor does a
 *                    plugin once unloaded
 */
public record PluginStats(String id, Version version, String kind, long loads, long reloads, long failures,
                          GraftEvent.Reloaded lastReload, int retiring, int liveHandles, InstanceStats instances) {

    /**
     * One line: {@code greeter 2.0.0 (jvm): loads 1, reloads 200, failures 0, retiring 0, live handles 1;
     * last reloaded greeter 1.0.0 -> 2.0.0 in 6.50 ms (prepare 5.43 ms, publish 0.73 ms, callers held 0.12 ms); ...},
     * and for a plugin with a pool {@code ...; instances 4 of 4 open, 3 in a call, 1 bound; 4 made, 12 waits (0 timed out)}.
     */
    @Override
    public String toString() {
        return id + " " + (version == null ? "unloaded" : version.toString()) + " (" + kind + "): loads " + loads
                + ", reloads " + reloads + ", failures " + failures + ", retiring " + retiring + ", live handles "
                + liveHandles + (lastReload == null ? "" : "; last " + lastReload)
                + (instances == null ? "" : "; " + instances);
    }
}
