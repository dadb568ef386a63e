package dev.graft.core.spi;

import dev.graft.core.ContractType;

/**
 * One contract a prepared version provides: the host's contract type and the object that
 * implements it, an instance of {@code contract.type()}.
 */
public record Provision(ContractType<?> contract, Object implementation) {

    public Provision {
        if (!contract.type().isInstance(implementation)) {
            throw new IllegalArgumentException("expected an implementation of " + contract.type().getName()
                    + ", found " + implementation.getClass().getName());
        }
    }
}
