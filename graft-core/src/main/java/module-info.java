/**
 * Graft's runtime: contracts, manifests, slots and generated proxies, reload transactions,
 * events, the folder watcher, and the loader SPI ({@code dev.graft.core.spi}) that the plugin
 * kinds' modules provide. A host {@code requires dev.graft.core;} and one or more loader modules.
 *
 * <p>Packages are exported whole, not to named friends: the proxies and implementations Graft
 * generates for a contract are hidden classes defined beside the contract's class loader, in an
 * unnamed module, and they call into {@code slot}, {@code state} and {@code host}. A host module
 * exports its contract packages for the same reason (docs/host-application.md).
 */
module dev.graft.core {
    requires transitive dev.graft.api;
    requires jdk.jfr;
    // only to say in a message whether the JVM unloads classes; absent, the message does not say
    requires static java.management;
    requires static jdk.management;

    exports dev.graft.core;
    exports dev.graft.core.bindgen;
    exports dev.graft.core.event;
    exports dev.graft.core.host;
    exports dev.graft.core.sign;
    exports dev.graft.core.jfr;
    exports dev.graft.core.patch;
    exports dev.graft.core.slot;
    exports dev.graft.core.spi;
    exports dev.graft.core.state;
    exports dev.graft.core.watch;

    uses dev.graft.core.spi.PluginLoader;
}
