package dev.graft.api;

/**
 * What a plugin version sees of the runtime: who it is, and the contracts it declared it requires.
 *
 * <p>A provider class may take a {@code PluginContext} in its constructor; a {@link Plugin} gets it
 * in {@link Plugin#start}. Proxies returned here always reach the live version of the provider,
 * across reloads of that provider.
 */
public interface PluginContext {

    /** The plugin's id, as its manifest says. */
    String pluginId();

    /** The plugin version's semantic version, as its manifest says. */
    String pluginVersion();

    /**
     * A proxy on the provider of a contract this plugin declared in {@code requires}.
     *
     * @throws IllegalArgumentException if the type is not a contract or the plugin did not declare it
     */
    <T> T contract(Class<T> type);

    /**
     * The host module this plugin declared in {@code imports} and the host granted.
     *
     * @throws IllegalArgumentException if the type is not a host module or the plugin did not import it
     */
    <M> M hostModule(Class<M> type);

    /**
     * This version's state cell, for the state record its manifest names ({@code state = CLASS}).
     * The cell's value survives reloads (docs/state.md): it is handed from the old version to the
     * new one, mapped field by field when the record changed.
     *
     * @throws IllegalArgumentException if the manifest declares no state, or another record than {@code type}
     */
    <S extends Record> StateCell<S> state(Class<S> type);
}
