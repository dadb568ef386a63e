package dev.graft.jvm;

import dev.graft.api.Contract;
import dev.graft.api.Plugin;
import dev.graft.api.PluginContext;
import dev.graft.core.ContractMismatchException;
import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.PluginLinkException;
import dev.graft.core.PluginManifest;
import dev.graft.core.PluginStartException;
import dev.graft.core.slot.ProxyFactory;
import dev.graft.core.spi.Artifact;
import dev.graft.core.patch.PatchableType;
import dev.graft.core.spi.LinkContext;
import dev.graft.core.spi.PatchBody;
import dev.graft.core.spi.PreparedPlugin;
import dev.graft.core.spi.Provision;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One linked JVM plugin version: its class loader, an instance of each provider class, and its
 * optional {@link Plugin} lifecycle object. Reflection is used here, while linking; calls reach
 * the instances through generated proxies, never through reflection.
 */
final class JvmPlugin implements PreparedPlugin {

    private final String label;
    private final PluginContext context;
    private ClassLoader loader;
    private List<Provision> provisions;
    private List<PatchBody> patches;
    private Plugin main;
    private RecordState<?> state;

    private JvmPlugin(String label, PluginContext context, ClassLoader loader, List<Provision> provisions,
                      List<PatchBody> patches, Plugin main, RecordState<?> state) {
        this.label = label;
        this.context = context;
        this.loader = loader;
        this.provisions = provisions;
        this.patches = patches;
        this.main = main;
        this.state = state;
    }

    /**
     * Reads the state declaration (its cell offered to the plugin's context first, so that
     * constructors may take it), loads the provider classes, checks each against its contract, and
     * instantiates them.
     */
    static JvmPlugin link(PluginManifest manifest, Artifact artifact, PluginClassLoader loader, LinkContext link) {
        RecordState<?> state = StateDeclaration.link(manifest, artifact.source(), loader, link);
        Linker linker = new Linker(manifest, artifact.source(), loader, link.pluginContext());
        List<Provision> provisions = new ArrayList<>();
        for (ContractRef provided : manifest.provides()) {
            String className = manifest.attributes().get(JvmPluginLoader.PROVIDER + provided.name());
            Class<?> type = linker.load(className, "provider." + provided.name(), true);
            ContractType<?> contract = linker.contractOf(type, provided);
            linker.checkImplements(type, contract);
            provisions.add(new Provision(contract, linker.instance(type)));
        }
        List<PatchBody> patches = new ArrayList<>();
        for (String function : manifest.patches()) {
            // declared: the core checked every name in patches first
            Class<?> type = linker.patchClass(function, link.patchable(function).orElseThrow(), true);
            patches.add(new PatchBody(function, linker.instance(type)));
        }
        Plugin main = null;
        String mainName = manifest.attributes().get(JvmPluginLoader.MAIN);
        if (mainName != null) {
            Class<?> type = linker.load(mainName, "main", true);
            linker.checkMain(type, mainName);
            main = (Plugin) linker.instance(type);
        }
        return new JvmPlugin(link.versionLabel(), link.pluginContext(), loader, List.copyOf(provisions), List.copyOf(patches), main,
                state);
    }

    /**
     * The link checks of {@link #link} that run none of the plugin's code: each provider class
     * loaded without initialising it, checked to implement its contract (from the host) in full;
     * each patch class of a function the host declared, checked to implement its interface.
     *
     * @return each provided contract's methods, {@code fn greet(String) -> String}
     */
    static Map<String, List<String>> describe(PluginManifest manifest, Artifact artifact, PluginClassLoader loader,
                                              PluginContext context, Function<String, Optional<PatchableType>> patchables) {
        Linker linker = new Linker(manifest, artifact.source(), loader, context);
        Map<String, List<String>> functions = new java.util.LinkedHashMap<>();
        for (ContractRef provided : manifest.provides()) {
            String className = manifest.attributes().get(JvmPluginLoader.PROVIDER + provided.name());
            Class<?> type = linker.load(className, "provider." + provided.name(), false);
            ContractType<?> contract = linker.contractOf(type, provided);
            linker.checkImplements(type, contract);
            functions.put(provided.toString(), ProxyFactory.forwardedMethods(contract.type()).stream()
                    .map(PatchableType::signature).sorted().toList());
        }
        for (String function : manifest.patches()) {
            // a name the host did not declare is the core's to refuse, with every name it declared
            patchables.apply(function).ifPresent(patchable -> linker.patchClass(function, patchable, false));
        }
        String mainName = manifest.attributes().get(JvmPluginLoader.MAIN);
        if (mainName != null) {
            linker.checkMain(linker.load(mainName, "main", false), mainName);
        }
        return functions;
    }

    @Override
    public List<Provision> provisions() {
        return provisions;
    }

    @Override
    public List<PatchBody> patches() {
        return patches;
    }

