/**
 * The native plugin loader: a C ABI shared library called through {@code java.lang.foreign}.
 * Run the host with {@code --enable-native-access=dev.graft.natives} (on the class path:
 * {@code ALL-UNNAMED}).
 */
module dev.graft.natives {
    requires transitive dev.graft.core;

    exports dev.graft.natives;

    provides dev.graft.core.spi.PluginLoader with dev.graft.natives.NativePluginLoader;
}
