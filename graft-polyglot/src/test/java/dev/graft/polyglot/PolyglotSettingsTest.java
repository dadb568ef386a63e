package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings a polyglot loader refuses, each with what was expected and what was found. */
class PolyglotSettingsTest {

    @Test
    void refusesNoContextsAndDeadlinesThatAreNotPositive() {
        PolyglotSettings defaults = PolyglotSettings.defaults();
        assertEquals("expected at least 1 context per plugin version, found 0",
                assertThrows(IllegalArgumentException.class, () -> defaults.withMaxContexts(0)).getMessage());
        assertEquals("expected a positive call timeout, found PT0S",
                assertThrows(IllegalArgumentException.class, () -> defaults.withCallTimeout(Duration.ZERO)).getMessage());
        assertEquals("expected a positive top-level timeout, found PT-0.001S",
                assertThrows(IllegalArgumentException.class, () -> defaults.withTopLevelTimeout(Duration.ofMillis(-1))).getMessage());
    }

    @Test
    void eachDeadlineIsSetOnItsOwn() {
        PolyglotSettings settings = PolyglotSettings.defaults().withCallTimeout(Duration.ofMillis(50))
                .withTopLevelTimeout(Duration.ofSeconds(20)).withMaxContexts(3);
        assertEquals(new PolyglotSettings(3, Duration.ofMillis(50), Duration.ofSeconds(20)), settings);
    }

    @Test
    void theTwoSettingsOfOldKeepAFiveSecondTopLevel() {
        assertEquals(new PolyglotSettings(2, Duration.ofSeconds(1), Duration.ofSeconds(5)), new PolyglotSettings(2, Duration.ofSeconds(1)));
    }
}
