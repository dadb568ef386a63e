package dev.graft.jvm;

import dev.graft.jvm.fixture.StateCounter;
import java.nio.file.Path;

/** Plugin jars with state for the G2, G4 and G5 state tests. */
final class StateJars {

    static final String COUNTER = "counter";

    private StateJars() {
    }

    /** The plugin {@code counter} at {@code version}: a {@link StateCounter} provider keeping {@code state}. */
    static TestJar counter(String version, Class<? extends StateCounter<?>> provider, Class<? extends Record> state) {
        return TestJar.plugin(COUNTER, version).provides("test.counter@1.0", provider).classes(StateCounter.class).state(state);
    }

    /** A plugin {@code id} that provides nothing and keeps {@code state}: its first value is the record's defaults. */
    static Path stateOnly(Path dir, String id, String version, Class<? extends Record> state) {
        return TestJar.plugin(id, version).state(state).write(dir, id + "-" + state.getSimpleName() + ".jar");
    }
}
