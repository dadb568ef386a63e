package dev.graft.cli.dev;

import java.nio.file.Path;
import java.util.List;

/**
 * What one round of {@code graft dev} did for one plugin folder, as a {@link DevSession} reports
 * it to its listener: after a burst of saves (or at start, or when the folder appeared or went),
 * the folder was built and its plugin loaded or reloaded, or why not.
 *
 * @param folder the plugin folder
 * @param pluginId the plugin's id, from its artifact's manifest; null until a build of it loaded
 * @param kind the kind of the folder's builder (java, wat, ...); null when no kind was found
 * @param changed the files of the burst, relative to the folder (empty for the first build, or a folder that appeared or went)
 * @param waitNanos from the first event of the burst to the start of the build: the quiet period, and any build of the folder still running
 * @param buildNanos the build, sources to artifact (0 when nothing was built)
 * @param reloadNanos the load or reload through Graft (0 when nothing was loaded)
 * @param status what came of it
 * @param message the state carried (the reload's state report) when {@code RELOADED}, the version when
 *     {@code LOADED}; otherwise the
 *     compiler's output, the load's error, or what is missing, as printed
 */
public record DevOutcome(Path folder, String pluginId, String kind, List<Path> changed, long waitNanos, long buildNanos,
                         long reloadNanos, Status status, String message) {

    public DevOutcome {
        changed = List.copyOf(changed);
    }

    /** Whether the new code serves: loaded or reloaded. */
    public boolean ok() {
        return status == Status.LOADED || status == Status.RELOADED;
    }

    /** What came of a round. */
    public enum Status {
        /** Built, and loaded: the folder's first version serves. */
        LOADED,
        /** Built, and reloaded: the new version serves. */
        RELOADED,
        /** The sources did not build; the running version (if any) keeps serving. */
        BUILD_FAILED,
        /** Built, but the load or reload failed; the running version (if any) keeps serving. */
        RELOAD_FAILED,
        /** The folder is gone: its plugin was unloaded. */
        UNLOADED,
        /** No builder takes the folder; ignored until it changes. */
        UNKNOWN_KIND,
        /** The folder's kind has no working toolchain on this machine. */
        TOOLCHAIN_MISSING,
    }
}
