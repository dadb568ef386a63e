package dev.graft.core;

/**
 * The names of Graft's loggers, one per concern, so an operator can turn one up or down alone
 * (docs/operations.md, "Logging"). Graft logs through {@link System.Logger}: without a logging
 * library that is {@code java.util.logging}, whose default console shows INFO and above.
 */
public final class GraftLoggers {

    /** Every load, reload, unload and failure, as the event's line, at DEBUG (the caller got the exception). */
    public static final String RELOAD = "dev.graft.reload";
    /** Retirements: each one at DEBUG, calls still draining after 10 s and versions left at close at WARNING. */
    public static final String RETIRE = "dev.graft.retire";
    /** Patchable functions: every patch and restore, as the event's line, at DEBUG. */
    public static final String PATCH = "dev.graft.patch";
    /** The folder watcher: artifacts it could not load or reload at WARNING (no caller hears of them otherwise). */
    public static final String WATCH = "dev.graft.watch";
    /** Graft's copies of artifacts (and a native library's $ORIGIN neighbours) that could not be made or deleted. */
    public static final String ARTIFACTS = "dev.graft.artifacts";
    /** Event subscribers that threw, at WARNING. */
    public static final String EVENTS = "dev.graft.events";
    /** JFR turned off for good because the runtime has no {@code jdk.jfr} or it threw, at WARNING, once. */
    public static final String JFR = "dev.graft.jfr";
    /** Host module calls from native and wasm guests that failed (a refused handle, a throwing module). */
    public static final String HOST_CALLS = "dev.graft.hostcalls";
    /** Native libraries: one left mapped because something still holds it. */
    public static final String NATIVE = "dev.graft.native";
    /** What plugins log through the host module {@code graft.log}: {@code graft.plugin.ID}, one logger per plugin id. */
    public static final String PLUGIN_PREFIX = "graft.plugin.";

    private GraftLoggers() {
    }
}
