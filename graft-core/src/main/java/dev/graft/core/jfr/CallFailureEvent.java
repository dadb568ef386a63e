package dev.graft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JFR's record of a call into a plugin that failed in its guest or at its boundary: a wasm call past
 * its deadline (or that found no free instance before it), a trap, a guest's reported failure.
 * Made where the loader makes the exception its caller gets, so only a failed call pays for it.
 */
@Name("dev.graft.CallFailed")
@Label("Call Failed")
@Description("A call into a plugin failed in its guest: a deadline passed, the guest trapped or reported a failure")
@Category("Graft")
final class CallFailureEvent extends jdk.jfr.Event {
    @Label("Plugin")
    String plugin;

    @Label("Version Label")
    @Description("The plugin version the call ran in, such as greeter@1.0.0#3")
    String versionLabel;

    @Label("Function")
    @Description("The guest function the call was in")
    String function;

    @Label("Failure")
    @Description("The exception the caller gets, such as dev.graft.wasm.WasmTimeoutException")
    String failure;

    @Label("Message")
    String message;
}
