package dev.graft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR's record of a {@link dev.graft.core.event.GraftEvent.Unloaded}. */
@Name("dev.graft.Unload")
@Label("Plugin Unloaded")
@Description("A plugin was unloaded: its slots answer ProviderUnavailableException until it is loaded again")
@Category("Graft")
final class UnloadEvent extends jdk.jfr.Event {
    @Label("Plugin")
    String plugin;

    @Label("Version")
    @Description("The version taken out")
    String version;
}
