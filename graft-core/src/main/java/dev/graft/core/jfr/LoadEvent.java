package dev.graft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** JFR's record of a {@link dev.graft.core.event.GraftEvent.Loaded}. */
@Name("dev.graft.Load")
@Label("Plugin Loaded")
@Description("A plugin version was loaded and published")
@Category("Graft")
final class LoadEvent extends jdk.jfr.Event {
    @Label("Plugin")
    String plugin;

    @Label("Version")
    String version;

    @Label("Kind")
    @Description("The loader's kind: jvm, native, wasm")
    String kind;

    @Label("Artifact")
    @Description("The artifact as the host named it, not Graft's copy")
    String artifact;

    @Label("Took")
    @Description("From reading the artifact to publishing the version")
    @Timespan
    long took;
}
