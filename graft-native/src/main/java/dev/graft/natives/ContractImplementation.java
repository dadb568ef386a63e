package dev.graft.natives;

import static java.lang.constant.ConstantDescs.CD_Class;
import static java.lang.constant.ConstantDescs.CD_MethodHandle;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.CLASS_INIT_NAME;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import java.lang.classfile.ClassFile;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the object a native plugin version hands the core for one contract: a hidden class
 * implementing the contract interface, each method one {@code invokeExact} of a
 * {@code static final} method handle built by {@link GuestCall}.
 *
 * <p>Why a generated class and not a reflective or lambda-based proxy: a {@code static final}
 * field is a constant to the JIT, so the handle tree behind it (status check, marshalling, the
 * downcall) is inlined into the method, and the slot proxy's interface call inlines this method in
 * turn: a call through a contract costs the downcall plus a few instructions, with no reflection,
 * lookup or allocation (G6). One hidden class per plugin version: it is unloaded with the
 * version's last reference, independently of any class loader (G3).
 *
 * <p>The hidden class is defined next to a tiny anchor class in a class loader whose parent is the
 * contract's loader, so it resolves the contract and the records it names exactly as the host does.
 */
final class ContractImplementation {

    private static final String PACKAGE = "dev.graft.generated.natives";
    private static final ClassDesc CD_LOOKUP = ClassDesc.of("java.lang.invoke.MethodHandles$Lookup");
    private static final ClassDesc CD_METHOD_HANDLES = ClassDesc.of("java.lang.invoke.MethodHandles");

    /** A full-privilege lookup in a package of its own, one per contract interface. */
    private static final ClassValue<MethodHandles.Lookup> ANCHORS = new ClassValue<>() {
        @Override
        protected MethodHandles.Lookup computeValue(Class<?> contract) {
            return anchor(contract);
        }
    };

    private ContractImplementation() {
    }

    /**
     * An instance of {@code contract} whose method {@code methods.get(i)} calls {@code handles.get(i)}.
     *
     * @param description what {@code toString} says, such as {@code native greeter@1.0.0#3 example.greeter@1.0}
     */
    static Object create(Class<?> contract, List<Method> methods, List<MethodHandle> handles, String description) {
        ClassDesc self = ClassDesc.of(PACKAGE, "NativeImplementation");
        ClassDesc contractDesc = contract.describeConstable().orElseThrow();
        byte[] bytes = ClassFile.of().build(self, cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC)
                    .withSuperclass(CD_Object)
                    .withInterfaceSymbols(contractDesc);
            for (int i = 0; i < methods.size(); i++) {
                cb.withField("h" + i, CD_MethodHandle, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC | ClassFile.ACC_FINAL);
            }
            cb.withField("description", CD_String, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC | ClassFile.ACC_FINAL);
            // static finals from the class data: a List of the handles, then the description
            cb.withMethodBody(CLASS_INIT_NAME, MethodTypeDesc.of(CD_void), ClassFile.ACC_STATIC, code -> {
                for (int i = 0; i <= methods.size(); i++) {
                    boolean handle = i < methods.size();
                    code.invokestatic(CD_METHOD_HANDLES, "lookup", MethodTypeDesc.of(CD_LOOKUP))
                            .ldc("_")
                            .ldc(handle ? CD_MethodHandle : CD_String)
                            .ldc(i)
                            .invokestatic(CD_METHOD_HANDLES, "classDataAt",
                                    MethodTypeDesc.of(CD_Object, CD_LOOKUP, CD_String, CD_Class, CD_int))
                            .checkcast(handle ? CD_MethodHandle : CD_String)
                            .putstatic(self, handle ? "h" + i : "description", handle ? CD_MethodHandle : CD_String);
                }
                code.return_();
            });
            cb.withMethodBody(INIT_NAME, MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).invokespecial(CD_Object, INIT_NAME, MethodTypeDesc.of(CD_void)).return_());
            for (int i = 0; i < methods.size(); i++) {
                Method m = methods.get(i);
                MethodTypeDesc type = MethodType.methodType(m.getReturnType(), m.getParameterTypes()).describeConstable().orElseThrow();
                int index = i;
                cb.withMethodBody(m.getName(), type, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, code -> {
                    code.getstatic(self, "h" + index, CD_MethodHandle);
                    for (int p = 0; p < type.parameterCount(); p++) {
                        code.loadLocal(TypeKind.from(type.parameterType(p)), code.parameterSlot(p));
                    }
                    code.invokevirtual(CD_MethodHandle, "invokeExact", type)
                            .return_(TypeKind.from(type.returnType()));
                });
            }
            cb.withMethodBody("toString", MethodTypeDesc.of(CD_String), ClassFile.ACC_PUBLIC, code -> code
                    .getstatic(self, "description", CD_String).areturn());
        });
        List<Object> data = new ArrayList<>(handles);
        data.add(description);
        try {
            MethodHandles.Lookup hidden = ANCHORS.get(contract).defineHiddenClassWithClassData(bytes, data, true);
            return hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define the native implementation of " + contract.getName(), e);
        }
    }

    /** Defines {@code Anchor} with {@code public static Lookup lookup()} in a loader under the contract's, and asks it. */
    private static MethodHandles.Lookup anchor(Class<?> contract) {
        ClassDesc anchor = ClassDesc.of(PACKAGE, "Anchor");
        byte[] bytes = ClassFile.of().build(anchor, cb -> cb
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC)
                .withSuperclass(CD_Object)
                .withMethodBody("lookup", MethodTypeDesc.of(CD_LOOKUP), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                        .invokestatic(CD_METHOD_HANDLES, "lookup", MethodTypeDesc.of(CD_LOOKUP)).areturn()));
        ClassLoader parent = contract.getClassLoader() != null ? contract.getClassLoader() : ClassLoader.getPlatformClassLoader();
        AnchorLoader loader = new AnchorLoader(parent);
        try {
            Class<?> type = loader.define(PACKAGE + ".Anchor", bytes);
            return (MethodHandles.Lookup) type.getMethod("lookup").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot define the anchor for " + contract.getName(), e);
        }
    }

    private static final class AnchorLoader extends ClassLoader {
        AnchorLoader(ClassLoader parent) {
            super("graft-native-implementations", parent);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
