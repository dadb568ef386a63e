package dev.graft.bench;

import dev.graft.bench.plugin.CounterV1;
import dev.graft.bench.plugin.CounterV2;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * New versions of the benchmark provider without Graft: each one a class defined again in a class
 * loader of its own, as a JVM plugin reload gives, so the JIT sees a new receiver class each time.
 */
final class FreshVersions {

    private int count;

    /** The next version: alternately {@link CounterV1} and {@link CounterV2}, each time a new class. */
    Counter next() {
        Class<?> provider = count++ % 2 == 0 ? CounterV1.class : CounterV2.class;
        try {
            return (Counter) new OneClassLoader().define(provider).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate a fresh " + provider.getName(), e);
        }
    }

    /** Versions made so far. */
    int count() {
        return count;
    }

    /** Defines one class from the bytes of a class on the benchmarks' class path; the rest from there. */
    private static final class OneClassLoader extends ClassLoader {

        OneClassLoader() {
            super("fresh-version", FreshVersions.class.getClassLoader());
        }

        Class<?> define(Class<?> type) {
            String entry = type.getName().replace('.', '/') + ".class";
            try (InputStream in = getParent().getResourceAsStream(entry)) {
                byte[] bytes = in.readAllBytes();
                return defineClass(type.getName(), bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + entry, e);
            }
        }
    }
}
