package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which keys a loader's manifest may hold, and which known key an unknown one is a typo of. */
class ManifestKeysTest {

    private final ManifestKeys jvm = ManifestKeys.of("main", "state", "provider.<a provided contract>");

    @Test
    void coreKeysNamesAndFamiliesAreAllowed() {
        assertTrue(jvm.allows("version"));
        assertTrue(jvm.allows("main"));
        assertTrue(jvm.allows("provider.example.greeter"));
        assertFalse(jvm.allows("provider."), "a family needs its placeholder filled");
        assertFalse(jvm.allows("mainclass"));
    }

    @Test
    void unknownKeySuggestsTheClosestKnownOne() {
        assertEquals("expected one of the keys id, version, provides, requires, depends, imports, patches, main, state or "
                + "provider.<a provided contract>, found unknown key 'verison' (did you mean 'version'?)", jvm.unknown("verison"));
        assertTrue(jvm.unknown("mian").endsWith("found unknown key 'mian' (did you mean 'main'?)"), jvm.unknown("mian"));
        assertTrue(jvm.unknown("requries").endsWith("(did you mean 'requires'?)"), jvm.unknown("requries"));
        assertTrue(jvm.unknown("providr.example.greeter").endsWith("(did you mean 'provider.example.greeter'?)"),
                jvm.unknown("providr.example.greeter"));
    }

    @Test
    void nothingIsSuggestedWhenNothingIsClose() {
        assertTrue(jvm.unknown("banana").endsWith("found unknown key 'banana'"), jvm.unknown("banana"));
        assertEquals(Optional.empty(), ManifestKeys.closest("ab", List.of("id")), "two edits is too far for a short key");
        assertEquals(Optional.of("imports"), ManifestKeys.closest("improts", List.of("imports", "provides")));
    }
}
