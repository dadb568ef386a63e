package dev.graft.core;

import dev.graft.api.Contract;
import java.lang.reflect.Modifier;

/**
 * A contract as the host knows it: a public Java interface annotated with {@link Contract}, the
 * one source of truth for its name, version and methods.
 */
public record ContractType<T>(Class<T> type, ContractRef ref) {

    /**
     * Reads a contract interface.
     *
     * @throws IllegalArgumentException if the type is not a public interface annotated {@code @Contract}
     */
    public static <T> ContractType<T> of(Class<T> type) {
        Contract annotation = type.getAnnotation(Contract.class);
        if (!type.isInterface() || annotation == null) {
            throw new IllegalArgumentException("expected an interface annotated @" + Contract.class.getName()
                    + ", found " + (type.isInterface() ? "interface " : "class ") + type.getName()
                    + (annotation == null ? " without it" : ""));
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException("expected contract interface " + type.getName() + " to be public, found it is not");
        }
        try {
            return new ContractType<>(type, new ContractRef(annotation.name(), Version.parse(annotation.version())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("contract interface " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    /** The contract's name. */
    public String name() {
        return ref.name();
    }

    /** The contract's version. */
    public Version version() {
        return ref.version();
    }

    @Override
    public String toString() {
        return ref + " (" + type.getName() + ")";
    }
}
