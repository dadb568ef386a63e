package dev.graft.core.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR's record of a {@link dev.graft.core.event.GraftEvent.Patched}. */
@Name("dev.graft.Patch")
@Label("Function Patched")
@Description("A patchable function got a patch from the host or a plugin")
final class PatchEvent extends PatchChangeEvent {
}
