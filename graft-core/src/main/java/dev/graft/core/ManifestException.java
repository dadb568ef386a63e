package dev.graft.core;

import java.nio.file.Path;

/** The manifest is missing or malformed; the message says where (entry and line) and what was expected. */
public class ManifestException extends PluginException {

    private final int line;

    public ManifestException(String pluginId, Path artifact, String where, int line, String message) {
        super(pluginId, artifact, where + (line > 0 ? " line " + line : "") + ": " + message);
        this.line = line;
    }

    /** The 1-based line of the manifest that is wrong, or 0 when the problem is not on one line. */
    public int line() {
        return line;
    }
}
