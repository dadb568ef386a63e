package dev.graft.natives;

import dev.graft.core.StateDeclarationException;
import dev.graft.core.state.BlockState;
import dev.graft.core.state.StateDeclarations;
import java.nio.file.Path;

/**
 * The state a native plugin's descriptor declares (ABI 3): its declaration text, checked against
 * the {@code state_size} the plugin's compiler gave by {@link StateDeclarations}, as wasm plugins'
 * are. Bindgen's state header checks each offset at compile time too.
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
        try {
            return new BlockState(StateDeclarations.of(text, size));
        } catch (IllegalArgumentException e) {
            throw new StateDeclarationException(pluginId, source, WHERE, e.getMessage()
                    + (size == 0 ? ": a declaration needs the size of its struct (state_size)" : ""));
        }
    }
}
