package dev.graft.core.host;

import java.util.Map;

/** What a {@link HostModuleFactory} knows of the plugin version it makes a module for. */
public interface HostModuleContext {

    String pluginId();

    String pluginVersion();

    /** Unique in the runtime, {@code id@version#generation}. */
    String versionLabel();

    /** The key/values the host configured for this plugin ({@code GraftBuilder.config}). */
    Map<String, String> config();

    /** The handles of this plugin version: how the module gives native and wasm guests host objects. */
    PluginHandles handles();
}
