/** A host on the module path: it requires Graft's core; the loaders are found as services. */
module com.example.modular {
    requires dev.graft.core;
    // Graft generates the contracts' proxies and implementations in class loaders of its own:
    // the contract packages are exported to them
    exports com.example.modular.api;
}
