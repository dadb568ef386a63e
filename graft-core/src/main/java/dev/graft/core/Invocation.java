package dev.graft.core;

import dev.graft.core.slot.ProxyFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One contract method of a live plugin, found by name, called with {@code Object...} arguments
 * checked against the method's parameter types: for hosts that script Graft (a REPL, an admin
 * endpoint, {@code graft call}). Made by {@link Graft#invocation}.
 *
 * <p><b>Not the fast path.</b> Each call checks its arguments and goes through reflection, boxing
 * every argument and the result. A host that calls a contract in its own code takes a proxy with
 * {@link Graft#contract(Class)} and calls it directly (G6); this is for names that arrive as text.
 *
 * <p>The call goes through the same proxy {@link Graft#contractOf} gives, so it reaches the
 * plugin's live version and keeps G1 (one version per call) as any call does. Thread-safe.
 */
public final class Invocation {

    private final String pluginId;
    private final Path artifact;
    private final ContractType<?> contract;
    private final List<Method> overloads;
    private final Object proxy;

    Invocation(String pluginId, Path artifact, ContractType<?> contract, List<Method> overloads, Object proxy) {
        this.pluginId = pluginId;
        this.artifact = artifact;
        this.contract = contract;
        this.overloads = List.copyOf(overloads);
        this.proxy = proxy;
    }

    /**
     * The contract methods a plugin's contract has, by name, sorted: what a caller may name.
     * Static methods, and Object's methods an interface redeclares, are not contract methods.
     */
    static List<Method> methodsOf(ContractType<?> contract) {
        return ProxyFactory.forwardedMethods(contract.type()).stream() // what the proxy forwards, once each
                .sorted(java.util.Comparator.comparing(Method::getName).thenComparingInt(Method::getParameterCount))
                .toList();
    }

    /** The contract the method belongs to. */
    public ContractType<?> contract() {
        return contract;
    }

    /** The method's name. */
    public String name() {
        return overloads.getFirst().getName();
    }

    /**
     * The method called with {@code arity} arguments (a contract may overload a name with other
     * parameter counts), for a caller that must know the parameter types before it has the
     * arguments, such as one that parses them from text.
     *
     * @throws ArgumentMismatchException if no method of this name takes that many arguments, or
     *                                   several do (then the types decide, at {@link #invoke})
     */
    public Method method(int arity) {
        List<Method> fitting = overloads.stream().filter(m -> m.getParameterCount() == arity).toList();
        if (fitting.size() != 1) {
            throw new ArgumentMismatchException(pluginId, artifact, "expected " + expectedArity()
                    + ", found " + arity + (fitting.isEmpty() ? "" : ", which " + fitting.size() + " overloads take: "
                    + fitting.stream().map(Invocation::signature).collect(Collectors.joining(", "))));
        }
        return fitting.getFirst();
    }

    /**
     * Calls the method on the plugin's live version, and returns its result (boxed; {@code null}
     * for {@code void}). An exception the plugin's code throws, or the runtime throws for the call
     * (a wasm trap, a native failure), is thrown as it is; a checked exception the contract method
     * declares comes wrapped in an {@link UndeclaredThrowableException}.
     *
     * @throws ArgumentMismatchException if the count or a type of the arguments does not fit, naming
     *                                   the parameter, the type expected and the value found; nothing
     *                                   is called then
     */
    public Object invoke(Object... args) {
        Object[] given = args == null ? new Object[] {null} : args;
        List<Method> sameArity = overloads.stream().filter(m -> m.getParameterCount() == given.length).toList();
        if (sameArity.isEmpty()) {
            throw new ArgumentMismatchException(pluginId, artifact, "expected " + expectedArity() + ", found "
                    + given.length + describeAll(given));
        }
        Method method = sameArity.stream().filter(m -> mismatch(m, given) == null).findFirst().orElse(null);
        if (method == null) {
            throw new ArgumentMismatchException(pluginId, artifact, sameArity.stream().map(m -> mismatch(m, given))
                    .collect(Collectors.joining("; or ")));
        }
        try {
            return method.invoke(proxy, given);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UndeclaredThrowableException(cause, "contract " + contract.ref() + ", " + signature(method)
                    + " of plugin '" + pluginId + "' threw " + cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("expected contract method " + signature(method)
                    + " to be accessible, found: " + e.getMessage(), e);
        }
    }

    /** {@code expected int for parameter 1 'n' of next(int), found String "x"}, or null when every argument fits. */
    private String mismatch(Method method, Object[] args) {
        Class<?>[] types = method.getParameterTypes();
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < types.length; i++) {
            if (!fits(types[i], args[i])) {
                return "expected " + types[i].getSimpleName() + " for parameter " + (i + 1) + " '" + parameters[i].getName()
                        + "' of " + signature(method) + ", found " + describe(args[i]);
            }
        }
        return null;
    }

    /** A primitive parameter takes exactly its wrapper, never null or a silent conversion; others take instances or null. */
    private static boolean fits(Class<?> type, Object arg) {
        if (type.isPrimitive()) {
            return arg != null && java.lang.invoke.MethodType.methodType(type).wrap().returnType() == arg.getClass();
        }
        return arg == null || type.isInstance(arg);
    }

    private String expectedArity() {
        String counts = overloads.stream().map(m -> String.valueOf(m.getParameterCount())).distinct()
                .collect(Collectors.joining(" or "));
        return counts + " argument" + (counts.equals("1") ? "" : "s") + " for "
                + overloads.stream().map(Invocation::signature).collect(Collectors.joining(", "))
                + " of contract " + contract.ref();
    }

    private static String describeAll(Object[] args) {
        return args.length == 0 ? "" : ": " + Arrays.stream(args).map(Invocation::describe).collect(Collectors.joining(", "));
    }

    /** {@code String "x"}, {@code Long 5}, {@code byte[] 0x0102}, {@code null}: a value and its type, for messages. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String shown = switch (value) {
            case String s -> "\"" + s + "\"";
            case byte[] b -> "0x" + HexFormat.of().formatHex(b, 0, Math.min(b.length, 32)) + (b.length > 32 ? "..." : "");
            default -> String.valueOf(value);
        };
        return value.getClass().getSimpleName() + " " + shown;
    }

    /** {@code next(int)}: the method as messages name it. */
    public static String signature(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public String toString() {
        return "Invocation[" + pluginId + ", " + contract.ref() + ", " + name() + "]";
    }
}
