package dev.graft.core.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR's record of a {@link dev.graft.core.event.GraftEvent.Restored}. */
@Name("dev.graft.Restore")
@Label("Patch Withdrawn")
@Description("A patch of a patchable function was withdrawn; what was below it runs again")
final class RestoreEvent extends PatchChangeEvent {
}
