package dev.graft.polyglot;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import dev.graft.core.spi.GeneratedClassLoader;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

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
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private static final ClassValue<Map<String, Constructor<?>>> CLASSES = new ClassValue<>() {
        @Override
        protected Map<String, Constructor<?>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private ProviderGenerator() {
    }

    /**
     * A provider of {@code contract} whose methods {@code methods} call {@code functions}' bound
     * functions {@code base}, {@code base + 1}, ...
     */
    static Object create(Class<?> contract, List<Method> methods, GuestFunctions functions, int base, String description) {
        String shape = methods.stream().map(m -> m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                .toMethodDescriptorString()).collect(Collectors.joining(";"));
        Constructor<?> constructor = CLASSES.get(contract).computeIfAbsent(shape, s -> generate(contract, methods));
        try {
            return constructor.newInstance(functions, base, description);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("generated polyglot provider failed to construct", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated polyglot provider cannot be constructed", e);
        }
    }

    private static Constructor<?> generate(Class<?> type, List<Method> methods) {
        ClassDesc self = ClassDesc.of("dev.graft.generated.polyglot." + type.getName().replace('.', '_')
                + "$$PolyglotProvider" + SERIAL.incrementAndGet());
        ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.defaultResolver()
                        .orElse(ClassHierarchyResolver.ofClassLoading(ProviderGenerator.class.getClassLoader()))
                        .orElse(ClassHierarchyResolver.ofClassLoading(GeneratedClassLoader.loaderOf(type)))));
        byte[] bytes = classFile.build(self, cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC)
                    .withSuperclass(CD_Object)
                    .withInterfaceSymbols(desc(type));
            cb.withField("functions", CD_FUNCTIONS, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
            cb.withField("base", CD_int, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
            cb.withField("description", CD_String, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
            cb.withMethodBody(INIT_NAME, MethodTypeDesc.of(CD_void, CD_FUNCTIONS, CD_int, CD_String), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).invokespecial(CD_Object, INIT_NAME, MethodTypeDesc.of(CD_void))
                    .aload(0).aload(1).putfield(self, "functions", CD_FUNCTIONS)
                    .aload(0).iload(2).putfield(self, "base", CD_int)
                    .aload(0).aload(3).putfield(self, "description", CD_String)
                    .return_());
            for (int j = 0; j < methods.size(); j++) {
                Method method = methods.get(j);
                int offset = j;
                cb.withMethodBody(method.getName(), typeOf(method), ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                        code -> body(code, self, offset, method));
            }
            cb.withMethodBody("toString", MethodTypeDesc.of(CD_String), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).getfield(self, "description", CD_String).areturn());
        });
        try {
            Class<?> generated = new GeneratedClassLoader("graft-polyglot-providers", type, ProviderGenerator.class, "dev.graft.polyglot.", "org.graalvm.").define(self, bytes);
            return generated.getConstructor(GuestFunctions.class, int.class, String.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("generated polyglot provider lacks its constructor", e);
        }
    }

    /** {@code return unbox(functions.call(base + offset, new Object[] {box(a0), box(a1), ...}))}. */
    private static void body(CodeBuilder code, ClassDesc self, int offset, Method method) {
        Class<?>[] params = method.getParameterTypes();
        code.aload(0).getfield(self, "functions", CD_FUNCTIONS)
                .aload(0).getfield(self, "base", CD_int).loadConstant(offset).iadd()
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

    private static MethodTypeDesc typeOf(Method m) {
        return MethodTypeDesc.ofDescriptor(MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString());
    }

    private static ClassDesc desc(Class<?> type) {
        return type.describeConstable().orElseThrow(() -> new IllegalArgumentException("cannot describe " + type));
    }
}
