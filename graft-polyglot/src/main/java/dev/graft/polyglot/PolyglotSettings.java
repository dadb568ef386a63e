package dev.graft.polyglot;

import java.time.Duration;

/**
 * What every plugin a polyglot loader loads runs under.
 *
 * @param maxContexts     the most guest contexts one plugin version keeps, hence the most calls into
 *                        it that run at once (more wait for a free context, up to the call deadline)
 * @param callTimeout     the per-call deadline: a call still running after it is interrupted
 *                        ({@code Context.interrupt}) and fails with a {@link GuestCallException}
 * @param topLevelTimeout the deadline of the script's top level in each new context (at load, and
 *                        when the pool makes another context for a call): one still running after
 *                        it is interrupted, which refuses the load, or fails the call that needed
 *                        the context. Apart from the call deadline because a first run on a cold
 *                        engine loads what the script imports, which can take seconds, while calls
 *                        are often held to milliseconds
 */
public record PolyglotSettings(int maxContexts, Duration callTimeout, Duration topLevelTimeout) {

    public PolyglotSettings {
        if (maxContexts < 1) {
            throw new IllegalArgumentException("expected at least 1 context per plugin version, found " + maxContexts);
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("expected a positive call timeout, found " + callTimeout);
        }
        if (topLevelTimeout.isNegative() || topLevelTimeout.isZero()) {
            throw new IllegalArgumentException("expected a positive top-level timeout, found " + topLevelTimeout);
        }
    }

    /** Settings with a 5-second top-level deadline: the two settings there were before the top level had one of its own. */
    public PolyglotSettings(int maxContexts, Duration callTimeout) {
        this(maxContexts, callTimeout, Duration.ofSeconds(5));
    }

    /** A context per core (at most that many calls run at once in one version), a 5-second deadline for calls and for top levels. */
    public static PolyglotSettings defaults() {
        return new PolyglotSettings(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    public PolyglotSettings withMaxContexts(int max) {
        return new PolyglotSettings(max, callTimeout, topLevelTimeout);
    }

    /** The call deadline; the top level's stays as it is. */
    public PolyglotSettings withCallTimeout(Duration timeout) {
        return new PolyglotSettings(maxContexts, timeout, topLevelTimeout);
    }

    /** The top level's deadline; the call deadline stays as it is. */
    public PolyglotSettings withTopLevelTimeout(Duration timeout) {
        return new PolyglotSettings(maxContexts, callTimeout, timeout);
    }
}
