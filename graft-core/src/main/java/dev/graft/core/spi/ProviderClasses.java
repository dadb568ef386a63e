package dev.graft.core.spi;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The provider classes a loader generates for a contract (the JDK's class-file API): a final class
 * implementing the contract interface, with three final fields ({@link #TARGET}, what its methods
 * call into, such as an instance pool; {@link #BASE}, the index of its first bound function; and a
 * description its {@code toString} returns), and one method per bound contract method, whose body
 * the loader writes. The bytes are generated once per contract and list of bound methods, and
 * defined again for each plugin version that has constants of its own as a hidden class, whose
 * class data is those constants ({@link #loadConstant}, such as a method handle of a guest
 * function); providers without constants of their own share one hidden class, defined once.
 *
 * <p>Why generated hidden classes rather than MethodHandles in final fields of one class: the
 * object must implement an arbitrary interface, which needs a generated class anyway (or a
 * reflective proxy, which G6 forbids), and a MethodHandle in an ordinary final instance field is
 * not a constant to the JIT. A hidden class's class data and final fields are: the JIT folds them,
 * and inlines a handle called with {@code invokeExact} into the provider's method.
 */
public final class ProviderClasses {

    /** The field holding what the methods call into (of the target type given at construction). */
    public static final String TARGET = "target";
    /** The {@code int} field holding the index of the provider's first bound function. */
    public static final String BASE = "base";

    /** Writes the body of the bound method at {@code offset} (its index among the bound methods, from 0). */
    @FunctionalInterface
    public interface Body {
        void write(CodeBuilder code, ClassDesc self, int offset);
    }

    /**
     * A contract's generated provider: where its hidden classes are defined, their bytes, and the
     * constructor of the one class defined for all providers without constants of their own, once
     * the first of them is made.
     */
    private static final class Shape {
        final MethodHandles.Lookup anchor;
        final byte[] bytes;
        private MethodHandle shared; // guarded by this: versions are prepared on several threads

        Shape(MethodHandles.Lookup anchor, byte[] bytes) {
            this.anchor = anchor;
            this.bytes = bytes;
        }

        synchronized MethodHandle shared(MethodType constructorType) {
            if (shared == null) {
                shared = GeneratedClassLoader.hiddenConstructor(anchor, bytes, List.of(), constructorType);
            }
            return shared;
        }
    }


    private final String kind;
    private final Class<?> targetType;
    private final Class<?> graftSide;
    private final String[] graftPackages;
    private final AtomicInteger serial = new AtomicInteger();
    private final ClassValue<Map<String, Shape>> classes = new ClassValue<>() {
        @Override
        protected Map<String, Shape> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /**
     * @param kind          names the classes ({@code dev.graft.generated.KIND.Contract$$KIND_Provider1}) and their loader
     * @param targetType    the type of {@link #TARGET}
     * @param graftSide     a class of the generating module, whose loader resolves Graft's types
     * @param graftPackages package prefixes resolved through {@code graftSide}'s loader ({@link GeneratedClassLoader})
     */
    public ProviderClasses(String kind, Class<?> targetType, Class<?> graftSide, String... graftPackages) {
        this.kind = kind;
        this.targetType = targetType;
        this.graftSide = graftSide;
        this.graftPackages = graftPackages.clone();
    }

    /**
     * A provider of {@code contract} implementing {@code methods}, calling into {@code target},
     * its first bound function {@code base}; {@code body} writes each method's body when the class
     * for this contract and list of methods is generated (once).
     */
    public Object create(Class<?> contract, List<Method> methods, Body body, Object target, int base, String description) {
        return create(contract, methods, "", body, target, base, description, List.of());
    }

    /**
     * {@link #create(Class, List, Body, Object, int, String)} with constants of this provider's
     * own, which the bodies load with {@link #loadConstant} (non-null, each of the type the body
     * expects at its index). {@code variant} tells apart bodies that differ for the same methods
     * (which of them load a constant, say): one class is generated per contract, methods and variant.
     */
    public Object create(Class<?> contract, List<Method> methods, String variant, Body body, Object target, int base,
                         String description, List<?> constants) {
        String shape = methods.stream().map(m -> m.getName() + typeOf(m).descriptorString()).collect(Collectors.joining(";"))
                + "/" + variant;
        Shape generated = classes.get(contract).computeIfAbsent(shape, s -> generate(contract, methods, body));
        MethodType constructorType = MethodType.methodType(void.class, targetType, int.class, String.class);
        if (constants.isEmpty()) {
            // a provider's class is then the same for every version: one class serves them all, and a
            // reload defines none (nor leaves the JIT a new class to compile)
            return GeneratedClassLoader.construct(generated.shared(constructorType), generated.anchor, target, base, description);
        }
        return GeneratedClassLoader.hiddenInstance(generated.anchor, generated.bytes, List.copyOf(constants), constructorType,
                target, base, description);
    }

    /** In a body: pushes constant {@code index} of the provider's own (of type {@code type}). */
    public static void loadConstant(CodeBuilder code, ClassDesc type, int index) {
        code.ldc(GeneratedClassLoader.classDataAt(type, index));
    }

    private Shape generate(Class<?> type, List<Method> methods, Body body) {
        String display = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        String name = "dev.graft.generated." + kind + "." + type.getName().replace('.', '_') + "$$" + display + "Provider"
                + serial.incrementAndGet();
        ClassDesc self = ClassDesc.of(name);
        ClassDesc target = desc(targetType);
        ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.defaultResolver()
                        .orElse(ClassHierarchyResolver.ofClassLoading(graftSide.getClassLoader()))
                        .orElse(ClassHierarchyResolver.ofClassLoading(GeneratedClassLoader.loaderOf(type)))));
        byte[] bytes = classFile.build(self, cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC)
                    .withSuperclass(CD_Object)
                    .withInterfaceSymbols(desc(type));
            cb.withField(TARGET, target, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
            cb.withField(BASE, CD_int, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
            cb.withField("description", CD_String, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
            cb.withMethodBody(INIT_NAME, MethodTypeDesc.of(CD_void, target, CD_int, CD_String), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).invokespecial(CD_Object, INIT_NAME, MethodTypeDesc.of(CD_void))
                    .aload(0).aload(1).putfield(self, TARGET, target)
                    .aload(0).iload(2).putfield(self, BASE, CD_int)
                    .aload(0).aload(3).putfield(self, "description", CD_String)
                    .return_());
            for (int j = 0; j < methods.size(); j++) {
                int offset = j;
                cb.withMethodBody(methods.get(j).getName(), typeOf(methods.get(j)), ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                        code -> body.write(code, self, offset));
            }
            cb.withMethodBody("toString", MethodTypeDesc.of(CD_String), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).getfield(self, "description", CD_String).areturn());
        });
        GeneratedClassLoader loader = new GeneratedClassLoader("graft-" + kind + "-providers", type, graftSide, graftPackages);
        return new Shape(loader.anchor(ClassDesc.of(name + "$$Anchor")), bytes);
    }

    /** The method's type as a descriptor. */
    public static MethodTypeDesc typeOf(Method m) {
        return MethodTypeDesc.ofDescriptor(MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString());
    }

    /** The type's descriptor. */
    public static ClassDesc desc(Class<?> type) {
        return type.describeConstable().orElseThrow(() -> new IllegalArgumentException("cannot describe " + type));
    }
}
