package dev.graft.core.reload;

import dev.graft.core.ContractMismatchException;
import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java interface of each contract the runtime has met, by name and major version: those the
 * host registered or looked up, and those JVM plugins implement. One interface per contract: a
 * second, different class for the same contract means two class loaders disagree, and is refused.
 */
final class ContractCatalog {

    private final Map<String, ContractType<?>> byKey = new ConcurrentHashMap<>();

    private static String key(ContractRef ref) {
        return ref.name() + "@" + ref.version().major();
    }

    /** Records a contract type, or finds the one already known for it. */
    ContractType<?> register(ContractType<?> contract, String pluginId) {
        ContractType<?> known = byKey.putIfAbsent(key(contract.ref()), contract);
        if (known != null && known.type() != contract.type()) {
            throw new ContractMismatchException(pluginId, null, "expected contract " + contract.ref()
                    + " to be the host's " + known.type().getName() + " (from " + known.type().getClassLoader()
                    + "), found another class of that name from " + contract.type().getClassLoader()
                    + ": do not bundle contract types in a plugin");
        }
        return known != null ? known : contract;
    }

    Optional<ContractType<?>> find(ContractRef ref) {
        return Optional.ofNullable(byKey.get(key(ref)));
    }
}
