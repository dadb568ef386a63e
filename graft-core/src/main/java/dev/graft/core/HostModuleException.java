package dev.graft.core;

import java.nio.file.Path;

/**
 * A host module a plugin imports cannot be linked: none is registered under its name and major
 * version, the host did not grant it to this plugin, the registered one is older than the import
 * asks, or its factory failed for this version. The load or reload fails; the running version,
 * if any, keeps serving (G2).
 */
public class HostModuleException extends PluginException {

    private final ModuleRef module;

    public HostModuleException(String pluginId, Path artifact, ModuleRef module, String message) {
        this(pluginId, artifact, module, message, null);
    }

    public HostModuleException(String pluginId, Path artifact, ModuleRef module, String message, Throwable cause) {
        super(pluginId, artifact, message, cause);
        this.module = module;
    }

    /** The import that could not be linked, as the manifest wrote it. */
    public ModuleRef module() {
        return module;
    }
}
