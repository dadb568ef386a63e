package dev.graft.bench;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Not Graft: shapes a slot proxy could take, measured like {@link JvmDispatchBench} to tell what
 * its figures are made of and what a change to the core's proxy would buy. Compare with
 * {@code JvmDispatchBench.direct} (same harness, same argument). The core took the
 * {@code callSite} shape after these figures (BENCHMARKS.md, "How the call path got here").
 *
 * <ul>
 *   <li>{@code volatileField}: the least a proxy that reads the live version can do, one volatile field;</li>
 *   <li>{@code arrayWithCast}: Graft's first shape, {@code ((Counter) targets[i]).next(n)} on a volatile array;</li>
 *   <li>{@code arrayWithoutCast}: the same without the {@code checkcast} (generated: javac always
 *       casts; {@code invokeinterface} checks its receiver itself);</li>
 *   <li>{@code callSite}: a {@link MutableCallSite} bound to the live implementation; the JIT
 *       folds it and inlines the target, and publishing deoptimises the code that did.</li>
 * </ul>
 *
 * <p>{@code mode}: {@code fresh} (one version), {@code afterReloads} (a new version every 100 ms
 * during warm-up only) or {@code underReload} (a new version every 100 ms throughout). A new
 * version is a new class in a new class loader, as with Graft, without the rest of a reload.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class DispatchShapesBench {

    /** A proxy that can be pointed at a new version. */
    interface Shape {
        Counter proxy();

        void publish(Counter implementation);
    }

    @State(Scope.Benchmark)
    public static class Target {
        @Param({"volatileField", "arrayWithCast", "arrayWithoutCast", "callSite"})
        String shape;
        @Param({"fresh", "afterReloads", "underReload"})
        String mode;

        Counter counter;
        private Shape target;
        private final FreshVersions versions = new FreshVersions();
        private Reloader reloader;

        @Setup(Level.Trial)
        public void setUp() {
            target = switch (shape) {
                case "volatileField" -> new VolatileField();
                case "arrayWithCast" -> new ArrayWithCast();
                case "arrayWithoutCast" -> ArrayWithoutCast.create();
                case "callSite" -> new CallSiteShape();
                default -> throw new IllegalArgumentException("unknown shape " + shape);
            };
            target.publish(versions.next());
            counter = target.proxy();
            if (mode.equals("underReload")) {
                reloader = Reloader.start(() -> target.publish(versions.next()), Duration.ofMillis(100));
            }
        }

        /** For afterReloads: reload during warm-up, stop before the first measured iteration. */
        @Setup(Level.Iteration)
        public void setUpIteration(IterationParams params) {
            boolean warmup = params.getType() == IterationType.WARMUP;
            if (mode.equals("afterReloads") && warmup && reloader == null && versions.count() == 1) {
                reloader = Reloader.start(() -> target.publish(versions.next()), Duration.ofMillis(100));
            } else if (mode.equals("afterReloads") && !warmup && reloader != null) {
                reloader.close();
                reloader = null;
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (reloader != null) {
                reloader.close();
            }
            System.out.println("(" + (versions.count() - 1) + " reloads)");
        }
    }

    @Benchmark
    public int call(Target target, Argument argument) {
        return target.counter.next(argument.next());
    }

    /** One volatile field, typed as the contract. */
    static final class VolatileField implements Shape, Counter {
        private volatile Counter live;

        @Override
        public int next(int n) {
            return live.next(n);
        }

        @Override
        public String label(int n) {
            return live.label(n);
        }

        @Override
        public Counter proxy() {
            return this;
        }

        @Override
        public void publish(Counter implementation) {
            live = implementation;
        }
    }

    /** Graft's shape: a volatile Object[] (one slot here), its element cast to the contract. */
    static final class ArrayWithCast implements Shape, Counter {
        private volatile Object[] targets;

        @Override
        public int next(int n) {
            return ((Counter) targets[0]).next(n);
        }

        @Override
        public String label(int n) {
            return ((Counter) targets[0]).label(n);
        }

        @Override
        public Counter proxy() {
            return this;
        }

        @Override
        public void publish(Counter implementation) {
            targets = new Object[] {implementation};
        }
    }

    /** Graft's shape without the cast: generated, since javac would cast. */
    static final class ArrayWithoutCast implements Shape {
        private static final ClassDesc SELF = ClassDesc.of(DispatchShapesBench.class.getPackageName(), "NoCastProxy");
        private static final ClassDesc CONTRACT = ClassDesc.of(Counter.class.getName());
        private static final ClassDesc OBJECTS = CD_Object.arrayType();

        private final Counter proxy;
        private final VarHandle targets;

        private ArrayWithoutCast(Counter proxy, VarHandle targets) {
            this.proxy = proxy;
            this.targets = targets;
        }

        static ArrayWithoutCast create() {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes(), true);
                Counter proxy = (Counter) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                        .invoke();
                return new ArrayWithoutCast(proxy, lookup.findVarHandle(lookup.lookupClass(), "targets", Object[].class));
            } catch (Throwable e) {
                throw new IllegalStateException("cannot define the proxy without cast", e);
            }
        }

        /** {@code next(n)}: {@code getfield targets; iconst_0; aaload; iload_1; invokeinterface Counter.next}. */
        private static byte[] bytes() {
            MethodTypeDesc next = MethodTypeDesc.of(CD_int, CD_int);
            MethodTypeDesc label = MethodTypeDesc.of(CD_String, CD_int);
            return ClassFile.of().build(SELF, cb -> cb
                    .withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SUPER)
                    .withInterfaceSymbols(CONTRACT)
                    .withField("targets", OBJECTS, ClassFile.ACC_VOLATILE)
                    .withMethodBody(INIT_NAME, MethodTypeDesc.of(CD_void), 0, code -> code
                            .aload(0).invokespecial(CD_Object, INIT_NAME, MethodTypeDesc.of(CD_void)).return_())
                    .withMethodBody("next", next, ClassFile.ACC_PUBLIC, code -> code
                            .aload(0).getfield(SELF, "targets", OBJECTS).iconst_0().aaload().iload(1)
                            .invokeinterface(CONTRACT, "next", next).ireturn())
                    .withMethodBody("label", label, ClassFile.ACC_PUBLIC, code -> code
                            .aload(0).getfield(SELF, "targets", OBJECTS).iconst_0().aaload().iload(1)
                            .invokeinterface(CONTRACT, "label", label).areturn()));
        }

        @Override
        public Counter proxy() {
            return proxy;
        }

        @Override
        public void publish(Counter implementation) {
            targets.setVolatile(proxy, new Object[] {implementation});
        }
    }

    /** A mutable call site bound to the live implementation's {@code next}. */
    static final class CallSiteShape implements Shape, Counter {
        // static final, so the JIT treats the site as a constant and folds its target
        private static final MutableCallSite NEXT = new MutableCallSite(MethodType.methodType(int.class, int.class));
        private static final MethodHandle INVOKE_NEXT = NEXT.dynamicInvoker();

        @Override
        public int next(int n) {
            try {
                return (int) INVOKE_NEXT.invokeExact(n);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String label(int n) {
            throw new UnsupportedOperationException("only next is bound in this sketch");
        }

        @Override
        public Counter proxy() {
            return this;
        }

        @Override
        public void publish(Counter implementation) {
            try {
                NEXT.setTarget(MethodHandles.publicLookup()
                        .findVirtual(implementation.getClass(), "next", MethodType.methodType(int.class, int.class))
                        .bindTo(implementation));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            MutableCallSite.syncAll(new MutableCallSite[] {NEXT}); // every thread sees the new target from now on
        }
    }
}
