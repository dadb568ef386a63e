package dev.graft.core.host;

/**
 * Makes a host module's implementation for one plugin version, from what the runtime knows of it
 * (wasmtime's getters: modules written apart compose in one host, since each gets what it needs
 * from the context, not from a shared concrete host type). Called once per plugin version that
 * imports the module, while that version is prepared.
 */
@FunctionalInterface
public interface HostModuleFactory<M> {

    M create(HostModuleContext context);
}
