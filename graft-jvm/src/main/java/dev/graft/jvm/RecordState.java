package dev.graft.jvm;

import dev.graft.core.StateMappingException;
import dev.graft.core.spi.PluginState;
import dev.graft.core.state.StateShape;
import java.nio.file.Path;
import java.util.Map;

/**
 * The state of a JVM plugin version, as the core sees it: a state record in a {@link RecordCell},
 * read and installed as value trees ({@link RecordValues}). The old version's record is only read;
 * the new version gets records built afresh through its own record classes, so a reload that fails
 * after mapping leaves the old state exactly as it was (G2).
 *
 * <p>The core calls {@link #install} and {@link #read} on the reloading thread: install before the
 * version starts and is published, read at the old version's quiesce point (no call in it). A
 * version never {@linkplain #share shares} its cell with another: each version's record is its
 * own class, in its own class loader, so the new version always gets a mapped copy.
 */
final class RecordState<S extends Record> implements PluginState {

    private final String pluginId;
    private final Path artifact;
    private final StateShape shape;
    private final RecordCell<S> cell;

    RecordState(String pluginId, Path artifact, StateShape shape, RecordCell<S> cell) {
        this.pluginId = pluginId;
        this.artifact = artifact;
        this.shape = shape;
        this.cell = cell;
    }

    @Override
    public StateShape shape() {
        return shape;
    }

    /** The record's no-argument constructor's value if it declares one, else each field at its default. */
    @Override
    public Map<String, Object> defaults() {
        try {
            return RecordValues.defaults(cell.type(), shape);
        } catch (RecordValues.BuildException e) {
            throw failed(e);
        }
    }

    @Override
    public Map<String, Object> read() {
        S value = cell.peek();
        if (value == null) {
            throw new IllegalStateException("expected the state of plugin '" + pluginId + "' to be handed over before it is read,"
                    + " found none yet");
        }
        return RecordValues.tree(value);
    }

    @Override
    public void install(Map<String, Object> value) {
        try {
            cell.install(RecordValues.record(cell.type(), value));
        } catch (RecordValues.BuildException e) {
            throw failed(e);
        }
    }

    private StateMappingException failed(RecordValues.BuildException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new StateMappingException(pluginId, artifact, e.field().isEmpty() ? null : e.field(),
                "state " + cell.type().getName() + ": " + e.getMessage(), cause);
    }
}
