/**
 * What a JVM plugin compiles against: {@code @Contract}, {@code Plugin}, {@code PluginContext},
 * and the host module annotations. No dependencies.
 */
module dev.graft.api {
    exports dev.graft.api;
    exports dev.graft.api.host;
}
