package dev.graft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** JFR's record of a {@link dev.graft.core.event.GraftEvent.Reloaded}. */
@Name("dev.graft.Reload")
@Label("Plugin Reloaded")
@Description("A new version of a plugin was published in place of the running one")
@Category("Graft")
final class ReloadEvent extends jdk.jfr.Event {
    @Label("Plugin")
    String plugin;

    @Label("From Version")
    String fromVersion;

    @Label("To Version")
    String toVersion;

    @Label("Artifact")
    @Description("The new version's artifact as the host named it")
    String artifact;

    @Label("Prepare")
    @Description("Reading to linking the new version and its re-linked dependents (and starting a version without state)")
    @Timespan
    long prepare;

    @Label("Quiesce")
    @Description("How long callers of a version with state were held at its gate, part of publish (zero if none was)")
    @Timespan
    long quiesce;

    @Label("Publish")
    @Description("Quiesce and state hand-over, start of versions with state, and the swap")
    @Timespan
    long publish;

    @Label("Total")
    @Timespan
    long total;

    @Label("Re-linked")
    @Description("The dependents re-linked with it, in order, separated by commas")
    String relinked;

    @Label("State")
    @Description("What happened to the plugin's state: none, new, shared, dropped, or mapped field by field")
    String state;
}
