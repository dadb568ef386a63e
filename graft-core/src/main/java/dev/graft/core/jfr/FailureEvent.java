package dev.graft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR's record of a {@link dev.graft.core.event.GraftEvent.Failed}. */
@Name("dev.graft.Failure")
@Label("Plugin Operation Failed")
@Description("A load, reload, unload or retirement failed; for load, reload and unload the running version still serves")
@Category("Graft")
final class FailureEvent extends jdk.jfr.Event {
    @Label("Operation")
    @Description("load, reload, unload or retire (STEP)")
    String operation;

    @Label("Plugin")
    @Description("Null when the operation failed before the plugin's id was read")
    String plugin;

    @Label("Artifact")
    String artifact;

    @Label("Exception Class")
    String exceptionClass;

    @Label("Message")
    String message;

    @Label("Cause Class")
    @Description("The class of the exception's cause, if it has one")
    String causeClass;
}
