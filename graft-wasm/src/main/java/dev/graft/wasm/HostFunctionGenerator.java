package dev.graft.wasm;

import static dev.graft.core.spi.ProviderClasses.desc;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_Throwable;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import dev.graft.core.spi.GeneratedClassLoader;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates, for one host module method, the class Chicory calls when a guest calls its import: a
 * {@link HostFunctionHandle} whose {@code apply} is straight-line bytecode (the JDK's class-file
 * API, as {@link ProviderGenerator}): lift each wasm argument to its Java value (numbers directly,
 * strings and bytes read from guest memory), call the module's implementation through the
 * interface, lower the result into the status word or through the guest's result pointer; and
 * catch anything thrown, which becomes the status word of a failure ({@link HostCalls#failed}).
 * The mirror of a provider, seen from the other side.
 *
 * <pre>{@code
 * public long[] apply(Instance instance, long[] args) {
 *     try {
 *         bind(instance);                                  // when it touches memory
 *         int out = out(args[2]);                          // when the result goes through a pointer
 *         String r = impl.get(string(args[0], args[1]));
 *         return okString(out, r);
 *     } catch (Throwable t) {
 *         return failed(t);
 *     }
 * }
 * }</pre>
 *
 * <p>Why generated code: the call goes to an arbitrary interface, and a direct {@code invokeinterface}
 * on a final field the JIT can see through costs what a Java call costs; a reflective call or a
 * MethodHandle in an instance field would box or not inline. One class per method, cached; each
 * instance of a plugin version gets its own object of it.
 */
final class HostFunctionGenerator {

    private static final ClassDesc CD_BASE = desc(HostFunctionHandle.class);
    private static final ClassDesc CD_INSTANCE = desc(Instance.class);
    private static final ClassDesc CD_LONGS = CD_long.arrayType();
    private static final ClassDesc CD_BYTES = desc(byte[].class);
    private static final ClassDesc CD_BUFFER = desc(ByteBuffer.class);
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private static final ClassValue<Map<String, Constructor<?>>> CLASSES = new ClassValue<>() {
        @Override
        protected Map<String, Constructor<?>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private HostFunctionGenerator() {
    }

    /**
     * The class for {@code function}'s method, generated on first use and cached: done at link
     * time, so that a class that cannot be generated or loaded fails the load, not a later call.
     *
     * @return its constructor, {@code (Object implementation, Object wiring)}
     */
    static Constructor<?> classFor(BoundHostFunction function) {
        Method method = function.method();
        return CLASSES.get(method.getDeclaringClass())
                .computeIfAbsent(method.getName() + ContractBinding.descriptor(method), k -> generate(method, function.signature()));
    }

    /**
     * The handle for one guest instance's import of {@code function}, calling {@code implementation}.
     *
     * @param constructor {@link #classFor}'s
     * @param records     the record accesses of each parameter that is a record, then of the result, by position
     */
    static WasmFunctionHandle create(Constructor<?> constructor, BoundHostFunction function, Object implementation, HostCalls calls,
                                     RecordAccess[] records) {
        try {
            return (WasmFunctionHandle) constructor.newInstance(implementation, new HostFunctionHandle.Wiring(calls, function, records));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("generated host function failed to construct", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated host function cannot be constructed", e);
        }
    }

    private static Constructor<?> generate(Method method, HostSignature signature) {
        Class<?> type = method.getDeclaringClass();
        ClassDesc self = ClassDesc.of("dev.graft.generated.wasm." + type.getName().replace('.', '_') + "$$"
                + method.getName() + "$$HostFunction" + SERIAL.incrementAndGet());
        ClassDesc module = desc(type);
        ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.defaultResolver()
                        .orElse(ClassHierarchyResolver.ofClassLoading(HostFunctionGenerator.class.getClassLoader()))
                        .orElse(ClassHierarchyResolver.ofClassLoading(GeneratedClassLoader.loaderOf(type)))));
        byte[] bytes = classFile.build(self, cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC)
                    .withSuperclass(CD_BASE);
            cb.withField("impl", module, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
            cb.withMethodBody(INIT_NAME, MethodTypeDesc.of(CD_void, CD_Object, CD_Object), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).aload(2).invokespecial(CD_BASE, INIT_NAME, MethodTypeDesc.of(CD_void, CD_Object))
                    .aload(0).aload(1).checkcast(module).putfield(self, "impl", module)
                    .return_());
            cb.withMethodBody("apply", MethodTypeDesc.of(CD_LONGS, CD_INSTANCE, CD_LONGS),
                    ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_VARARGS,
                    code -> apply(code, self, module, method, signature));
        });
        try {
            Class<?> generated = new GeneratedClassLoader("graft-wasm-host-functions", type, HostFunctionGenerator.class, "dev.graft.wasm.", "com.dylibso.chicory.").define(self, bytes);
            return generated.getConstructor(Object.class, Object.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("generated host function lacks its constructor", e);
        }
    }

    /** The body of {@code apply(Instance instance, long[] args)}: see the class comment. */
    private static void apply(CodeBuilder code, ClassDesc self, ClassDesc module, Method method, HostSignature signature) {
        int args = 2;
        List<GuestType> params = signature.method().params();
        GuestType result = signature.method().result();
        int out = code.allocateLocal(TypeKind.INT);
        TypeKind resultKind = TypeKind.from(desc(method.getReturnType()));
        int value = resultKind == TypeKind.VOID ? -1 : code.allocateLocal(resultKind);

        Label start = code.newBoundLabel();
        if (signature.usesMemory()) {
            code.aload(0).aload(1).invokevirtual(CD_BASE, "bind", MethodTypeDesc.of(CD_void, CD_INSTANCE));
        }
        int at = 0;
        for (GuestType p : params) {
            at += p.asParameter().size();
        }
        if (!signature.resultInWord()) {
            // checked before the implementation runs, so a bad pointer costs the host nothing
            code.aload(0).aload(args).loadConstant(at).laload()
                    .invokevirtual(CD_BASE, "out", MethodTypeDesc.of(CD_int, CD_long)).istore(out);
        }

        code.aload(0).getfield(self, "impl", module);
        at = 0;
        for (int i = 0; i < params.size(); i++) {
            GuestType p = params.get(i);
            switch (p.abi()) {
                case I32 -> code.aload(args).loadConstant(at).laload().l2i();
                // (int) raw != 0, branch-free: (i | -i) >>> 31
                case BOOL -> code.aload(args).loadConstant(at).laload().l2i().dup().ineg().ior().loadConstant(31).iushr();
                case I64 -> code.aload(args).loadConstant(at).laload();
                case F32 -> code.aload(args).loadConstant(at).laload().l2i()
                        .invokestatic(desc(Float.class), "intBitsToFloat", MethodTypeDesc.of(CD_float, CD_int));
                case F64 -> code.aload(args).loadConstant(at).laload()
                        .invokestatic(desc(Double.class), "longBitsToDouble", MethodTypeDesc.of(CD_double, CD_long));
                case STR -> lift(code, args, at, "string", CD_String);
                case BYTES -> lift(code, args, at, "bytes", CD_BYTES);
                case BUFFER -> lift(code, args, at, "buffer", CD_BUFFER);
                case RECORD -> code.aload(0).aload(args).loadConstant(at).laload().loadConstant(i)
                        .invokevirtual(CD_BASE, "record", MethodTypeDesc.of(CD_Object, CD_long, CD_int))
                        .checkcast(desc(p.java()));
                case VOID -> throw new IllegalStateException("void parameter");
            }
            at += p.asParameter().size();
        }
        code.invokeinterface(module, method.getName(), MethodTypeDesc.ofDescriptor(ContractBinding.descriptor(method)));
        if (value >= 0) {
            code.storeLocal(resultKind, value);
        }

        code.aload(0);
        switch (result.abi()) {
            case VOID -> code.invokevirtual(CD_BASE, "ok", MethodTypeDesc.of(CD_LONGS));
            case I32 -> code.iload(value).invokevirtual(CD_BASE, "okI32", MethodTypeDesc.of(CD_LONGS, CD_int));
            case BOOL -> code.iload(value).invokevirtual(CD_BASE, "okBool", MethodTypeDesc.of(CD_LONGS, CD_boolean));
            case F32 -> code.fload(value).invokevirtual(CD_BASE, "okF32", MethodTypeDesc.of(CD_LONGS, CD_float));
            case I64 -> code.iload(out).lload(value).invokevirtual(CD_BASE, "okI64", MethodTypeDesc.of(CD_LONGS, CD_int, CD_long));
            case F64 -> code.iload(out).dload(value).invokevirtual(CD_BASE, "okF64", MethodTypeDesc.of(CD_LONGS, CD_int, CD_double));
            case STR -> code.iload(out).aload(value).invokevirtual(CD_BASE, "okString", MethodTypeDesc.of(CD_LONGS, CD_int, CD_String));
            case BYTES -> code.iload(out).aload(value).invokevirtual(CD_BASE, "okBytes", MethodTypeDesc.of(CD_LONGS, CD_int, CD_BYTES));
            case BUFFER -> code.iload(out).aload(value).invokevirtual(CD_BASE, "okBuffer", MethodTypeDesc.of(CD_LONGS, CD_int, CD_BUFFER));
            case RECORD -> code.iload(out).aload(value).invokevirtual(CD_BASE, "okRecord", MethodTypeDesc.of(CD_LONGS, CD_int, CD_Object));
        }
        Label end = code.newBoundLabel();
        code.areturn();

        Label handler = code.newBoundLabel();
        int thrown = code.allocateLocal(TypeKind.REFERENCE);
        code.astore(thrown).aload(0).aload(thrown)
                .invokevirtual(CD_BASE, "failed", MethodTypeDesc.of(CD_LONGS, CD_Throwable))
                .areturn();
        code.exceptionCatchAll(start, end, handler);
    }

    private static void lift(CodeBuilder code, int args, int at, String method, ClassDesc type) {
        code.aload(0).aload(args).loadConstant(at).laload().aload(args).loadConstant(at + 1).laload()
                .invokevirtual(CD_BASE, method, MethodTypeDesc.of(type, CD_long, CD_long));
    }
}
