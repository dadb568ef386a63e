package dev.graft.core.slot;

import dev.graft.core.ContractType;
import dev.graft.core.ProviderUnavailableException;
import java.lang.reflect.Proxy;

/**
 * What a slot points at while no version of its plugin provides the contract: every call throws
 * {@link ProviderUnavailableException} saying why. Off the call path of a live slot, so a
 * reflective proxy is fine here.
 */
final class UnavailableTarget {

    private UnavailableTarget() {
    }

    static Object of(ContractType<?> contract, String reason) {
        String message = "contract " + contract + " is not available: " + reason;
        return Proxy.newProxyInstance(contract.type().getClassLoader(), new Class<?>[] {contract.type()},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> method.getParameterCount() == 0 ? "unavailable " + contract : fail(message);
                    case "hashCode" -> method.getParameterCount() == 0 ? System.identityHashCode(proxy) : fail(message);
                    case "equals" -> method.getParameterCount() == 1 ? proxy == args[0] : fail(message);
                    default -> fail(message);
                });
    }

    private static Object fail(String message) {
        throw new ProviderUnavailableException(message);
    }
}
