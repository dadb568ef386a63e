package dev.graft.polyglot;

import java.time.Duration;

/**
 * What every plugin a polyglot loader loads runs under.
 *
 * @param maxContexts the most guest contexts one plugin version keeps, hence the most calls into it
 *                    that run at once (more wait for a free context, up to the call deadline)
 * @param callTimeout the per-call deadline: a call still running after it is interrupted
 *                    ({@code Context.interrupt}) and fails with a {@link GuestCallException}
 */
public record PolyglotSettings(int maxContexts, Duration callTimeout) {

    public PolyglotSettings {
        if (maxContexts < 1) {
            throw new IllegalArgumentException("expected at least 1 context per plugin version, found " + maxContexts);
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("expected a positive call timeout, found " + callTimeout);
        }
    }

    /** A context per core (at most that many calls run at once in one version) and a 5-second deadline. */
    public static PolyglotSettings defaults() {
        return new PolyglotSettings(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(5));
    }

    public PolyglotSettings withMaxContexts(int max) {
        return new PolyglotSettings(max, callTimeout);
    }

    public PolyglotSettings withCallTimeout(Duration timeout) {
        return new PolyglotSettings(maxContexts, timeout);
    }
}
