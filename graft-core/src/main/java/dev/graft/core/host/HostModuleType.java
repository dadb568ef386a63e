package dev.graft.core.host;

import dev.graft.api.HostModule;
import dev.graft.core.ModuleRef;
import dev.graft.core.Version;
import java.lang.reflect.Modifier;

/**
 * A host module as the runtime knows it: a public Java interface annotated {@link HostModule},
 * the one source of truth for its name, version and functions, whatever the plugin's kind.
 */
public record HostModuleType<M>(Class<M> type, String name, Version version) {

    /**
     * Reads a host module interface.
     *
     * @throws IllegalArgumentException if the type is not a public interface annotated {@code @HostModule}
     *                                  with a dotted name and a semantic version
     */
    public static <M> HostModuleType<M> of(Class<M> type) {
        HostModule annotation = type.getAnnotation(HostModule.class);
        if (!type.isInterface() || annotation == null || !Modifier.isPublic(type.getModifiers())) {
            String found = (type.isInterface() ? "interface " : "class ") + type.getName()
                    + (annotation == null ? " without it" : !type.isInterface() ? " (not an interface)" : " that is not public");
            throw new IllegalArgumentException("expected a public interface annotated @" + HostModule.class.getName()
                    + ", found " + found);
        }
        try {
            ModuleRef ref = new ModuleRef(annotation.name(), Version.parse(annotation.version()));
            return new HostModuleType<>(type, ref.name(), ref.version());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("host module interface " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Name and version, as a manifest would import it. */
    public ModuleRef ref() {
        return new ModuleRef(name, version);
    }

    @Override
    public String toString() {
        return name + "@" + version.toShortString() + " (" + type.getName() + ")";
    }
}
