package dev.graft.core.spi;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Defines classes Graft generates for a host's interface (a contract's proxy or provider, a host
 * module function's handle): the interface's own types resolve through the interface's loader, so
 * the generated class sees the same {@code Class} objects the host does; Graft's types (the core's,
 * and the loader module's and its engine's, named by package prefix) resolve through Graft's own
 * loader, which the interface's loader may not see.
 */
public final class GeneratedClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader graft;
    private final List<String> graftPackages;

    /**
     * @param name           for diagnostics: what the loader defines
     * @param interfaceType  the host's interface the generated classes implement or call
     * @param graftSide      a class of the module that generates, whose loader resolves Graft's types
     * @param graftPackages  package prefixes ({@code "dev.graft.wasm."}, an engine's) resolved
     *                       through {@code graftSide}'s loader, besides the core's own
     */
    public GeneratedClassLoader(String name, Class<?> interfaceType, Class<?> graftSide, String... graftPackages) {
        super(name, loaderOf(interfaceType));
        this.graft = graftSide.getClassLoader();
        this.graftPackages = List.of(graftPackages);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("dev.graft.core.") || graftPackages.stream().anyMatch(name::startsWith)) {
            return graft.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    /** Defines the generated class {@code desc}. */
    public Class<?> define(ClassDesc desc, byte[] bytes) {
        String name = desc.packageName() + "." + desc.displayName();
        return defineClass(name, bytes, 0, bytes.length);
    }

    /**
     * A full-privilege lookup in the package of {@code anchor}, for defining hidden classes there
     * ({@code Lookup.defineHiddenClass}): defines {@code anchor} as a class whose one static method
     * hands out its own lookup. Hidden classes are how a generated class gets constants the JIT
     * trusts (its class data, and its final fields), per version, without a loader per version.
     */
    public MethodHandles.Lookup anchor(ClassDesc anchor) {
        byte[] bytes = ClassFile.of().build(anchor, cb -> cb
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC)
                .withSuperclass(ConstantDescs.CD_Object)
                .withMethodBody("lookup", MethodTypeDesc.of(ConstantDescs.CD_MethodHandles_Lookup),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        code -> code.invokestatic(ConstantDescs.CD_MethodHandles, "lookup",
                                MethodTypeDesc.of(ConstantDescs.CD_MethodHandles_Lookup)).areturn()));
        try {
            return (MethodHandles.Lookup) define(anchor, bytes).getMethod("lookup").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the anchor " + anchor.displayName() + " of " + getName() + " cannot be set up", e);
        }
    }

    /**
     * Defines {@code bytes} as a hidden class beside {@code anchor}'s (see {@link #anchor}) with
     * {@code classData}, and makes one instance with the constructor of {@code constructorType}.
     */
    public static Object hiddenInstance(MethodHandles.Lookup anchor, byte[] bytes, Object classData,
                                        MethodType constructorType, Object... arguments) {
        return construct(hiddenConstructor(anchor, bytes, classData, constructorType), anchor, arguments);
    }

    /**
     * Defines {@code bytes} as a hidden class beside {@code anchor}'s (see {@link #anchor}) with
     * {@code classData}, and returns its constructor of {@code constructorType}, for a class that
     * serves several instances.
     */
    public static MethodHandle hiddenConstructor(MethodHandles.Lookup anchor, byte[] bytes, Object classData,
                                                 MethodType constructorType) {
        try {
            MethodHandles.Lookup hidden = anchor.defineHiddenClassWithClassData(bytes, classData, true);
            return hidden.findConstructor(hidden.lookupClass(), constructorType);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a generated class in " + anchor.lookupClass().getPackageName()
                    + " cannot be defined", e);
        }
    }

    /** An instance made by {@code constructor} (from {@link #hiddenConstructor}) of a class beside {@code anchor}'s. */
    public static Object construct(MethodHandle constructor, MethodHandles.Lookup anchor, Object... arguments) {
        try {
            return constructor.invokeWithArguments(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("a generated class in " + anchor.lookupClass().getPackageName()
                    + " cannot be constructed", e);
        }
    }

    /** The constant a hidden class loads with {@code ldc}: element {@code index} of its class data, a list. */
    public static DynamicConstantDesc<Object> classDataAt(ClassDesc type, int index) {
        return DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME, type, index);
    }

    /** The loader that defined {@code type}; the platform loader for the JDK's own types. */
    public static ClassLoader loaderOf(Class<?> type) {
        return type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getPlatformClassLoader();
    }
}
