package dev.graft.polyglot;

import static dev.graft.core.spi.ProviderClasses.desc;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;

import dev.graft.core.spi.ProviderClasses;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Generates the provider object a polyglot plugin hands the core: a class implementing the
 * contract interface whose every bound method is straight-line bytecode (the JDK's class-file API,
 * as the core's ProxyFactory and graft-wasm's providers): box the arguments into an array, call
 * {@link GuestFunctions#call}, unbox the result. No reflection on the call path (G6); the array
 * and the boxes are what the polyglot API's {@code Value.execute(Object...)} takes anyway.
 *
 * <p>One class per contract and set of bound methods (default methods the guest does not define
 * keep their Java body), cached; each plugin version gets its own instance of it.
 */
final class ProviderGenerator {

    private static final ClassDesc CD_FUNCTIONS = desc(GuestFunctions.class);
    private static final ProviderClasses CLASSES =
            new ProviderClasses("polyglot", GuestFunctions.class, ProviderGenerator.class, "dev.graft.polyglot.", "org.graalvm.");

    private ProviderGenerator() {
    }

    /**
     * A provider of {@code contract} whose methods {@code methods} call {@code functions}' bound
     * functions {@code base}, {@code base + 1}, ...
     */
    static Object create(Class<?> contract, List<Method> methods, GuestFunctions functions, int base, String description) {
        return CLASSES.create(contract, methods, (code, self, offset) -> body(code, self, offset, methods.get(offset)),
                functions, base, description);
    }

    /** {@code return unbox(functions.call(base + offset, new Object[] {box(a0), box(a1), ...}))}. */
    private static void body(CodeBuilder code, ClassDesc self, int offset, Method method) {
        Class<?>[] params = method.getParameterTypes();
        code.aload(0).getfield(self, ProviderClasses.TARGET, CD_FUNCTIONS)
                .aload(0).getfield(self, ProviderClasses.BASE, CD_int).loadConstant(offset).iadd()
                .loadConstant(params.length).anewarray(CD_Object);
        for (int p = 0; p < params.length; p++) {
            code.dup().loadConstant(p).loadLocal(TypeKind.from(desc(params[p])), code.parameterSlot(p));
            box(code, params[p]);
            code.aastore();
        }
        code.invokevirtual(CD_FUNCTIONS, "call", MethodTypeDesc.of(CD_Object, CD_int, CD_Object.arrayType()));
        Class<?> result = method.getReturnType();
        if (result == void.class) {
            code.pop().return_();
            return;
        }
        if (result.isPrimitive()) {
            Class<?> wrapper = MethodType.methodType(result).wrap().returnType();
            code.checkcast(desc(wrapper)).invokevirtual(desc(wrapper), result.getName() + "Value", MethodTypeDesc.of(desc(result)));
        } else {
            code.checkcast(desc(result));
        }
        code.return_(TypeKind.from(desc(result)));
    }

    private static void box(CodeBuilder code, Class<?> type) {
        if (type.isPrimitive()) {
            Class<?> wrapper = MethodType.methodType(type).wrap().returnType();
            code.invokestatic(desc(wrapper), "valueOf", MethodTypeDesc.of(desc(wrapper), desc(type)));
        }
    }
}
