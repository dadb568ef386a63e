package dev.graft.polyglot;

import static dev.graft.core.spi.ProviderClasses.desc;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_Throwable;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.graft.core.spi.ProviderClasses;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import org.graalvm.polyglot.Value;

/**
 * Generates the provider object a polyglot plugin hands the core: a class implementing the
 * contract interface whose every bound method is straight-line bytecode (the JDK's class-file API,
 * as the core's ProxyFactory and graft-wasm's providers) doing the whole call itself, in the steps
 * {@link GuestFunctions} lists: a context taken and the deadline started, the arguments boxed into
 * the array {@code Value.execute(Object...)} takes (a {@code float} widened to {@code double};
 * records and {@code byte[]} converted by {@link GuestType}), {@code Value.execute} on the
 * function's {@code Value} ({@link GuestContext#execute}, a method small enough for the JIT to
 * inline into each provider method), the result read with the typed method of its type
 * ({@link GuestResults}: {@code Value.asInt()} for an {@code int}, no boxing) before the call ends.
 * No reflection (G6), and no generic dispatch on the contract's types at call time.
 *
 * <p>One class per contract and set of bound methods (default methods the guest does not define
 * keep their Java body), cached; each plugin version gets its own instance of it.
 */
final class ProviderGenerator {

    private static final ClassDesc CD_FUNCTIONS = desc(GuestFunctions.class);
    private static final ClassDesc CD_CONTEXT = desc(GuestContext.class);
    private static final ClassDesc CD_VALUE = desc(Value.class);
    private static final ClassDesc CD_RESULTS = desc(GuestResults.class);
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

    /** The body {@link GuestFunctions}' class comment shows, for bound function {@code base + offset}. */
    private static void body(CodeBuilder code, ClassDesc self, int offset, Method method) {
        Class<?>[] params = method.getParameterTypes();
        Class<?> result = method.getReturnType();
        int functions = code.allocateLocal(TypeKind.REFERENCE);
        int index = code.allocateLocal(TypeKind.INT);
        int thrown = code.allocateLocal(TypeKind.REFERENCE);
        int context = code.allocateLocal(TypeKind.REFERENCE);
        int value = result == void.class ? -1 : code.allocateLocal(TypeKind.from(desc(result)));
        code.aload(0).getfield(self, ProviderClasses.TARGET, CD_FUNCTIONS).astore(functions)
                .aload(0).getfield(self, ProviderClasses.BASE, CD_int).loadConstant(offset).iadd().istore(index);
        code.aload(functions).iload(index)
                .invokevirtual(CD_FUNCTIONS, "enter", MethodTypeDesc.of(CD_CONTEXT, CD_int)).astore(context);
        code.trying(call -> {
            // boxed after the context's compare-and-set, whose wait for pending stores they would otherwise join
            call.aload(context).iload(index).loadConstant(params.length).anewarray(CD_Object);
            for (int p = 0; p < params.length; p++) {
                call.dup().loadConstant(p);
                toGuest(call, params[p], call.parameterSlot(p), functions, index, p);
                call.aastore();
            }
            call.invokevirtual(CD_CONTEXT, "execute", MethodTypeDesc.of(CD_VALUE, CD_int, CD_Object.arrayType()));
            if (result == void.class) {
                call.pop();
            } else {
                toJava(call, result, functions, index);
                call.storeLocal(TypeKind.from(desc(result)), value);
            }
        }, handlers -> handlers.catchingAll(failed -> failed
                .astore(thrown)
                .aload(functions).aload(context).iload(index).aload(thrown)
                .invokevirtual(CD_FUNCTIONS, "failed", MethodTypeDesc.of(desc(RuntimeException.class), CD_CONTEXT, CD_int, CD_Throwable))
                .athrow()));
        code.aload(functions).aload(context).invokevirtual(CD_FUNCTIONS, "leave", MethodTypeDesc.of(CD_void, CD_CONTEXT));
        if (result == void.class) {
            code.return_();
        } else {
            code.loadLocal(TypeKind.from(desc(result)), value).return_(TypeKind.from(desc(result)));
        }
    }

    /** Pushes parameter {@code p} (in {@code slot}) in its guest form. */
    private static void toGuest(CodeBuilder code, Class<?> type, int slot, int functions, int index, int p) {
        if (type == float.class) { // a float is a double to both languages
            code.fload(slot).f2d().invokestatic(desc(Double.class), "valueOf", MethodTypeDesc.of(desc(Double.class), CD_double));
        } else if (type.isPrimitive()) {
            Class<?> wrapper = MethodType.methodType(type).wrap().returnType();
            code.loadLocal(TypeKind.from(desc(type)), slot)
                    .invokestatic(desc(wrapper), "valueOf", MethodTypeDesc.of(desc(wrapper), desc(type)));
        } else if (type == String.class) {
            code.aload(slot);
        } else { // records and byte[]: copied into the guest's forms
            code.aload(functions).iload(index).loadConstant(p).aload(slot)
                    .invokevirtual(CD_FUNCTIONS, "toGuest", MethodTypeDesc.of(CD_Object, CD_int, CD_int, CD_Object));
        }
    }

    /** Turns the {@code Value} on the stack into the method's result type. */
    private static void toJava(CodeBuilder code, Class<?> type, int functions, int index) {
        if (type.isPrimitive() || type == String.class) {
            String name = type == String.class ? "asString"
                    : "as" + Character.toUpperCase(type.getName().charAt(0)) + type.getName().substring(1);
            code.invokestatic(CD_RESULTS, name, MethodTypeDesc.of(desc(type), CD_VALUE));
        } else { // records and byte[]
            int value = code.allocateLocal(TypeKind.REFERENCE);
            code.astore(value).aload(functions).iload(index).aload(value)
                    .invokevirtual(CD_FUNCTIONS, "toJava", MethodTypeDesc.of(CD_Object, CD_int, CD_VALUE))
                    .checkcast(desc(type));
        }
    }
}
