package dev.graft.polyglot;

import java.time.Duration;
import org.graalvm.polyglot.PolyglotException;

/** A script's top level ran past its deadline ({@code PolyglotSettings.topLevelTimeout}) and was interrupted ({@link Evaluation}); the loader names plugin and file. */
final class TopLevelTimeoutException extends RuntimeException {

    TopLevelTimeoutException(Duration timeout, PolyglotException cause) {
        super("expected the top level to finish within " + timeout.toMillis() + " ms, found it still running; interrupted"
                + GuestFailure.where(cause) + " (a top level that needs longer: raise PolyglotSettings.withTopLevelTimeout)", cause);
    }
}
