package dev.graft.polyglot;

import java.lang.constant.ClassDesc;

/**
 * Defines a class graft-polyglot generated for a host's interface (a contract's provider):
 * the interface's own types resolve through the interface's loader, so
 * the generated class sees the same {@code Class} objects the host does; graft-polyglot's, the core's
 * and GraalVM's resolve through graft-polyglot's loader, which the interface's loader may not see.
 */
final class GeneratedClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader graft;

    /**
     * @param name           for diagnostics: what the loader defines
     * @param interfaceType  the host's interface the generated class implements or calls
     */
    GeneratedClassLoader(String name, Class<?> interfaceType) {
        super(name, loaderOf(interfaceType));
        this.graft = GeneratedClassLoader.class.getClassLoader();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("dev.graft.polyglot.") || name.startsWith("dev.graft.core.") || name.startsWith("org.graalvm.")) {
            return graft.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    Class<?> define(ClassDesc desc, byte[] bytes) {
        String name = desc.packageName() + "." + desc.displayName();
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** The loader that defined {@code type}; the platform loader for the JDK's own types. */
    static ClassLoader loaderOf(Class<?> type) {
        return type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getPlatformClassLoader();
    }
}
