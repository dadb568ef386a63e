package dev.graft.bench;

import dev.graft.bench.plugin.CounterV1;
import dev.graft.bench.plugin.CounterV2;
import dev.graft.bench.plugin.DrainedPlugin;
import java.nio.file.Path;
import java.util.Map;

/**
 * Two versions of the benchmark plugin {@value #PLUGIN_ID}, written to a temporary folder: version
 * 1 ({@code next = n + 1}) and version 2 ({@code next = n + 2}), which reloads alternate. When
 * {@code drained}, both versions also name {@link DrainedPlugin} as main class, so the runtime
 * counts their calls.
 */
final class CounterJars implements AutoCloseable {

    static final String PLUGIN_ID = "counter";

    private final Path dir;
    private final Path first;
    private final Path second;

    private CounterJars(Path dir, Path first, Path second) {
        this.dir = dir;
        this.first = first;
        this.second = second;
    }

    /** Writes both jars to a new temporary folder. */
    static CounterJars write(boolean drained) {
        return write(drained, Map.of());
    }

    /** Writes both jars, each with the {@code bundled} entries besides the plugin's own. */
    static CounterJars write(boolean drained, Map<String, byte[]> bundled) {
        Path dir = BenchFolder.create("graft-bench-");
        return new CounterJars(dir,
                jar(dir, "1.0.0", CounterV1.class, drained, bundled),
                jar(dir, "2.0.0", CounterV2.class, drained, bundled));
    }

    private static Path jar(Path dir, String version, Class<?> provider, boolean drained, Map<String, byte[]> bundled) {
        String manifest = """
                id = %s
                version = %s
                provides = bench.counter@1.0
                provider.bench.counter = %s
                """.formatted(PLUGIN_ID, version, provider.getName());
        Path file = dir.resolve(PLUGIN_ID + "-" + version + ".jar");
        return drained
                ? PluginJar.write(file, manifest + "main = " + DrainedPlugin.class.getName() + "\n", bundled, provider, DrainedPlugin.class)
                : PluginJar.write(file, manifest, bundled, provider);
    }

    /** Version 1: what the benchmarks load first. */
    Path first() {
        return first;
    }

    /** Version 2. */
    Path second() {
        return second;
    }

    /** Deletes the jars and their folder. */
    @Override
    public void close() {
        BenchFolder.delete(dir);
    }
}
