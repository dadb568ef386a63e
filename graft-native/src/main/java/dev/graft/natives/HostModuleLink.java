package dev.graft.natives;

import dev.graft.core.PluginLinkException;
import dev.graft.core.spi.LinkedHostModule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Link time for one host module a native plugin imports: each function the descriptor's import
 * lists is matched, by name, with a method of the host module's Java interface, their signatures
 * compared (Mun's style, as for contracts), and an upcall stub made for it; the stubs, in the
 * import's order, are the module's table.
 *
 * <p>The table follows the guest's list, not the interface: a plugin built against version 1.0 of a
 * module lists the functions 1.0 had, in the order its header gave them, and gets exactly that
 * table from a host that offers 1.3 with more methods. The headers CBindgen writes list the
 * functions sorted by name ({@link #methods}), but nothing on the host depends on that order.
 */
final class HostModuleLink {

    private HostModuleLink() {
    }

    /**
     * The functions of a host module interface: its public instance methods, abstract or default,
     * sorted by name in Java's String order (for ASCII names, C's strcmp order).
     *
     * @throws IllegalArgumentException if a name is overloaded: a C function has one signature
     */
    static List<Method> methods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && !isObjectMethod(m)) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        for (int i = 1; i < methods.size(); i++) {
            if (methods.get(i).getName().equals(methods.get(i - 1).getName())) {
                throw new IllegalArgumentException("expected one method per name in host module " + type.getName()
                        + " (a C function has one signature), found " + methods.get(i).getName() + " overloaded");
            }
        }
        return methods;
    }

    /**
     * The table of one imported module: a struct of function pointers in the import's order, in
     * {@code arena}.
     *
     * @throws PluginLinkException for a signature that does not parse, a function the module does
     *                             not have, one whose signature differs, or one listed twice
     */
    static MemorySegment table(Descriptor.ImportEntry entry, LinkedHostModule module, String pluginId, String label,
                               Path source, Arena arena) {
        Class<?> type = module.module().type();
        String where = "host module " + entry.ref();
        String provided = module.module().name() + "@" + module.module().version().toShortString();
        Map<String, Method> byName = new LinkedHashMap<>();
        try {
            methods(type).forEach(m -> byName.put(m.getName(), m));
        } catch (IllegalArgumentException e) {
            throw new PluginLinkException(pluginId, source, where + ": " + e.getMessage(), e);
        }
        List<String> functions = entry.functions();
        MemorySegment table = arena.allocate(ValueLayout.ADDRESS, Math.max(1, functions.size()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < functions.size(); i++) {
            Signature have;
            try {
                have = Signature.parse(functions.get(i));
            } catch (IllegalArgumentException e) {
                throw new PluginLinkException(pluginId, source, where + ": " + e.getMessage(), e);
            }
            if (!seen.add(have.name())) {
                throw new PluginLinkException(pluginId, source, where + ": expected each function once in the import, found "
                        + have.name() + " twice");
            }
            Method method = byName.get(have.name());
            if (method == null) {
                throw new PluginLinkException(pluginId, source, where + ": expected a function of the host's " + provided
                        + " (" + type.getName() + ": " + describe(byName.values()) + "), found " + have);
            }
            Signature want;
            try {
                want = Signature.of(method);
            } catch (IllegalArgumentException e) {
                throw new PluginLinkException(pluginId, source, where + ": " + have.name()
                        + " cannot be called by native plugins: " + e.getMessage(), e);
            }
            if (!want.toString().equals(have.toString())) {
                throw new PluginLinkException(pluginId, source, where + ": expected " + want + ", found " + have);
            }
            HostFunction function = new HostFunction(pluginId, label, provided, want.toString());
            try {
                table.setAtIndex(ValueLayout.ADDRESS, i, HostCall.stub(method, want, module.implementation(), function, arena));
            } catch (IllegalArgumentException e) {
                throw new PluginLinkException(pluginId, source, where + ": " + e.getMessage(), e);
            }
        }
        return table;
    }

    private static String describe(java.util.Collection<Method> methods) {
        return methods.stream().map(m -> {
            try {
                return Signature.of(m).toString();
            } catch (IllegalArgumentException e) {
                return m.getName() + " (not for native plugins)";
            }
        }).collect(Collectors.joining(", "));
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
