package dev.graft.core.event;

import dev.graft.core.GraftException;
import dev.graft.core.Version;
import dev.graft.core.patch.PatchInfo;
import dev.graft.core.state.StateReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What happened to a plugin. Delivered to subscribers on the thread that did the work (the
 * caller of {@code load}/{@code reload}/{@code unload}, the watcher, or the retirer), after the
 * runtime released its locks, so a subscriber may call the runtime.
 */
public sealed interface GraftEvent {

    /** The plugin the event is about, or {@code null} when it failed before its id was read. */
    String pluginId();

    /** A plugin version was loaded and published. */
    record Loaded(String pluginId, Version version, String kind, Path artifact, Duration took) implements GraftEvent {
        @Override
        public String toString() {
            return "loaded " + pluginId + "@" + version + " (" + kind + ", " + artifact.getFileName() + ") in " + millis(took);
        }
    }

    /**
     * A reload was published. {@code prepare} covers reading to linking the new version (and the
     * re-linked dependents; a version without state is also started then), {@code publish} the
     * state hand-over (with its quiesce), the start of versions with state, and the swap;
     * {@code quiesce}, part of {@code publish}, how long callers of a version with state were held
     * at its gate (zero when its state was shared or it has none: callers never waited);
     * {@code relinked} names the dependents re-linked with it, in the order they were;
     * {@code state} says what happened to the plugin's state: shared, or mapped field by field
     * (kept, converted, reset with the reason, new, dropped, renamed), or none.
     */
    record Reloaded(String pluginId, Version from, Version to, Path artifact, Duration prepare, Duration quiesce,
                    Duration publish, Duration total, List<String> relinked, StateReport state) implements GraftEvent {
        @Override
        public String toString() {
            return "reloaded " + pluginId + " " + from + " -> " + to + " in " + millis(total)
                    + " (prepare " + millis(prepare) + ", publish " + millis(publish)
                    + (quiesce.isZero() ? "" : ", callers held " + millis(quiesce)) + ")"
                    + (relinked.isEmpty() ? "" : ", re-linked " + String.join(", ", relinked))
                    + (state.mode() == StateReport.Mode.NONE ? "" : "; " + state);
        }
    }

    /** A plugin was unloaded: its slots answer {@code ProviderUnavailableException} until it is loaded again. */
    record Unloaded(String pluginId, Version version) implements GraftEvent {
        @Override
        public String toString() {
            return "unloaded " + pluginId + "@" + version;
        }
    }

    /**
     * An old version was stopped and its resources released, once no call could be in flight in
     * it; {@code drained} is how long that took from its withdrawal: for a counted version, until
     * its calls drained; for a native version, until the garbage collector found it unreachable
     * (after its last call returned, and a collection ran: see docs/reload.md, step 5); zero for a
     * version that needs neither.
     */
    record Retired(String pluginId, Version version, String versionLabel, Duration drained) implements GraftEvent {
        @Override
        public String toString() {
            return "retired " + versionLabel + (drained.isZero() ? "" : " after waiting " + millis(drained) + " for no call to run in it");
        }
    }

    /**
     * A patchable function got a patch: from the host ({@code patch}), or from a plugin version
     * published (loaded, or reloaded: then it replaced that plugin's previous patch in place);
     * {@code live} says whose body runs now ({@code the host}, {@code plugin 'x' (label)}): a
     * patch below a plugin's does not run until that one is withdrawn.
     */
    record Patched(PatchInfo patch, String live) implements GraftEvent {
        @Override
        public String pluginId() {
            return patch.pluginId();
        }

        @Override
        public String toString() {
            return "patched " + patch.function() + " with the body of " + patch.supplier() + "; " + live + " runs it";
        }
    }

    /**
     * A patch was withdrawn: the host's ({@code restore}), or a plugin's (unloaded, or reloaded
     * into a version that no longer patches the function); {@code live} says whose body runs now
     * ({@code the default} when no patch is left).
     */
    record Restored(PatchInfo patch, String live) implements GraftEvent {
        @Override
        public String pluginId() {
            return patch.pluginId();
        }

        @Override
        public String toString() {
            return "restored " + patch.function() + ": the patch of " + patch.supplier() + " is withdrawn; " + live + " runs it";
        }
    }

    /**
     * A load, reload, unload or retirement failed. For load, reload and unload, the running
     * version (if any) is still serving.
     */
    record Failed(String pluginId, Path artifact, String operation, GraftException error) implements GraftEvent {
        @Override
        public String toString() {
            return operation + " failed: " + error.getMessage();
        }
    }

    private static String millis(Duration d) {
        return String.format("%.2f ms", d.toNanos() / 1e6);
    }
}
