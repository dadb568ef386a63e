package dev.graft.polyglot;

import java.util.function.Consumer;

/** Loads Python plugins ({@code kind() = "python"}): see {@link PolyglotPluginLoader}. */
public final class PythonPluginLoader extends PolyglotPluginLoader {

    /** The default settings: see {@link PolyglotSettings#defaults()}. */
    public PythonPluginLoader() {
        this(PolyglotSettings.defaults());
    }

    public PythonPluginLoader(PolyglotSettings settings) {
        this(settings, plugin -> { });
    }

    /** For tests: {@code observer} sees every version this loader prepares. */
    PythonPluginLoader(PolyglotSettings settings, Consumer<? super PolyglotPlugin> observer) {
        super(Language.PYTHON, settings, observer);
    }
}
