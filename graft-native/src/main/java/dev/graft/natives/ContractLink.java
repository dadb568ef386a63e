package dev.graft.natives;

import dev.graft.core.ContractMismatchException;
import dev.graft.core.ContractType;
import dev.graft.core.PluginLinkException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Link time for one contract of a native plugin: every method of the host's contract interface is
 * matched, by name, with a function of the descriptor, and their signatures compared; the function
 * count must match. Errors read like Mun's: {@code expected fn greet(str) -> str, found fn greet(i32) -> str}.
 */
final class ContractLink {

    private ContractLink() {
    }

    /** The methods a native plugin implements: the contract's abstract ones (default methods keep their Java body), by name. */
    static List<Method> methods(ContractType<?> contract, String pluginId, Path source) {
        List<Method> methods = new ArrayList<>();
        for (Method m : contract.type().getMethods()) {
            if (Modifier.isAbstract(m.getModifiers()) && !isObjectMethod(m)) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        for (int i = 1; i < methods.size(); i++) {
            if (methods.get(i).getName().equals(methods.get(i - 1).getName())) {
                throw new ContractMismatchException(pluginId, source, "contract " + contract + ": expected one method per "
                        + "name (a C function has one signature), found " + methods.get(i).getName() + " overloaded");
            }
        }
        return methods;
    }

    /** The signature a native function must have for each method, in {@link #methods} order. */
    static List<Signature> expected(ContractType<?> contract, List<Method> methods, String pluginId, Path source) {
        List<Signature> out = new ArrayList<>();
        for (Method m : methods) {
            try {
                out.add(Signature.of(m));
            } catch (IllegalArgumentException e) {
                throw new ContractMismatchException(pluginId, source, "contract " + contract
                        + " cannot be served by a native plugin: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Checks the descriptor's functions against the contract and builds its implementation.
     *
     * @throws PluginLinkException for a missing, extra or mismatched function
     */
    static Object bind(ContractType<?> contract, Descriptor.ContractEntry entry, EntryPoints entries, String label, Path source,
                       CallGuard guard) {
        String pluginId = entries.pluginId();
        Matched matched = match(contract, entry, entries.release() != null, pluginId, source);
        List<Method> methods = matched.methods();
        List<MethodHandle> handles = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            Signature want = matched.expected().get(i);
            Descriptor.FunctionEntry f = matched.functions().get(i);
            GuestFunction guest = new GuestFunction(pluginId, contract.ref().toString(), methods.get(i).getName(), want.toString(),
                    entries.errorMessage(), entries.release(), guard);
            handles.add(GuestCall.bind(methods.get(i), want, guard.bind(f.address()), f.critical(), guest));
        }
        return ContractImplementation.create(contract.type(), methods, handles, "native " + label + " " + contract.ref());
    }

    /** The contract's methods, the signature each expects, and the descriptor's function for each, in order. */
    record Matched(List<Method> methods, List<Signature> expected, List<Descriptor.FunctionEntry> functions) {
    }

    /**
     * Checks the descriptor's functions against the contract, running nothing: each method of
     * {@link #methods} has a function of its signature, with an address, and there is no other.
     *
     * @param hasRelease whether the descriptor has its release entry (needed to free bytes results)
     * @return each method, its signature and its function, in {@link #methods} order
     * @throws PluginLinkException for a missing, extra or mismatched function
     */
    static Matched match(ContractType<?> contract, Descriptor.ContractEntry entry, boolean hasRelease,
                                                String pluginId, Path source) {
        List<Method> methods = methods(contract, pluginId, source);
        List<Signature> expected = expected(contract, methods, pluginId, source);
        String where = "contract " + contract.ref();

        Map<String, Descriptor.FunctionEntry> byName = new LinkedHashMap<>();
        Map<String, Signature> found = new LinkedHashMap<>();
        for (Descriptor.FunctionEntry f : entry.functions()) {
            Signature s;
            try {
                s = Signature.parse(f.signature());
            } catch (IllegalArgumentException e) {
                throw new PluginLinkException(pluginId, source, where + ": " + e.getMessage(), e);
            }
            if (byName.put(s.name(), f) != null) {
                throw new PluginLinkException(pluginId, source, where + ": expected one function named " + s.name()
                        + ", found two (" + found.get(s.name()) + " and " + s + ")");
            }
            found.put(s.name(), s);
        }
        List<Descriptor.FunctionEntry> matched = new ArrayList<>();
        for (Signature want : expected) {
            Signature have = found.get(want.name());
            if (have == null) {
                throw new PluginLinkException(pluginId, source, where + ": expected " + want + ", found no function named "
                        + want.name() + " (the descriptor lists " + describe(found.values()) + ")");
            }
            Descriptor.FunctionEntry f = byName.get(want.name());
            String problem = problem(want, have, f, hasRelease);
            if (problem != null) {
                throw new PluginLinkException(pluginId, source, where + ": " + problem);
            }
            matched.add(f);
        }
        if (found.size() != methods.size()) {
            List<String> extra = found.values().stream().filter(s -> expected.stream().noneMatch(e -> e.name().equals(s.name())))
                    .map(Signature::toString).toList();
            throw new PluginLinkException(pluginId, source, where + ": expected " + methods.size() + " functions, one per method of "
                    + contract.type().getName() + ", found " + found.size() + ": " + String.join(", ", extra)
                    + (extra.size() == 1 ? " is" : " are") + " not in the contract");
        }
        return new Matched(methods, expected, matched);
    }

    /**
     * What is wrong with descriptor function {@code f} of signature {@code have} where {@code want}
     * is expected (a contract method's, or a patchable function's), or null if nothing: the
     * signature, a NULL address, or a bytes result with no release entry to free it.
     */
    static String problem(Signature want, Signature have, Descriptor.FunctionEntry f, boolean hasRelease) {
        if (!have.toString().equals(want.toString())) {
            return "expected " + want + ", found " + have;
        }
        if (f.address().address() == 0) {
            return "expected an address for " + want + ", found NULL";
        }
        if (want.result() instanceof NativeType.Bytes && !hasRelease) {
            return "expected the descriptor's release entry, which frees what " + want + " returns, found NULL";
        }
        return null;
    }

    static String describe(java.util.Collection<Signature> signatures) {
        return signatures.isEmpty() ? "no functions" : signatures.stream().map(Signature::toString).collect(Collectors.joining(", "));
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
