package dev.graft.polyglot;

import java.util.function.Consumer;

/** Loads JavaScript plugins ({@code kind() = "js"}): see {@link PolyglotPluginLoader}. */
public final class JsPluginLoader extends PolyglotPluginLoader {

    /** The default settings: see {@link PolyglotSettings#defaults()}. */
    public JsPluginLoader() {
        this(PolyglotSettings.defaults());
    }

    public JsPluginLoader(PolyglotSettings settings) {
        this(settings, plugin -> { });
    }

    /** For tests: {@code observer} sees every version this loader prepares. */
    JsPluginLoader(PolyglotSettings settings, Consumer<? super PolyglotPlugin> observer) {
        super(Language.JS, settings, observer);
    }
}
