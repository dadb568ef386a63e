package dev.graft.jvm;

import dev.graft.core.PluginManifest;
import dev.graft.core.StateDeclarationException;
import dev.graft.core.spi.LinkContext;
import dev.graft.core.state.RecordShapes;
import dev.graft.core.state.StateShape;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The manifest's {@code state = RECORD_CLASS}: the record a JVM plugin keeps across reloads (G4).
 * The class is loaded in the plugin version's class loader and its shape read from its components;
 * anything else than a record of supported component types is a {@link StateDeclarationException}
 * naming what was expected and what was found (G5).
 */
final class StateDeclaration {

    static final String KEY = "state";
    static final String WHERE = JarContents.MANIFEST + " '" + KEY + "'";

    private static final Pattern CLASS_NAME = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private StateDeclaration() {
    }

    /** While the manifest is read: the value names a class, so a typo fails before anything is loaded. */
    static void check(PluginManifest manifest, Path source, int line) {
        String className = manifest.attributes().get(KEY);
        if (className != null && !CLASS_NAME.matcher(className).matches()) {
            throw new StateDeclarationException(manifest.id(), source, JarContents.MANIFEST + " line " + line,
                    "expected 'state = <the fully qualified name of a record class>', found "
                            + (className.isEmpty() ? "an empty value" : "'" + className + "'"));
        }
    }

    /**
     * The version's state, or null when the manifest declares none. Offers its cell to the plugin's
     * context ({@code PluginContext.state}), so call this before constructing the plugin's classes.
     */
    static RecordState<?> link(PluginManifest manifest, Path source, ClassLoader loader, LinkContext link) {
        String className = manifest.attributes().get(KEY);
        if (className == null) {
            return null;
        }
        Class<?> type = load(manifest, source, loader, className);
        StateShape shape;
        try {
            shape = RecordShapes.of(type);
        } catch (IllegalArgumentException e) {
            throw new StateDeclarationException(manifest.id(), source, WHERE, e.getMessage());
        } catch (LinkageError | TypeNotPresentException e) {
            throw new StateDeclarationException(manifest.id(), source, WHERE, "expected the components of state record "
                    + className + " to be linkable, found " + PluginThrowables.describe(e));
        }
        return state(manifest, source, type.asSubclass(Record.class), shape, link);
    }

    private static <S extends Record> RecordState<S> state(PluginManifest manifest, Path source, Class<S> type, StateShape shape,
                                                          LinkContext link) {
        RecordCell<S> cell = new RecordCell<>(type, link.versionLabel());
        link.stateCell(cell);
        return new RecordState<>(manifest.id(), source, shape, cell);
    }

    private static Class<?> load(PluginManifest manifest, Path source, ClassLoader loader, String className) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new StateDeclarationException(manifest.id(), source, WHERE, "expected a record class " + className
                    + " in the jar, found no such class");
        } catch (LinkageError e) {
            throw new StateDeclarationException(manifest.id(), source, WHERE, "expected a record class " + className
                    + " that can be linked, found " + PluginThrowables.describe(e));
        }
    }
}
