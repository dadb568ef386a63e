package dev.graft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;

/** What JFR records of a patch given or withdrawn: the fields {@link PatchEvent} and {@link RestoreEvent} share. */
@Category("Graft")
abstract class PatchChangeEvent extends jdk.jfr.Event {
    @Label("Function")
    @Description("The patchable function's name")
    String function;

    @Label("Plugin")
    @Description("The plugin that supplied the patch; empty for the host's own patch")
    String plugin;

    @Label("Version Label")
    String versionLabel;

    @Label("Live")
    @Description("Whose body runs now: the default, the host, or a plugin")
    String live;
}
