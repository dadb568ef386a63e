package dev.graft.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The JVM methods Chicory compiled a module's functions to, for calling them directly: a compiled
 * module's function {@code N} is a static {@code func_N(params..., Memory, Instance)} in one of its
 * {@code ...FuncGroup_K} classes. Chicory's own entry, {@code Machine.call(index, long[])}, reaches
 * the same method through an interface call, a switch on the index and a {@code long[]} for the
 * result; a provider that calls the method through a constant handle lets the JIT inline the guest
 * function into the contract call (docs/wasm-plugins.md, "The call path").
 *
 * <p>These classes and names are Chicory's own, not API (as {@link StopHook}'s): {@link StopHook}
 * makes the function classes public when it rewrites a module, and a module whose classes do not
 * look as expected (not rewritten, a function left to the interpreter, another Chicory version)
 * gets no handle, and its calls go through {@code Machine.call} as before.
 */
final class CompiledFunctions {

    static final String GROUP = "FuncGroup_";
    private static final String FUNCTION = "func_";
    /** More groups than any module has: Chicory puts many functions in each. */
    private static final int MAX_GROUPS = 1 << 16;

    private CompiledFunctions() {
    }

    /**
     * The handles of functions {@code indices} (module function indices) of the module compiled to
     * {@code machines}, by position; an element is null where no compiled method was found.
     */
    static MethodHandle[] find(Function<Instance, Machine> machines, int[] indices) {
        MethodHandle[] found = new MethodHandle[indices.length];
        Class<?> machine = StopHook.machineClass(machines);
        if (machine == null) {
            return found;
        }
        Map<String, Method> methods = new HashMap<>();
        for (int group = 0; group < MAX_GROUPS; group++) {
            Class<?> type;
            try {
                type = Class.forName(machine.getName() + GROUP + group, false, machine.getClassLoader());
            } catch (ClassNotFoundException e) {
                break;
            }
            if (!Modifier.isPublic(type.getModifiers())) {
                return found; // not rewritten by StopHook
            }
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().startsWith(FUNCTION) && Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers())) {
                    methods.put(m.getName(), m);
                }
            }
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (int i = 0; i < indices.length; i++) {
            Method m = methods.get(FUNCTION + indices[i]);
            if (m != null) {
                try {
                    found[i] = lookup.unreflect(m);
                } catch (IllegalAccessException e) {
                    found[i] = null; // not accessible: Machine.call serves
                }
            }
        }
        return found;
    }
}
