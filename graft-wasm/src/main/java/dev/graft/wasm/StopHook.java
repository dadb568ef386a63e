package dev.graft.wasm;

import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.CompiledModule;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.AccessFlags;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.function.Function;

/**
 * Graft's own stop check inside the bytecode Chicory compiles a module to. Chicory's compiled code
 * calls a static {@code checkInterruption()} (its {@code Shaded} class, copied into every compiled
 * module under the module's class name) at every function call and every backward branch, and that
 * method only asks {@code Thread.currentThread().isInterrupted()}. A deadline enforced through
 * {@link Thread#interrupt} must then never let the interrupt land after the call returned, which
 * takes a locked instruction on every call (see {@link Lane}). This class rewrites the method, in
 * the compiled classes Chicory hands its {@link CompileCache}, to read one more static field:
 * <pre>{@code
 * public static volatile Runnable graftStop;
 * public static void checkInterruption() {
 *     if (Thread.currentThread().isInterrupted()) throw new ChicoryInterruptedException("Thread interrupted");
 *     Runnable stop = graftStop;
 *     if (stop != null) stop.run();   // Graft's: throws for the calling thread's call if it is past its deadline
 * }
 * }</pre>
 * The host's own interrupt still stops a guest, as before. The field is null except while the
 * watchdog has a call of this module to stop, so the fast path of a guest loop reads one more
 * field (a plain load on x86 and ARM for a volatile read).
 *
 * <p>A module with functions Chicory left to its interpreter (too large for a JVM method) is not
 * rewritten: those functions check the thread's interrupt only, so its pool keeps the interrupt
 * and the locked handshake. Chicory's cache format (a jar of class files and a properties file)
 * and the names it gives the compiled classes are its own, not API: the tests that run a
 * runaway guest in a cooperative pool fail if a new Chicory version changes them (the guest
 * would run on past its deadline), and a module whose classes do not look as expected stays on
 * the interrupt.
 */
final class StopHook {

    static final String FIELD = "graftStop";
    private static final String CHECK = "checkInterruption";
    private static final String SHADED_SUFFIX = "Shaded";
    /** The field Chicory's compiled machine has when some functions are interpreted. */
    private static final String INTERPRETER_FIELD = "compilerInterpreterMachine";
    private static final ClassDesc CD_RUNNABLE = ClassDesc.of(Runnable.class.getName());
    private static final ClassDesc CD_THREAD = ClassDesc.of(Thread.class.getName());
    private static final ClassDesc CD_INTERRUPTED = ClassDesc.of(ChicoryInterruptedException.class.getName());

    private StopHook() {
    }

    /**
     * The compiled module {@code jar} (Chicory's cache entry) with the stop check rewritten (and
     * its function classes made public, for {@link CompiledFunctions}), or
     * null if it cannot be: some function is interpreted, or no class has the expected check.
     */
    static byte[] rewrite(byte[] jar) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(jar.length + 512);
            boolean rewritten = false;
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar));
                 JarOutputStream to = new JarOutputStream(out)) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                    byte[] bytes = in.readAllBytes();
                    if (entry.getName().endsWith(".class")) {
                        ClassModel model = ClassFile.of().parse(bytes);
                        if (model.fields().stream().anyMatch(f -> f.fieldName().equalsString(INTERPRETER_FIELD))) {
                            return null;
                        }
                        if (model.thisClass().asInternalName().endsWith(SHADED_SUFFIX) && hasCheck(model)) {
                            bytes = hook(model);
                            rewritten = true;
                        } else if (model.thisClass().asInternalName().contains(CompiledFunctions.GROUP)) {
                            bytes = ClassFile.of().transformClass(model, publicClass()); // for CompiledFunctions' handles
                        }
                    }
                    to.putNextEntry(new JarEntry(entry.getName()));
                    to.write(bytes);
                    to.closeEntry();
                }
            }
            return rewritten ? out.toByteArray() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The hook read by the classes {@code machines} (a compiled module's machine factory) makes
     * machines of, or null if they were not rewritten or do not look as expected.
     */
    static VarHandle of(Function<Instance, Machine> machines) {
        Class<?> type = machineClass(machines);
        if (type == null) {
            return null;
        }
        try {
            Class<?> shaded = Class.forName(type.getName() + SHADED_SUFFIX, false, type.getClassLoader());
            return MethodHandles.lookup().findStaticVarHandle(shaded, FIELD, Runnable.class);
        } catch (ClassNotFoundException | NoSuchFieldException | IllegalAccessException e) {
            return null;
        }
    }

    /** The class of the machines a compiled module's factory makes (Chicory's generated {@code ...CompiledMachine}), or null. */
    static Class<?> machineClass(Function<Instance, Machine> machines) {
        if (!(machines instanceof CompiledModule compiled) || !MethodHandleProxies.isWrapperInstance(compiled.machineFactory())) {
            return null;
        }
        return MethodHandleProxies.wrapperInstanceTarget(compiled.machineFactory()).type().returnType();
    }

    private static boolean hasCheck(ClassModel model) {
        return model.methods().stream().anyMatch(m -> m.methodName().equalsString(CHECK)
                && m.methodType().equalsString("()V") && (m.flags().flagsMask() & ClassFile.ACC_STATIC) != 0);
    }

    /** Makes a class public, so that Graft can look up its methods as it reads the hook's field. */
    private static ClassTransform publicClass() {
        return (builder, element) -> {
            if (element instanceof AccessFlags) {
                builder.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
                return;
            }
            builder.with(element);
        };
    }

    private static byte[] hook(ClassModel model) {
        ClassDesc self = model.thisClass().asSymbol();
        ClassTransform keep = publicClass(); // the field is read through a lookup
        ClassTransform transform = (builder, element) -> {
            if (element instanceof MethodModel m && m.methodName().equalsString(CHECK) && m.methodType().equalsString("()V")) {
                return; // replaced below
            }
            keep.accept(builder, element);
        };
        ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                .orElse(ClassHierarchyResolver.ofClassLoading(ChicoryInterruptedException.class.getClassLoader()))));
        return classFile.transformClass(model, transform.andThen(ClassTransform.endHandler(builder -> {
            builder.withField(FIELD, CD_RUNNABLE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC | ClassFile.ACC_VOLATILE);
            builder.withMethodBody(CHECK, MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                Label notInterrupted = code.newLabel();
                Label noStop = code.newLabel();
                code.invokestatic(CD_THREAD, "currentThread", MethodTypeDesc.of(CD_THREAD))
                        .invokevirtual(CD_THREAD, "isInterrupted", MethodTypeDesc.of(CD_boolean))
                        .ifeq(notInterrupted)
                        .new_(CD_INTERRUPTED).dup().ldc("Thread interrupted")
                        .invokespecial(CD_INTERRUPTED, INIT_NAME, MethodTypeDesc.of(CD_void, CD_String))
                        .athrow()
                        .labelBinding(notInterrupted)
                        .getstatic(self, FIELD, CD_RUNNABLE).astore(0)
                        .aload(0).ifnull(noStop)
                        .aload(0).invokeinterface(CD_RUNNABLE, "run", MethodTypeDesc.of(CD_void))
                        .labelBinding(noStop)
                        .return_();
            });
        })));
    }
}
