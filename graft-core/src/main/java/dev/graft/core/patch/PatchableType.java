package dev.graft.core.patch;

import dev.graft.core.slot.ProxyFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a patchable function is, as the host declared it: its name and its functional interface
 * (a public interface with exactly one abstract method, such as {@code IntUnaryOperator} or one of
 * the host's own), and that method. Loaders check the bodies plugins supply against it.
 */
public record PatchableType(String name, Class<?> type, Method method) {

    /** What a name may be: a C identifier, because native and wasm plugins export a function of that name. */
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]{0,63}";

    /**
     * Reads a declaration.
     *
     * @throws PatchableException if the name is no identifier or the type no public functional interface
     */
    public static PatchableType of(String name, Class<?> type) {
        try {
            checkName(name);
        } catch (IllegalArgumentException e) {
            throw new PatchableException(e.getMessage());
        }
        if (type == null || !type.isInterface() || !Modifier.isPublic(type.getModifiers())) {
            throw new PatchableException("expected a public interface with one abstract method as the type of patchable function '"
                    + name + "', found " + (type == null ? "null" : (type.isInterface() ? "non-public interface " : "class ") + type.getName()));
        }
        List<Method> abstracts = abstractMethods(type);
        if (abstracts.size() != 1) {
            throw new PatchableException("expected a public interface with one abstract method as the type of patchable function '"
                    + name + "', found " + type.getName() + " with " + (abstracts.isEmpty() ? "none"
                    : abstracts.size() + ": " + abstracts.stream().map(PatchableType::signature).sorted().collect(Collectors.joining(", "))));
        }
        return new PatchableType(name, type, abstracts.getFirst());
    }

    /**
     * Checks a patchable function's name, as manifests and the host write it.
     *
     * @throws IllegalArgumentException naming what was expected and what was found
     */
    public static String checkName(String name) {
        if (name == null || !name.matches(NAME)) {
            throw new IllegalArgumentException("expected a patchable function name of letters, digits and '_' "
                    + "(a C identifier, such as discount), found " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /** The one abstract method of a functional interface, or empty for any other interface. */
    public static java.util.Optional<Method> functionalMethod(Class<?> type) {
        List<Method> abstracts = abstractMethods(type);
        return abstracts.size() == 1 ? java.util.Optional.of(abstracts.getFirst()) : java.util.Optional.empty();
    }

    private static List<Method> abstractMethods(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers()) && !ProxyFactory.isObjectMethod(m)).toList();
    }

    /** {@code fn discount(double) -> double}: the function as this name and the interface's method give it. */
    public String signature() {
        return signature(name, method);
    }

    /** {@code fn applyAsDouble(double) -> double}. */
    public static String signature(Method m) {
        return signature(m.getName(), m);
    }

    /** {@code fn NAME(double) -> double}: a method's parameters and result under another name (the function's). */
    public static String signature(String name, Method m) {
        return "fn " + name + signatureTail(m);
    }

    private static String signatureTail(Method m) {
        return "(" + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
                + ") -> " + m.getReturnType().getSimpleName();
    }

    /** Whether a body implements this function's interface. */
    public boolean accepts(Object body) {
        return type.isInstance(body);
    }

    @Override
    public String toString() {
        return "patchable function '" + name + "' (" + type.getName() + ")";
    }
}
