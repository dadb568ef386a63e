package dev.graft.natives;

import dev.graft.core.StateDeclarationException;
import dev.graft.core.state.BlockState;
import dev.graft.core.state.StateLayout;
import dev.graft.core.state.StateShape;
import dev.graft.core.state.StateText;
import java.nio.file.Path;

/**
 * The state a native plugin's descriptor declares (ABI 3): its declaration text, parsed and laid out
 * as the C struct the plugin was compiled with, and checked against the {@code state_size} the
 * plugin's compiler gave. The size is the one thing the host can check of the plugin's struct: a
 * declaration that drifted from the struct (a field added to one and not the other, a type changed)
 * almost always changes it. Bindgen's state header checks each offset at compile time too.
 */
final class StateDeclaration {

    /** Where errors say the declaration lives. */
    static final String WHERE = Descriptor.WHERE + " state";

    private StateDeclaration() {
    }

    /**
     * The version's state, not handed over yet; null when the descriptor declares none.
     *
     * @throws StateDeclarationException for a malformed declaration, a type a block cannot hold, a
     *                                   size that does not match the layout, or one without the other
     */
    static BlockState of(Descriptor descriptor, String pluginId, Path source) {
        String text = descriptor.state();
        long size = descriptor.stateSize();
        if (text == null) {
            if (size != 0) {
                throw new StateDeclarationException(pluginId, source, WHERE, "expected a state declaration with state_size "
                        + size + ", found NULL: give both (GRAFT_PLUGIN_STATE in sdk/c/graft.h), or neither");
            }
            return null;
        }
        StateLayout layout;
        try {
            StateShape shape = StateText.parse(text);
            layout = StateLayout.of(shape);
        } catch (IllegalArgumentException e) {
            throw new StateDeclarationException(pluginId, source, WHERE, e.getMessage());
        }
        if (layout.size() != size) {
            throw new StateDeclarationException(pluginId, source, WHERE, "expected state_size " + layout.size()
                    + " (the C layout of " + layout.shape().fieldsText() + "), found " + size
                    + (size == 0 ? ": a declaration needs the size of its struct" : ""));
        }
        return new BlockState(layout);
    }
}
