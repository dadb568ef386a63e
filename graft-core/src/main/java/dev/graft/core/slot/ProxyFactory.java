package dev.graft.core.slot;

import static dev.graft.core.spi.ProviderClasses.desc;
import static dev.graft.core.spi.ProviderClasses.typeOf;
import static java.lang.constant.ConstantDescs.CD_MethodHandle;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import dev.graft.core.spi.GeneratedClassLoader;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VolatileCallSite;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the two classes on the call path (with the JDK's class-file API, so no reflection or
 * lambda indirection is left on that path):
 *
 * <ul>
 *   <li>the <b>slot proxy</b>, one hidden class per slot: {@code ((C) RECEIVER.invokeExact()).m(args)},
 *       where {@code RECEIVER} is the dynamic invoker of the slot's {@link VolatileCallSite}, a
 *       constant of the class (its class data). The site's target is a constant method handle
 *       returning the live implementation, so the JIT folds the receiver to a constant of a known
 *       class and inlines the implementation's method as if the caller called it directly; when a
 *       reload sets a new target, the JVM deoptimises the code that inlined the old one
 *       ({@link SlotGroup#publish} says why that is sound);</li>
 *   <li>the <b>counted target</b>, one hidden class per counted version and slot, whose constants
 *       are the implementation, the version's call tracker and the slot's proxy; used only for
 *       versions that must drain before they stop:
 *       {@code int cell = tracker.enterCell(); if (cell < 0) return proxy.m(args);
 *       try { return impl.m(args); } finally { tracker.exitCell(cell); }}.</li>
 * </ul>
 *
 * <p>Why a class per slot: the JIT folds a call site's target only when the site itself is a
 * constant, and a constant belongs to a class. Hidden classes, so that a slot's proxy class is
 * unloaded with the slot (a runtime closed, its proxies dropped) rather than kept by a loader.
 *
 * <p>The classes live in a small class loader per contract whose parent is the contract's own
 * loader, so they resolve the contract and its parameter types exactly as the host does, and
 * Graft's own classes from Graft's loader. The hidden proxy classes join that loader's package
 * through a lookup on a generated anchor class.
 */
public final class ProxyFactory {

    private static final ClassDesc CD_GROUP = desc(SlotGroup.class);
    private static final ClassDesc CD_TRACKER = desc(CallTracker.class);

    private static final ClassValue<Generated> GENERATED = new ClassValue<>() {
        @Override
        protected Generated computeValue(Class<?> contract) {
            return generate(contract);
        }
    };

    /**
     * What is generated once per contract: a full-privilege lookup in the generated classes'
     * package, and the bytes of the slot proxy and of the counted target, each defined again, as a
     * hidden class, for each slot (proxy) or each counted version (counted target).
     */
    private record Generated(MethodHandles.Lookup anchor, byte[] proxyBytes, byte[] countedBytes) {
    }

    /** The type of a slot's call site: no argument, the live implementation (or an unavailable target). */
    private static final MethodType RECEIVER_TYPE = MethodType.methodType(Object.class);

    private ProxyFactory() {
    }

    /**
     * A proxy for slot {@code index} of {@code group}: every call reaches the receiver {@code site}
     * returns, which {@link SlotGroup} keeps equal to what the slot points at.
     */
    static <T> T proxy(Class<T> contract, SlotGroup group, int index, VolatileCallSite site) {
        Generated generated = GENERATED.get(contract);
        return contract.cast(GeneratedClassLoader.hiddenInstance(generated.anchor, generated.proxyBytes, site.dynamicInvoker(),
                MethodType.methodType(void.class, SlotGroup.class, int.class), group, index));
    }

    /**
     * Wraps an implementation so that its calls are counted by {@code tracker}; refused calls go
     * through {@code proxy} (the slot) again. A hidden class per wrapper, whose constants are the
     * three (its class data), so the JIT inlines the implementation into the wrapper as the slot
     * proxy inlines the wrapper into the caller: no type profile is shared between versions.
     */
    static <T> T counted(Class<T> contract, Object implementation, CallTracker tracker, Object proxy) {
        Generated generated = GENERATED.get(contract);
        return contract.cast(GeneratedClassLoader.hiddenInstance(generated.anchor, generated.countedBytes, List.of(implementation, tracker, proxy),
                MethodType.methodType(void.class)));
    }

    private static Generated generate(Class<?> contract) {
        if (!contract.isInterface() || !Modifier.isPublic(contract.getModifiers())) {
            throw new IllegalArgumentException("expected a public interface, found " + contract);
        }
        List<Method> methods = forwardedMethods(contract);
        ClassDesc contractDesc = desc(contract);
        String base = "dev.graft.generated." + contract.getName().replace('.', '_');
        ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.defaultResolver().orElse(
                        ClassHierarchyResolver.ofClassLoading(GeneratedClassLoader.loaderOf(contract)))));

        ClassDesc proxyDesc = ClassDesc.of(base + "$$SlotProxy");
        // the slot's receiver invoker: the hidden class's class data, loaded as a constant
        DynamicConstantDesc<MethodHandle> receiver = DynamicConstantDesc.ofNamed(
                ConstantDescs.BSM_CLASS_DATA, ConstantDescs.DEFAULT_NAME, CD_MethodHandle);
        MethodTypeDesc receiverType = RECEIVER_TYPE.describeConstable().orElseThrow();
        byte[] proxyBytes = classFile.build(proxyDesc, cb -> {
            header(cb, contractDesc);
            cb.withField("group", CD_GROUP, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
            cb.withField("index", CD_int, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
            cb.withMethodBody(INIT_NAME, MethodTypeDesc.of(CD_void, CD_GROUP, CD_int), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).invokespecial(CD_Object, INIT_NAME, MethodTypeDesc.of(CD_void))
                    .aload(0).aload(1).putfield(proxyDesc, "group", CD_GROUP)
                    .aload(0).iload(2).putfield(proxyDesc, "index", CD_int)
                    .return_());
            for (Method m : methods) {
                MethodTypeDesc type = typeOf(m);
                cb.withMethodBody(m.getName(), type, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, code -> {
                    // no checkcast of the receiver: invokeinterface checks it itself, and the
                    // verifier takes any reference where an interface is expected
                    code.ldc(receiver).invokevirtual(CD_MethodHandle, "invokeExact", receiverType);
                    loadArguments(code, type);
                    code.invokeinterface(contractDesc, m.getName(), type).return_(TypeKind.from(type.returnType()));
                });
            }
            cb.withMethodBody("toString", MethodTypeDesc.of(CD_String), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).getfield(proxyDesc, "group", CD_GROUP)
                    .aload(0).getfield(proxyDesc, "index", CD_int)
                    .invokevirtual(CD_GROUP, "describe", MethodTypeDesc.of(CD_String, CD_int))
                    .areturn());
        });

        ClassDesc countedDesc = ClassDesc.of(base + "$$Counted");
        Counted constants = new Counted(GeneratedClassLoader.classDataAt(contractDesc, 0),
                GeneratedClassLoader.classDataAt(CD_TRACKER, 1), GeneratedClassLoader.classDataAt(contractDesc, 2));
        byte[] countedBytes = classFile.build(countedDesc, cb -> {
            header(cb, contractDesc);
            cb.withMethodBody(INIT_NAME, MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).invokespecial(CD_Object, INIT_NAME, MethodTypeDesc.of(CD_void))
                    .return_());
            for (Method m : methods) {
                MethodTypeDesc type = typeOf(m);
                cb.withMethodBody(m.getName(), type, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                        code -> countedBody(code, constants, contractDesc, m.getName(), type));
            }
        });

        GeneratedClassLoader loader = new GeneratedClassLoader("graft-proxies", contract, ProxyFactory.class);
        return new Generated(loader.anchor(ClassDesc.of(base + "$$Anchor")), proxyBytes, countedBytes);
    }

    /** Where the counted target finds the implementation, the tracker and the slot's proxy. */
    private record Counted(DynamicConstantDesc<Object> impl, DynamicConstantDesc<Object> tracker, DynamicConstantDesc<Object> proxy) {
    }

    private static void countedBody(CodeBuilder code, Counted self, ClassDesc contract, String name, MethodTypeDesc type) {
        TypeKind result = TypeKind.from(type.returnType());
        Label entered = code.newLabel();
        int cell = code.allocateLocal(TypeKind.INT);
        code.ldc(self.tracker())
                .invokevirtual(CD_TRACKER, "enterCell", MethodTypeDesc.of(CD_int))
                .dup().istore(cell)
                .ifge(entered);
        // refused: this version is closed; go through the slot, where its successor answers
        code.ldc(self.proxy());
        loadArguments(code, type);
        code.invokeinterface(contract, name, type).return_(result);

        code.labelBinding(entered);
        Label start = code.newBoundLabel();
        code.ldc(self.impl());
        loadArguments(code, type);
        code.invokeinterface(contract, name, type);
        Label end = code.newBoundLabel();
        int resultSlot = result == TypeKind.VOID ? -1 : code.allocateLocal(result);
        if (resultSlot >= 0) {
            code.storeLocal(result, resultSlot);
        }
        code.ldc(self.tracker()).iload(cell).invokevirtual(CD_TRACKER, "exitCell", MethodTypeDesc.of(CD_void, CD_int));
        if (resultSlot >= 0) {
            code.loadLocal(result, resultSlot);
        }
        code.return_(result);

        Label handler = code.newBoundLabel();
        int thrown = code.allocateLocal(TypeKind.REFERENCE);
        code.astore(thrown)
                .ldc(self.tracker()).iload(cell).invokevirtual(CD_TRACKER, "exitCell", MethodTypeDesc.of(CD_void, CD_int))
                .aload(thrown).athrow();
        code.exceptionCatchAll(start, end, handler);
    }

    private static void header(ClassBuilder cb, ClassDesc contract) {
        cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC)
                .withSuperclass(CD_Object)
                .withInterfaceSymbols(contract);
    }

    private static void loadArguments(CodeBuilder code, MethodTypeDesc type) {
        for (int i = 0; i < type.parameterCount(); i++) {
            code.loadLocal(TypeKind.from(type.parameterType(i)), code.parameterSlot(i));
        }
    }

    /** Every instance method of the contract the proxy must forward: abstract and default, inherited too, once each. */
    public static List<Method> forwardedMethods(Class<?> contract) {
        Map<String, Method> byDescriptor = new LinkedHashMap<>();
        for (Method m : contract.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || isObjectMethod(m)) {
                continue;
            }
            byDescriptor.putIfAbsent(m.getName() + typeOf(m).descriptorString(), m);
        }
        return List.copyOf(byDescriptor.values());
    }

    /** Whether {@code m} is one of Object's public methods (toString, equals, hashCode), which an interface may redeclare. */
    public static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

}
