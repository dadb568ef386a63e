package dev.graft.bench;

import dev.graft.bench.plugin.PlainTally;
import dev.graft.bench.plugin.StatefulTally;
import dev.graft.bench.plugin.StatefulTallyV2;
import dev.graft.bench.plugin.TallyState;
import dev.graft.bench.plugin.TallyStateV2;
import dev.graft.core.Graft;
import java.nio.file.Path;

/**
 * A Graft runtime serving the tally plugin of the state benchmarks, in one of three forms: without
 * state, with state of one shape in both versions (a reload maps it field by field all the same: a
 * JVM version's record is its own class), or with state whose shape changes between the versions.
 */
final class TallyRuntime implements AutoCloseable {

    static final String PLUGIN_ID = "tally";

    private final Path dir;
    private final Path first;
    private final Path second;
    private final Graft graft;
    private final Tally tally;
    private boolean secondRunning; // touched by one reloading thread only

    private TallyRuntime(Path dir, Path first, Path second) {
        this.dir = dir;
        this.first = first;
        this.second = second;
        this.graft = Graft.builder().build();
        graft.load(first);
        this.tally = graft.contract(Tally.class);
    }

    static TallyRuntime open(StateForm form) {
        Path dir = BenchFolder.create("graft-bench-state-");
        try {
            return switch (form) {
                case STATELESS -> new TallyRuntime(dir, jar(dir, "1.0.0", PlainTally.class, null),
                        jar(dir, "2.0.0", PlainTally.class, null));
                case SAME_SHAPE -> new TallyRuntime(dir, jar(dir, "1.0.0", StatefulTally.class, TallyState.class),
                        jar(dir, "2.0.0", StatefulTally.class, TallyState.class));
                case SHAPE_CHANGE -> new TallyRuntime(dir, jar(dir, "1.0.0", StatefulTally.class, TallyState.class),
                        jar(dir, "2.0.0", StatefulTallyV2.class, TallyStateV2.class));
            };
        } catch (RuntimeException e) {
            BenchFolder.delete(dir);
            throw e;
        }
    }

    private static Path jar(Path dir, String version, Class<?> provider, Class<?> state) {
        String manifest = """
                id = %s
                version = %s
                provides = bench.tally@1.0
                provider.bench.tally = %s
                """.formatted(PLUGIN_ID, version, provider.getName());
        Path file = dir.resolve(PLUGIN_ID + "-" + version + ".jar");
        return state == null ? PluginJar.write(file, manifest, provider)
                : PluginJar.write(file, manifest + "state = " + state.getName() + "\n", provider, state);
    }

    /** The contract proxy: every call reaches the live version. */
    Tally tally() {
        return tally;
    }

    /** Reloads the plugin with the version that is not running now. */
    void reloadOther() {
        secondRunning = !secondRunning;
        graft.reload(PLUGIN_ID, secondRunning ? second : first);
    }

    @Override
    public void close() {
        try {
            graft.close();
        } finally {
            BenchFolder.delete(dir);
        }
    }
}