    /** The manifest's state record, or null: a version without state is neither counted nor quiesced. */
    @Override
    public RecordState<?> state() {
        return state;
    }

    @Override
    public void start() throws Exception {
        if (main != null) {
            withLoader(loader, () -> {
                main.start(context);
                return null;
            });
        }
    }

    @Override
    public void stop() throws Exception {
        if (main != null) {
            withLoader(loader, () -> {
                main.stop();
                return null;
            });
        }
    }

    /** Drops every reference into the plugin, so its class loader is collected once calls in it return. */
    @Override
    public void close() {
        loader = null;
        provisions = List.of();
        patches = List.of();
        main = null;
        state = null;
    }

    /** A plugin whose main class has a stop hook is stopped only once no call is in flight in it. */
    @Override
    public boolean drainBeforeStop() {
        if (main == null) {
            return false;
        }
        try {
            return main.getClass().getMethod("stop").getDeclaringClass() != Plugin.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "JvmPlugin[" + label + "]";
    }

    /** Runs plugin code with the plugin's class loader as context loader: libraries plugins bundle expect it. */
    static <T> T withLoader(ClassLoader loader, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The link steps, each failing with a typed exception naming plugin, artifact and what was found. */
    private record Linker(PluginManifest manifest, Path source, PluginClassLoader loader, PluginContext context,
                          Map<Class<?>, Object> instances) {

        Linker(PluginManifest manifest, Path source, PluginClassLoader loader, PluginContext context) {
            this(manifest, source, loader, context, new HashMap<>());
        }

        /** The class, its static initialiser run only if {@code initialize} (which runs plugin code). */
        Class<?> load(String className, String key, boolean initialize) {
            try {
                return Class.forName(className, initialize, loader);
            } catch (ClassNotFoundException e) {
                throw new PluginLinkException(manifest.id(), source, "expected class " + className + " (named by '" + key
                        + "') in the jar, found no such class", e);
            } catch (LinkageError e) {
                throw new PluginLinkException(manifest.id(), source, "class " + className + " (named by '" + key
                        + "') cannot be linked: " + PluginThrowables.describe(e), e);
            }
        }

        void checkMain(Class<?> type, String mainName) {
            if (!Plugin.class.isAssignableFrom(type)) {
                throw new PluginLinkException(manifest.id(), source, "expected main class " + mainName
                        + " to implement " + Plugin.class.getName() + ", found it does not");
            }
        }

        ContractType<?> contractOf(Class<?> type, ContractRef provided) {
            Optional<Class<?>> found = interfaces(type).stream()
                    .filter(i -> i.isAnnotationPresent(Contract.class) && i.getAnnotation(Contract.class).name().equals(provided.name()))
                    .findFirst();
            if (found.isEmpty()) {
                throw new ContractMismatchException(manifest.id(), source, "expected class " + type.getName()
                        + " to implement contract " + provided + " (an interface annotated @Contract(name = \""
                        + provided.name() + "\")), found it implements " + describe(interfaces(type)));
            }
            Class<?> contractInterface = found.get();
            if (contractInterface.getClassLoader() == loader) {
                throw new ContractMismatchException(manifest.id(), source, "expected contract interface "
                        + contractInterface.getName() + " to come from the host, found it only in the plugin's jar: "
                        + "put the contract on the host's class path");
            }
            ContractType<?> contract;
            try {
                contract = ContractType.of(contractInterface);
            } catch (IllegalArgumentException e) {
                throw new ContractMismatchException(manifest.id(), source, e.getMessage(), e);
            }
            if (contract.version().major() != provided.version().major()) {
                throw new ContractMismatchException(manifest.id(), source, "expected contract " + provided
                        + " as the manifest says, found class " + type.getName() + " implements " + contract
                        + ", another major version");
            }
            return contract;
        }

        /** Every method of the contract has a body in the class: Mun-style message otherwise. */
        void checkImplements(Class<?> type, ContractType<?> contract) {
            if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
                throw new PluginLinkException(manifest.id(), source, "expected a concrete class implementing " + contract
                        + ", found " + (type.isInterface() ? "interface " : "abstract class ") + type.getName());
            }
            for (Method m : contract.type().getMethods()) {
                if (Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Method impl;
                try {
                    impl = type.getMethod(m.getName(), m.getParameterTypes());
                } catch (NoSuchMethodException e) {
                    impl = null;
                }
                if (impl == null || Modifier.isAbstract(impl.getModifiers())) {
                    String found = Arrays.stream(type.getMethods())
                            .filter(x -> x.getName().equals(m.getName()) && !Modifier.isAbstract(x.getModifiers()))
                            .map(PatchableType::signature).collect(Collectors.joining(", "));
                    throw new PluginLinkException(manifest.id(), source, "contract " + contract + ", class " + type.getName()
                            + ": expected " + PatchableType.signature(m) + ", found " + (found.isEmpty() ? "no such method" : found));
                }
            }
        }

        /**
         * The class of a patch implements the patchable function's interface, the host's own, with
         * a body for its method; a Mun-style message otherwise ({@code expected fn discount(double)
         * -> double, found fn discount(int) -> double}), naming the plugin's method by the function.
         */
        /** The class the manifest names for patching {@code function}, loaded ({@link #load}) and checked ({@link #checkPatch}). */
        Class<?> patchClass(String function, PatchableType patchable, boolean initialize) {
            String key = JvmPluginLoader.PATCH + function;
            Class<?> type = load(manifest.attributes().get(key), key, initialize);
            checkPatch(type, patchable);
            return type;
        }

        void checkPatch(Class<?> type, PatchableType patchable) {
            Method method = patchable.method();
            String where = patchable + ", class " + type.getName() + ": ";
            if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
                throw new PluginLinkException(manifest.id(), source, where + "expected a concrete class, found "
                        + (type.isInterface() ? "an interface" : "an abstract class"));
            }
            if (!patchable.type().isAssignableFrom(type)) {
                String found = Arrays.stream(type.getMethods())
                        .filter(m -> m.getName().equals(method.getName()) && !Modifier.isAbstract(m.getModifiers()))
                        .map(m -> PatchableType.signature(patchable.name(), m))
                        .collect(Collectors.joining(", "));
                if (found.isEmpty()) { // no method of that name: say what function the class is, if any
                    found = interfaces(type).stream().map(PatchableType::functionalMethod).flatMap(Optional::stream)
                            .map(m -> PatchableType.signature(patchable.name(), m)
                                    + " implementing " + m.getDeclaringClass().getName() + "." + m.getName())
                            .collect(Collectors.joining(", "));
                    if (!found.isEmpty()) {
                        throw new PluginLinkException(manifest.id(), source, where + "expected " + patchable.signature()
                                + " implementing " + patchable.type().getName() + "." + method.getName() + ", found " + found);
                    }
                }
                String twin = interfaces(type).stream().anyMatch(i -> i.getName().equals(patchable.type().getName()))
                        ? " (it implements a copy of " + patchable.type().getName() + " from the plugin's jar: the interface must come from the host)" : "";
                throw new PluginLinkException(manifest.id(), source, where + "expected " + patchable.signature()
                        + " implementing " + patchable.type().getName() + "." + method.getName() + ", found "
                        + (found.isEmpty() ? "no such method" : found + ", not implementing it") + twin);
            }
        }

        Object instance(Class<?> type) {
            Object existing = instances.get(type);
            if (existing != null) {
                return existing;
            }
            Object created = construct(type);
            instances.put(type, created);
            return created;
        }

        private Object construct(Class<?> type) {
            Constructor<?> constructor;
            Object[] args;
            try {
                constructor = type.getConstructor(PluginContext.class);
                args = new Object[] {context};
            } catch (NoSuchMethodException e) {
                try {
                    constructor = type.getConstructor();
                    args = new Object[0];
                } catch (NoSuchMethodException e2) {
                    throw new PluginLinkException(manifest.id(), source, "expected class " + type.getName()
                            + " to have a public constructor taking a PluginContext or nothing, found "
                            + describeConstructors(type));
                }
            }
            Constructor<?> chosen = constructor;
            Object[] chosenArgs = args;
            try {
                return withLoader(loader, () -> chosen.newInstance(chosenArgs));
            } catch (InvocationTargetException e) {
                throw new PluginStartException(manifest.id(), source, "constructor of " + type.getName()
                        + (e.getCause() instanceof ExceptionInInitializerError ? " failed: " : " threw ")
                        + PluginThrowables.describe(e.getCause()), e.getCause());
            } catch (Exception | LinkageError e) {
                throw new PluginStartException(manifest.id(), source, "cannot construct " + type.getName() + ": " + PluginThrowables.describe(e), e);
            }
        }

        private static String describeConstructors(Class<?> type) {
            String all = Arrays.stream(type.getDeclaredConstructors())
                    .map(c -> (Modifier.isPublic(c.getModifiers()) ? "public " : "non-public ") + "("
                            + Arrays.stream(c.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")")
                    .collect(Collectors.joining(", "));
            return all.isEmpty() ? "none" : all;
        }

        private static Set<Class<?>> interfaces(Class<?> type) {
            Set<Class<?>> out = new LinkedHashSet<>();
            Deque<Class<?>> todo = new ArrayDeque<>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                todo.addAll(List.of(c.getInterfaces()));
            }
            while (!todo.isEmpty()) {
                Class<?> i = todo.pop();
                if (out.add(i)) {
                    todo.addAll(List.of(i.getInterfaces()));
                }
            }
            return out;
        }

        private static String describe(Set<Class<?>> interfaces) {
            return interfaces.isEmpty() ? "no interfaces"
                    : interfaces.stream().map(Class::getName).collect(Collectors.joining(", "));
        }
    }
}
