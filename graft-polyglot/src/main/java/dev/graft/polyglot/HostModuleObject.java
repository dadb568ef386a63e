package dev.graft.polyglot;

import dev.graft.core.spi.LinkedHostModule;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A host module as a guest sees it: one global object named after the module, dots made
 * underscores ({@code graft.log} is {@code graft_log}), with a plain function per method of the
 * module's Java interface: {@code graft_log.info("started")}. Arguments and results cross as a
 * contract's do ({@link GuestType}); a method whose types do not cross is absent. The core has
 * already checked that the plugin imports the module and the host grants it; the guest reaches
 * nothing else of the host (its host access is none, {@link GuestProgram}).
 */
final class HostModuleObject {

    private HostModuleObject() {
    }

    /** The global's name: {@code graft_log}. */
    static String globalName(LinkedHostModule module) {
        return module.module().name().replace('.', '_').replace('-', '_');
    }

    /** The guest-side object for one linked module. */
    static ProxyObject of(LinkedHostModule module) {
        Map<String, Object> functions = new LinkedHashMap<>();
        Method[] methods = module.module().type().getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount));
        for (Method method : methods) {
            if (Modifier.isStatic(method.getModifiers()) || functions.containsKey(method.getName())
                    || !GuestType.supported(method.getReturnType())
                    || !Arrays.stream(method.getParameterTypes()).allMatch(t -> t != void.class && GuestType.supported(t))) {
                continue; // the first overload that crosses, by parameter count
            }
            functions.put(method.getName(), function(module, method));
        }
        return ProxyObject.fromMap(functions);
    }

    private static ProxyExecutable function(LinkedHostModule module, Method method) {
        FunctionBinding binding = FunctionBinding.of(method);
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(method).bindTo(module.implementation())
                    .asSpreader(Object[].class, method.getParameterCount());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("expected a public host module interface, found " + module.module(), e);
        }
        String name = globalName(module) + "." + method.getName();
        return arguments -> {
            GuestType[] params = binding.params();
            if (arguments.length != params.length) {
                throw new IllegalArgumentException("expected " + params.length + " argument" + (params.length == 1 ? "" : "s")
                        + " for " + name + binding.expected().substring(3 + method.getName().length()) + ", found "
                        + arguments.length);
            }
            Object[] java = new Object[params.length];
            for (int i = 0; i < params.length; i++) {
                try {
                    java[i] = params[i].toJava(arguments[i]);
                } catch (GuestType.Mismatch e) {
                    throw new IllegalArgumentException(name + ", argument " + (i + 1) + ": " + e.getMessage());
                }
                if (java[i] == null && method.getParameterTypes()[i].isPrimitive()) {
                    throw new IllegalArgumentException(name + ", argument " + (i + 1) + ": expected a "
                            + params[i].name() + ", found " + arguments[i]);
                }
            }
            Object result;
            try {
                result = handle.invoke(java);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            return method.getReturnType() == void.class ? null : binding.result().toGuest(result);
        };
    }
}
