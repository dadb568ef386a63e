package dev.graft.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The size check native and wasm loaders make of a state declaration. */
class StateDeclarationsTest {

    @Test
    void theLayoutIfTheDeclaredSizeIsItsSize() {
        assertEquals(8, StateDeclarations.of("greetings: i64; last: char[5]", 16).offsetOf("last"));
    }

    @Test
    void aDeclaredSizeOtherThanTheLayoutsIsRefusedWithExpectedAndFound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateDeclarations.of("greetings: i64; last: char[5]", 13));
        assertEquals("expected 16 bytes, the size of the C struct of {greetings: i64; last: char[5]} (offsets greetings 0, "
                + "last 8), found 13", e.getMessage());
    }

    @Test
    void aMalformedDeclarationIsRefusedBeforeItsSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateDeclarations.of("greetings i64", 8));
        assertEquals(true, e.getMessage().startsWith("state declaration, column"), e.getMessage());
    }
}
