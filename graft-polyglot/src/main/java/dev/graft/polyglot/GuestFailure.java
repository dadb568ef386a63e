package dev.graft.polyglot;

import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.graalvm.polyglot.PolyglotException;

/**
 * Turns what a guest call threw into a {@link GuestCallException} naming plugin, version and
 * function: the guest's own exception with its stack trace (only the guest's frames), a call the
 * deadline stopped (a {@link GuestTimeoutException}), a host module that threw under the guest.
 */
final class GuestFailure {

    private GuestFailure() {
    }

    /** @param stopped whether the watchdog interrupted this call */
    static GuestCallException of(PolyglotException e, boolean stopped, GuestProgram program, FunctionBinding binding,
                                 GuestContext context) {
        String message;
        if (stopped && (e.isInterrupted() || e.isCancelled())) {
            long waited = context.waitedMillis();
            return new GuestTimeoutException(program.pluginId, program.versionLabel, binding.name(),
                    "expected the call to return within the deadline of " + program.callTimeout.toMillis()
                            + " ms, found it still running" + (waited < 0 ? "" : " (" + waited + " ms of it went waiting"
                            + " for a free context)") + "; interrupted" + where(e), e);
        } else if (e.isCancelled() || e.isInterrupted()) {
            context.markBroken();
            message = "the call was cancelled: " + e.getMessage();
        } else if (e.isHostException()) {
            message = "a host function the guest called threw " + e.asHostException() + stack(e);
        } else if (e.isInternalError()) {
            context.markBroken();
            message = "the " + program.language.displayName() + " engine failed: " + e.getMessage();
        } else if (e.isResourceExhausted()) {
            context.markBroken();
            message = "the guest ran out of a resource: " + e.getMessage() + stack(e);
        } else {
            message = "the guest threw " + e.getMessage() + stack(e);
        }
        return new GuestCallException(program.pluginId, program.versionLabel, binding.name(), message,
                e.isHostException() ? e.asHostException() : e);
    }

    /** The guest's frames, one a line: {@code \n    at <js> greet(greeter.js:4:87-110)}. */
    static String stack(PolyglotException e) {
        String frames = StreamSupport.stream(e.getPolyglotStackTrace().spliterator(), false)
                .filter(PolyglotException.StackFrame::isGuestFrame)
                .map(f -> "\n    at " + f)
                .collect(Collectors.joining());
        return frames.isEmpty() ? "" : "; guest stack:" + frames;
    }

    /** {@code  at <js> next(greeting.js:3:40-70)}: the innermost guest frame, or nothing. */
    static String where(PolyglotException e) {
        return StreamSupport.stream(e.getPolyglotStackTrace().spliterator(), false)
                .filter(PolyglotException.StackFrame::isGuestFrame)
                .findFirst().map(f -> " at " + f).orElse("");
    }
}
