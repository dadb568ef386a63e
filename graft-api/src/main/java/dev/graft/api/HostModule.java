package dev.graft.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java interface as a host module: a service the host offers to plugins (logging,
 * configuration, the host's own interfaces). Every plugin kind reaches it through this one
 * interface: JVM plugins through {@link PluginContext#hostModule}, native plugins through a table
 * of functions handed to them at init, wasm plugins through imports.
 *
 * <p>A plugin names the host modules it imports in its manifest ({@code imports =
 * graft.log@1.0}); it gets only those, and only if the host granted them. Versions follow the
 * contract rule: same major, at least the minor asked for.
 *
 * <p>Methods use the cross-language types of contracts (DESIGN.md): numbers, {@code boolean},
 * {@code String}, {@code byte[]}; a host object crosses to a native or wasm guest as a
 * {@code long} handle.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HostModule {

    /** Dotted name, for example {@code graft.log}. */
    String name();

    /** Semantic version, {@code MAJOR.MINOR}. */
    String version();
}
