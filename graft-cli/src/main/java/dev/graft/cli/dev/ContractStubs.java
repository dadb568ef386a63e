package dev.graft.cli.dev;

import dev.graft.core.ContractType;
import dev.graft.core.state.CNames;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** What every skeleton reads from a contract interface: the methods to stub, in a stable order, and C names. */
final class ContractStubs {

    private ContractStubs() {
    }

    /** The contract's abstract methods (default methods keep their Java body), sorted by name. */
    static List<Method> methods(Class<?> contract) {
        return Arrays.stream(contract.getMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers()))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    /** {@code example.greeter} gives {@code example_greeter}: the header's name and its functions' prefix. */
    static String prefix(Class<?> contract) {
        return CNames.prefix(ContractType.of(contract).name());
    }

    /** The C (and Rust) function of a method: the contract's prefix, then the method's name. */
    static String function(Class<?> contract, Method method) {
        return CNames.function(ContractType.of(contract).name(), method.getName());
    }

    /** {@code provides = a@1.0, b@2.1}: the manifest's value for the contracts. */
    static String provides(List<ContractType<?>> contracts) {
        return String.join(", ", contracts.stream().map(c -> c.ref().toString()).toList());
    }

    /**
     * Checks that every parameter and result of the contracts' methods is one of {@code allowed}
     * (the kind's skeleton has no stub for the others).
     *
     * @throws SkeletonException naming the method, what the kind serves and the type found
     */
    static void check(String kind, List<ContractType<?>> contracts, Set<GuestValue> allowed, String served) throws SkeletonException {
        for (ContractType<?> contract : contracts) {
            for (Method m : methods(contract.type())) {
                for (Class<?> type : types(m)) {
                    if (!allowed.contains(GuestValue.of(type))) {
                        throw new SkeletonException("contract " + contract + ", method " + m.getName() + ": expected "
                                + served + " for a " + kind + " skeleton, found " + type.getTypeName());
                    }
                }
            }
        }
    }

    private static List<Class<?>> types(Method m) {
        Class<?>[] parameters = m.getParameterTypes();
        Class<?>[] all = Arrays.copyOf(parameters, parameters.length + 1);
        all[parameters.length] = m.getReturnType();
        return Arrays.asList(all);
    }

    /** The method whose C function (its contract's prefix, then its name) is {@code function}. */
    static Method method(ContractType<?> contract, String function) {
        return methods(contract.type()).stream()
                .filter(m -> function(contract.type(), m).equals(function))
                .findFirst().orElseThrow(() -> new IllegalStateException("expected a method for " + function + ", found none"));
    }

    /** {@code int add(int a, int b)}: the Java method a stub implements, for its comment. */
    static String javaSignature(Method method) {
        List<String> parameters = Arrays.stream(method.getParameters())
                .map(p -> p.getType().getSimpleName() + " " + p.getName()).toList();
        return method.getReturnType().getSimpleName() + " " + method.getName() + "(" + String.join(", ", parameters) + ")";
    }
}
