package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The one compatibility rule of Graft (DESIGN.md, "Contract"): same major, at least the minor asked
 * for. It decides which provider a proxy reaches, so a wrong order is a wrong answer.
 */
class VersionTest {

    private static Version v(String text) {
        return Version.parse(text);
    }

    @Test
    void providerSatisfiesARequestOfTheSameMajorAndNoNewerMinor() {
        assertTrue(v("1.4").satisfies(v("1.2")));
        assertTrue(v("1.2.0").satisfies(v("1.2")));
        assertFalse(v("1.1.9").satisfies(v("1.2")));
        assertFalse(v("2.0").satisfies(v("1.2")), "another major is another contract");
        assertTrue(ContractRef.parse("example.greeter@1.4").satisfies(ContractRef.parse("example.greeter@1.2")));
        assertFalse(ContractRef.parse("example.other@1.4").satisfies(ContractRef.parse("example.greeter@1.2")));
    }

    @Test
    void preReleaseSortsBeforeItsRelease() {
        assertTrue(v("1.2.0-rc.1").compareTo(v("1.2.0")) < 0);
        assertFalse(v("1.2.0-rc.1").satisfies(v("1.2")));
    }

    @Test
    void numericPreReleaseIdentifiersCompareAsNumbers() {
        // semver 2.0.0, item 11: beta.2 < beta.10
        assertTrue(v("1.0.0-beta.2").compareTo(v("1.0.0-beta.10")) < 0, "beta.2 sorts before beta.10");
    }

    @Test
    void malformedVersionSaysWhatWasFound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v("1.x"));
        assertEquals("expected a semantic version such as 1.2 or 1.2.3, found '1.x'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v("01.2"));
        assertThrows(IllegalArgumentException.class, () -> v(null));
    }
}
