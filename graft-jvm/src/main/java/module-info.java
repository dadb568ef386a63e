/** The JVM plugin loader: a jar, its manifest, one class loader per plugin version. */
module dev.graft.jvm {
    requires transitive dev.graft.core;

    exports dev.graft.jvm;

    provides dev.graft.core.spi.PluginLoader with dev.graft.jvm.JvmPluginLoader;
}
