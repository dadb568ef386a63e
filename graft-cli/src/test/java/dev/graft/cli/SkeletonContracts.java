package dev.graft.cli;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The small contracts graft new's tests write skeletons for, compiled in the test (with
 * {@code -parameters}) and loaded through a class loader of their own: {@code test.calc@1.2} has
 * ints, a long, a double, a boolean, a String and a byte[]; {@code test.shapes@1.0} a record.
 */
record SkeletonContracts(Path classes, Class<?> calc, Class<?> shapes) {

    static final String CALC = """
            package test.skeleton;

            @dev.graft.api.Contract(name = "test.calc", version = "1.2")
            public interface Calc {
                int add(int a, int b);
                long scale(long x);
                double half(double x);
                boolean even(int n);
                String name(String who);
                byte[] echo(byte[] data);
            }
            """;

    static final String SHAPES = """
            package test.skeleton;

            @dev.graft.api.Contract(name = "test.shapes", version = "1.0")
            public interface Shapes {
                Pair pair(int n);
            }
            """;

    static final String PAIR = """
            package test.skeleton;

            public record Pair(int left, int right) {
            }
            """;

    static SkeletonContracts compile(Path dir) throws IOException, ClassNotFoundException {
        return compile(dir, CALC);
    }

    /** As {@link #compile(Path)}, with {@code calc} as the source of test.calc (a changed contract). */
    static SkeletonContracts compile(Path dir, String calc) throws IOException, ClassNotFoundException {
        Path classes = Javac.compile(dir, Map.of("Calc", calc, "Shapes", SHAPES, "Pair", PAIR));
        // never closed: the test's Graft instances hold the contract classes until the JVM ends
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, SkeletonContracts.class.getClassLoader());
        return new SkeletonContracts(classes, loader.loadClass("test.skeleton.Calc"), loader.loadClass("test.skeleton.Shapes"));
    }

    List<Class<?>> both() {
        return List.of(calc, shapes);
    }
}
