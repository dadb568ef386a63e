/**
 * The JavaScript and Python plugin loaders: scripts run by GraalVM Polyglot (GraalJS, GraalPy).
 * The languages themselves are found by Polyglot at run time, on the module or class path.
 */
module dev.graft.polyglot {
    requires transitive dev.graft.core;
    requires org.graalvm.polyglot;

    exports dev.graft.polyglot;

    provides dev.graft.core.spi.PluginLoader with dev.graft.polyglot.JsPluginLoader, dev.graft.polyglot.PythonPluginLoader;
}
