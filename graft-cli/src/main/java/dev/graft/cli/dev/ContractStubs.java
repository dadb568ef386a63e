package dev.graft.cli.dev;

import dev.graft.core.ContractType;
import dev.graft.core.state.CNames;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

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

    /** What the kinds without records serve, for their refusal. */
    private static final Set<GuestValue> SCALARS_AND_BYTES = EnumSet.complementOf(EnumSet.of(GuestValue.RECORD, GuestValue.OTHER));

    /**
     * Checks that the contracts pass no records (nor other types): the kinds whose skeletons have
     * no stub for a record.
     *
     * @throws SkeletonException naming the method and the type found
     */
    static void checkNoRecords(String kind, List<ContractType<?>> contracts) throws SkeletonException {
        check(kind, contracts, SCALARS_AND_BYTES, "int, long, float, double, boolean, String, byte[] or ByteBuffer");
    }

    /**
     * The header {@code bindgen} ({@code CBindgen::header} or {@code WasmBindgen::cHeader}) writes
     * for a contract, from which a skeleton copies prototypes and signatures.
     *
     * @throws SkeletonException if the kind cannot serve the contract, with bindgen's reason
     */
    static String header(ContractType<?> contract, Function<Class<?>, String> bindgen) throws SkeletonException {
        try {
            return bindgen.apply(contract.type());
        } catch (IllegalArgumentException e) {
            throw new SkeletonException("contract " + contract + ": " + e.getMessage());
        }
    }

    /**
     * The lines every skeleton opens with: what the plugin is, where the code goes and the command
     * that runs it, then the kind's own {@code more} lines.
     */
    static List<String> intro(String id, String what, List<ContractType<?>> contracts, String run, String... more) {
        List<String> lines = new ArrayList<>(List.of(
                "Plugin " + id + ": " + what + ", providing " + provides(contracts) + ".",
                "Written by graft new. Put your code in the stubs below: each returns a plain default now.",
                "Run it with: " + run));
        lines.addAll(List.of(more));
        return lines;
    }

    /** {@code lines} as line comments opening with {@code prefix} ({@code "//! "}, {@code ";; "}, {@code "# "}). */
    static String lineComment(String prefix, List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(prefix).append(line).append('\n'));
        return out.toString();
    }
}
