package dev.graft.core.spi;

import dev.graft.core.host.HostModuleType;

/**
 * A host module a plugin version imports, checked by the core (registered, granted, version) and
 * made for this version by the host's factory: an instance of {@code module.type()}.
 */
public record LinkedHostModule(HostModuleType<?> module, Object implementation) {

    public LinkedHostModule {
        if (!module.type().isInstance(implementation)) {
            throw new IllegalArgumentException("expected an implementation of " + module.type().getName()
                    + ", found " + implementation.getClass().getName());
        }
    }
}
