package dev.graft.jvm;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.classfile.attribute.RuntimeVisibleAnnotationsAttribute;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The class loader of one JVM plugin version: its own jar first (so two plugins may bundle
 * different versions of one library), except for what must be shared with the host so that types
 * agree: the JDK, {@code graft-api}, contract types and host module types. If the jar bundles a
 * class annotated {@code @Contract} or {@code @HostModule}, that class, its super-interfaces and
 * the classes its method signatures name are taken from the host when the host has them. Classes
 * the jar lacks come from the host.
 */
final class PluginClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    // interfaces whose host copy must win: contracts, and host modules (the same objects reach every kind)
    private static final Set<String> SHARED_DESCRIPTORS = Set.of("Ldev/graft/api/Contract;", "Ldev/graft/api/HostModule;");
    // A class annotated with one of them holds its descriptor as text in its constant pool (ASCII
    // is the same in modified UTF-8), so a class without these bytes need not be parsed: a jar
    // bundling a library (a Kotlin plugin's standard library, 1100 classes) parses a handful.
    private static final String API_DESCRIPTOR_PREFIX = "Ldev/graft/api/";
    private static final Set<String> JDK_PACKAGES = ModuleLayer.boot().modules().stream()
            .flatMap(m -> m.getPackages().stream()).collect(Collectors.toUnmodifiableSet());

    private final JarContents jar;
    private final Set<String> hostFirstClasses;

    PluginClassLoader(String name, JarContents jar, ClassLoader host) {
        super(name, host);
        this.jar = jar;
        this.hostFirstClasses = contractTypes(jar);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && hostFirst(name)) {
                try {
                    c = getParent().loadClass(name);
                } catch (ClassNotFoundException e) {
                    // the host lacks it: the plugin's own copy, if any, below
                }
            }
            if (c == null) {
                c = defineOwn(name);
            }
            if (c == null) {
                c = getParent().loadClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = defineOwn(name);
        if (c == null) {
            throw new ClassNotFoundException(name + " (not in the jar of " + getName() + ")");
        }
        return c;
    }

    private Class<?> defineOwn(String name) {
        byte[] bytes = jar.entry(name.replace('.', '/') + ".class");
        return bytes == null ? null : defineClass(name, bytes, 0, bytes.length);
    }

    private boolean hostFirst(String className) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        return JDK_PACKAGES.contains(pkg) || pkg.equals("dev.graft.api") || hostFirstClasses.contains(className);
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    protected URL findResource(String name) {
        byte[] bytes = jar.entry(name);
        if (bytes == null) {
            return null;
        }
        try {
            return URL.of(URI.create("graft-plugin:/" + getName().replaceAll("[^A-Za-z0-9@._#-]", "_") + "/" + name),
                    new BytesHandler(bytes));
        } catch (MalformedURLException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        byte[] bytes = jar.entry(name);
        return bytes != null ? new ByteArrayInputStream(bytes) : getParent().getResourceAsStream(name);
    }

    /** The jar's classes annotated {@code @Contract} or {@code @HostModule}, their super-interfaces, and the classes their methods name. */
    private static Set<String> contractTypes(JarContents jar) {
        Set<String> types = new HashSet<>();
        for (String entry : jar.names()) {
            if (!entry.endsWith(".class") || entry.endsWith("module-info.class")) {
                continue;
            }
            byte[] bytes = jar.entry(entry);
            if (!new String(bytes, StandardCharsets.ISO_8859_1).contains(API_DESCRIPTOR_PREFIX)) {
                continue;
            }
            try {
                ClassModel model = ClassFile.of().parse(bytes);
                boolean shared = model.findAttribute(Attributes.runtimeVisibleAnnotations())
                        .map(RuntimeVisibleAnnotationsAttribute::annotations).orElse(List.of()).stream()
                        .anyMatch(a -> SHARED_DESCRIPTORS.contains(a.className().stringValue()));
                if (!shared) {
                    continue;
                }
                types.add(binaryName(model.thisClass().asSymbol()));
                model.interfaces().forEach(i -> types.add(binaryName(i.asSymbol())));
                for (MethodModel method : model.methods()) {
                    MethodTypeDesc type = method.methodTypeSymbol();
                    addClass(types, type.returnType());
                    type.parameterList().forEach(p -> addClass(types, p));
                }
            } catch (IllegalArgumentException e) {
                // not a valid class file: defining it later reports the error where it matters
            }
        }
        return types;
    }

    private static void addClass(Set<String> types, ClassDesc desc) {
        while (desc.isArray()) {
            desc = desc.componentType();
        }
        if (desc.isClassOrInterface()) {
            types.add(binaryName(desc));
        }
    }

    private static String binaryName(ClassDesc desc) {
        String pkg = desc.packageName();
        return pkg.isEmpty() ? desc.displayName() : pkg + "." + desc.displayName();
    }

    /** Serves a jar entry held in memory. */
    private static final class BytesHandler extends URLStreamHandler {
        private final byte[] bytes;

        BytesHandler(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(bytes);
                }

                @Override
                public long getContentLengthLong() {
                    return bytes.length;
                }
            };
        }
    }

    @Override
    public String toString() {
        return "PluginClassLoader[" + getName() + "]";
    }
}
