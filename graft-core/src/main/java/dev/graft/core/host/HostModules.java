package dev.graft.core.host;

import dev.graft.api.host.Config;
import dev.graft.api.host.Handles;
import dev.graft.api.host.Log;
import dev.graft.core.HostModuleException;
import dev.graft.core.ModuleRef;
import dev.graft.core.PluginManifest;
import dev.graft.core.spi.LinkedHostModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the host offers plugins: the host modules registered (one per name and major version),
 * which plugins each is granted to, and each plugin's configuration. Built once by the runtime's
 * builder, then read-only, so linking needs no lock.
 *
 * <p>{@link #link} is the import check of a plugin version (DESIGN.md, reload step 2): each module
 * the manifest imports must be registered, granted to the plugin, and of a version that satisfies
 * the import (same major, at least the minor); then its factory makes the implementation for this
 * version. Any failure is a {@link HostModuleException} naming plugin and module, and fails the
 * load or reload before anything is published.
 */
public final class HostModules {

    /** How a module got into the runtime, for messages. */
    private record Registration(HostModuleType<?> type, HostModuleFactory<?> factory, String origin) {

        String key() {
            return type.ref().key();
        }

        @Override
        public String toString() {
            return type.name() + "@" + type.version().toShortString() + " (" + type.type().getName() + ", " + origin + ")";
        }
    }

    private final Map<String, Registration> registered; // by name@major
    private final Set<String> grantedToAll; // name@major
    private final Map<String, Set<String>> grantedTo; // plugin id -> name@major
    private final Map<String, Map<String, String>> config; // plugin id -> key/values

    private HostModules(Builder builder) {
        this.registered = Map.copyOf(builder.registered);
        this.grantedToAll = Set.copyOf(builder.grantedToAll);
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        builder.grantedTo.forEach((id, keys) -> grants.put(id, Set.copyOf(keys)));
        this.grantedTo = Map.copyOf(grants);
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        builder.config.forEach((id, values) -> configs.put(id, Map.copyOf(values)));
        this.config = Map.copyOf(configs);
    }

    /** A builder with the three built-in modules registered and granted to every plugin. */
    public static Builder builder() {
        return new Builder();
    }

    /** The built-ins alone, granted to every plugin, and no configuration. */
    public static HostModules defaults() {
        return builder().build();
    }

    /** Whether the host granted this module (name and major) to this plugin. */
    public boolean granted(String pluginId, ModuleRef module) {
        String key = module.key();
        return grantedToAll.contains(key) || grantedTo.getOrDefault(pluginId, Set.of()).contains(key);
    }

    /** The key/values the host configured for a plugin; empty if none. */
    public Map<String, String> config(String pluginId) {
        return config.getOrDefault(pluginId, Map.of());
    }

    /** The registered modules, as {@code name@version}, sorted: for messages. */
    public String describeRegistered() {
        return registered.values().stream().map(r -> r.type().ref().toString()).sorted().collect(Collectors.joining(", "));
    }

    /**
     * Links a plugin version's imports, in the manifest's order.
     *
     * @param source  the artifact, for messages
     * @param label   the version's label, {@code id@version#generation}
     * @param handles the version's handles, for the factories
     * @throws HostModuleException naming plugin and module, if an import is not registered, not
     *                             granted, too old, or its factory fails
     */
    public List<LinkedHostModule> link(PluginManifest manifest, Path source, String label, PluginHandles handles) {
        String id = manifest.id();
        HostModuleContext context = new Context(id, manifest.version().toString(), label, config(id), handles);
        List<LinkedHostModule> linked = new ArrayList<>();
        for (ModuleRef imported : manifest.imports()) {
            Registration registration = registration(imported, id, source);
            linked.add(new LinkedHostModule(registration.type(), make(registration, imported, context, source)));
        }
        return List.copyOf(linked);
    }

    /**
     * Checks a plugin's imports as {@link #link} does (registered, granted, recent enough), without
     * making any module: for an inspection.
     *
     * @throws HostModuleException as {@link #link} does
     */
    public void checkImports(PluginManifest manifest, Path source) {
        manifest.imports().forEach(imported -> registration(imported, manifest.id(), source));
    }

    private Registration registration(ModuleRef imported, String id, Path source) {
        Registration registration = registered.get(imported.key());
        if (registration == null) {
            throw new HostModuleException(id, source, imported, "imports host module " + imported
                    + ", found none registered (registered: " + describeRegistered() + ")");
        }
        if (!granted(id, imported)) {
            throw new HostModuleException(id, source, imported, "imports host module " + imported + ", found it "
                    + "registered but not granted to plugin '" + id + "' (granted to it: " + describeGranted(id) + ")");
        }
        if (!registration.type().ref().satisfies(imported)) {
            throw new HostModuleException(id, source, imported, "imports host module " + imported + ", found "
                    + registration + ", older than the import asks");
        }
        return registration;
    }

    private static Object make(Registration registration, ModuleRef imported, HostModuleContext context, Path source) {
        String id = context.pluginId();
        String what = "host module " + registration.type() + ": expected its factory to make an implementation for "
                + context.versionLabel() + ", found ";
        Object implementation;
        try {
            implementation = registration.factory().create(context);
        } catch (RuntimeException | LinkageError e) {
            throw new HostModuleException(id, source, imported, what + "it threw " + e, e);
        }
        if (!registration.type().type().isInstance(implementation)) {
            throw new HostModuleException(id, source, imported, what + (implementation == null ? "null"
                    : "an instance of " + implementation.getClass().getName() + ", which does not implement it"));
        }
        return implementation;
    }

    private String describeGranted(String pluginId) {
        Set<String> keys = new LinkedHashSet<>(grantedToAll);
        keys.addAll(grantedTo.getOrDefault(pluginId, Set.of()));
        String names = keys.stream().map(k -> Optional.ofNullable(registered.get(k)).map(r -> r.type().ref().toString()).orElse(k))
                .sorted().collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }

    /** What a factory sees of the version it makes a module for. */
    private record Context(String pluginId, String pluginVersion, String versionLabel, Map<String, String> config,
                           PluginHandles handles) implements HostModuleContext {
    }

    /**
     * Collects registrations, grants and configuration; checks each call at once, and at
     * {@link #build} that every grant names a registered module. Not thread-safe.
     */
    public static final class Builder {

        private final Map<String, Registration> registered = new TreeMap<>();
        private final Set<String> grantedToAll = new LinkedHashSet<>();
        private final Map<String, Set<String>> grantedTo = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> config = new LinkedHashMap<>();
        // the class each grant was made with, for messages at build
        private final Map<String, Class<?>> grantedTypes = new LinkedHashMap<>();

        private Builder() {
            register(Log.class, context -> new LogModule(context.pluginId(), context.pluginVersion()), "built in");
            register(Config.class, context -> new ConfigModule(context.config()), "built in");
            register(Handles.class, context -> new HandlesModule(context.handles()), "built in");
            grantToAll(Log.class, Config.class, Handles.class);
        }

        /**
         * Registers a host module.
         *
         * @throws IllegalArgumentException if {@code type} is not a host module interface, or a
         *                                  module of the same name and major is registered already
         */
        /** The name of the runtime's own imports (wasm guests' error message and failure); no module may take it. */
        public static final String RESERVED = "graft.host";

        public <M> Builder register(Class<M> type, HostModuleFactory<? extends M> factory) {
            return register(type, factory, "registered by the host");
        }

        private <M> Builder register(Class<M> type, HostModuleFactory<? extends M> factory, String origin) {
            Registration registration = new Registration(HostModuleType.of(type), requireFactory(factory, type), origin);
            if (registration.type().name().equals(RESERVED)) {
                throw new IllegalArgumentException("expected a host module name other than " + RESERVED
                        + " (the runtime's own imports for wasm guests), found it on " + type.getName());
            }
            Registration before = registered.get(registration.key());
            if (before != null) {
                throw new IllegalArgumentException("expected each host module (name and major version) registered once, found "
                        + registration + " after " + before + "; use shadowHostModule to replace it");
            }
            registered.put(registration.key(), registration);
            return this;
        }

        /**
         * Replaces the registered module of the same name and major with this one.
         *
         * @throws IllegalArgumentException if {@code type} is not a host module interface, or none
         *                                  of its name and major is registered
         */
        public <M> Builder shadow(Class<M> type, HostModuleFactory<? extends M> factory) {
            HostModuleType<M> module = HostModuleType.of(type);
            Registration before = registered.get(module.ref().key());
            if (before == null) {
                throw new IllegalArgumentException("expected a registered host module " + module.name() + " of major "
                        + module.version().major() + " to shadow with " + module + ", found none (registered: "
                        + registered.values().stream().map(r -> r.type().ref().toString()).collect(Collectors.joining(", ")) + ")");
            }
            registered.put(before.key(), new Registration(module, requireFactory(factory, type), "shadowing " + before));
            return this;
        }

        /** Grants modules to one plugin. */
        public Builder grant(String pluginId, Class<?>... modules) {
            Set<String> keys = grantedTo.computeIfAbsent(pluginId, id -> new LinkedHashSet<>());
            for (Class<?> module : modules) {
                keys.add(grantKey(module));
            }
            return this;
        }

        /** Grants modules to every plugin. */
        public Builder grantToAll(Class<?>... modules) {
            for (Class<?> module : modules) {
                grantedToAll.add(grantKey(module));
            }
            return this;
        }

        /**
         * Takes back a grant to every plugin, such as a built-in's; {@link #grant} may then give
         * the module to some plugins only.
         *
         * @throws IllegalArgumentException if the module was not granted to every plugin
         */
        public Builder revokeFromAll(Class<?>... modules) {
            for (Class<?> module : modules) {
                String key = HostModuleType.of(module).ref().key();
                if (!grantedToAll.remove(key)) {
                    throw new IllegalArgumentException("expected host module " + HostModuleType.of(module)
                            + " granted to every plugin, found it is not (granted to all: " + String.join(", ", grantedToAll) + ")");
                }
            }
            return this;
        }

        /** Adds key/values to a plugin's configuration (a key given again takes the new value). */
        public Builder config(String pluginId, Map<String, String> values) {
            Map<String, String> checked = new LinkedHashMap<>();
            values.forEach((key, value) -> {
                if (key == null || value == null) {
                    throw new IllegalArgumentException("expected configuration keys and values for plugin '" + pluginId
                            + "', found " + (key == null ? "a null key" : "a null value for '" + key + "'"));
                }
                checked.put(key, value);
            });
            config.computeIfAbsent(pluginId, id -> new LinkedHashMap<>()).putAll(checked);
            return this;
        }

        /**
         * The registry.
         *
         * @throws IllegalArgumentException if a grant names a module that is not registered
         */
        public HostModules build() {
            for (Map.Entry<String, Class<?>> grant : grantedTypes.entrySet()) {
                if (!registered.containsKey(grant.getKey())) {
                    throw new IllegalArgumentException("expected each granted host module to be registered, found "
                            + HostModuleType.of(grant.getValue()) + " granted but none of its name and major registered "
                            + "(registered: " + registered.values().stream().map(r -> r.type().ref().toString())
                            .collect(Collectors.joining(", ")) + ")");
                }
            }
            return new HostModules(this);
        }

        private String grantKey(Class<?> module) {
            String key = HostModuleType.of(module).ref().key();
            grantedTypes.putIfAbsent(key, module);
            return key;
        }

        private static <F> F requireFactory(F factory, Class<?> type) {
            if (factory == null) {
                throw new IllegalArgumentException("expected a factory for host module " + type.getName() + ", found null");
            }
            return factory;
        }
    }
}
