package dev.graft.wasm;

import dev.graft.core.ManifestParser;
import dev.graft.core.PluginManifest;
import dev.graft.core.StateDeclarationException;
import dev.graft.core.state.StateDeclarations;
import dev.graft.core.state.StateLayout;
import dev.graft.core.state.StateShape;
import dev.graft.core.state.StateText;
import java.nio.file.Path;

/**
 * A wasm plugin's state declaration, read from its manifest: the fields it keeps across reloads
 * ({@code state}, in {@link StateText}'s syntax) and the size of the C struct its guest was built
 * against ({@code state-size}, what {@code sizeof} gives for the header {@code WasmBindgen.stateHeader}
 * writes). The size is required with a declaration: it is the one number that ties the guest's
 * compiled-in offsets to the declared fields, so a guest built against another layout is refused
 * instead of writing its fields where others live.
 *
 * <pre>
 * state      = greetings: i64; last: char[16]
 * state-size = 24
 * </pre>
 */
final class StateDeclaration {

    static final String STATE = "state";
    static final String STATE_SIZE = "state-size";

    private StateDeclaration() {
    }

    /**
     * The laid-out state the manifest declares, or null when it declares none.
     *
     * @throws StateDeclarationException naming plugin, artifact, the manifest entry, what was expected and what was found
     */
    static StateLayout read(PluginManifest manifest, String manifestText, Path source) {
        String text = manifest.attributes().get(STATE);
        String size = manifest.attributes().get(STATE_SIZE);
        if (text == null) {
            if (size != null) {
                throw refused(manifest, source, manifestText, STATE_SIZE, "expected '" + STATE_SIZE + "' only with a '" + STATE
                        + " = name: type; ...' declaration, found '" + STATE_SIZE + " = " + size + "' and no state declared");
            }
            return null;
        }
        StateShape shape;
        StateLayout layout;
        try {
            shape = StateText.parse(text);
            layout = StateLayout.of(shape);
        } catch (IllegalArgumentException e) {
            throw refused(manifest, source, manifestText, STATE, e.getMessage());
        }
        if (size == null) {
            throw refused(manifest, source, manifestText, STATE, "expected '" + STATE_SIZE + " = " + layout.size()
                    + "' (the size of the C struct of " + shape + ") beside the declaration, found no '" + STATE_SIZE + "'");
        }
        long declared;
        try {
            declared = Long.parseLong(size.strip());
        } catch (NumberFormatException e) {
            throw refused(manifest, source, manifestText, STATE_SIZE, "expected the state struct's size in bytes, a whole number, found '"
                    + size + "'");
        }
        try {
            return StateDeclarations.checkSize(layout, declared);
        } catch (IllegalArgumentException e) {
            throw refused(manifest, source, manifestText, STATE_SIZE, e.getMessage()
                    + ": the guest was built against another layout; regenerate its state header");
        }
    }

    private static StateDeclarationException refused(PluginManifest manifest, Path source, String manifestText, String key,
                                                     String message) {
        int line = ManifestParser.lineOf(manifestText, key);
        return new StateDeclarationException(manifest.id(), source, PluginLimits.where() + (line > 0 ? " line " + line : "")
                + ", entry '" + key + "'", message);
    }
}
