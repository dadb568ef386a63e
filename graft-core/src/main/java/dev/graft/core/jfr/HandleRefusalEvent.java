package dev.graft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR's record of a {@link dev.graft.core.host.HandleException}: a handle a guest or the host could not use. */
@Name("dev.graft.HandleRefused")
@Label("Handle Refused")
@Description("A handle was refused: never issued, released, another plugin's or version's, of another type or kind")
@Category("Graft")
final class HandleRefusalEvent extends jdk.jfr.Event {
    @Label("Reason")
    @Description("UNKNOWN, RELEASED, FOREIGN, WRONG_TYPE or WRONG_KIND")
    String reason;

    @Label("Handle")
    @Description("The handle's value as the guest or host passed it")
    long handle;

    @Label("Message")
    @Description("What was expected and what was found, naming the version that asked")
    String message;
}
