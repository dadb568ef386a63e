package dev.graft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** JFR's record of a {@link dev.graft.core.event.GraftEvent.Retired}. */
@Name("dev.graft.Retire")
@Label("Plugin Version Retired")
@Description("An old plugin version was stopped and its resources released, once no call could be in flight in it")
@Category("Graft")
final class RetireEvent extends jdk.jfr.Event {
    @Label("Plugin")
    String plugin;

    @Label("Version")
    String version;

    @Label("Version Label")
    @Description("The runtime's unique name of the version: id@version#generation")
    String versionLabel;

    @Label("Drained")
    @Description("From its withdrawal until no call could be in flight in it (calls drained, or the collector's proof); zero if it needed no wait")
    @Timespan
    long drained;
}
