package dev.graft.api;

/**
 * Optional lifecycle of a JVM plugin version, named by {@code main} in the plugin's manifest.
 *
 * <p>{@link #start} runs while the version is prepared off to the side, before any call reaches
 * it: an exception from it fails the load or reload and leaves the running version serving.
 * {@link #stop} runs when the version is retired, after the version that replaces it was
 * published and once no call is in flight in this one.
 */
public interface Plugin {

    /** Called once, before the version is published. Throw to refuse the load or reload. */
    default void start(PluginContext context) throws Exception {
    }

    /** Called once, when the version is retired or unloaded. Exceptions are reported, not rethrown. */
    default void stop() throws Exception {
    }
}
