package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.examples.greeter.Greeter;
import dev.graft.natives.fixture.Types;
import org.junit.jupiter.api.Test;

/** The signature notation: derived from Java methods, read from descriptors, written in Mun's style. */
class SignatureTest {

    @Test
    void derivedFromContractMethods() throws Exception {
        assertEquals("fn greet(str) -> str", Signature.of(Greeter.class.getMethod("greet", String.class)).toString());
        assertEquals("fn next(i32) -> i32", Signature.of(Greeter.class.getMethod("next", int.class)).toString());
        assertEquals("fn bump(i32)", Signature.of(Types.class.getMethod("bump", int.class)).toString());
        assertEquals("fn twice(Mixed{bool, f64, i32}) -> Mixed{bool, f64, i32}",
                Signature.of(Types.class.getMethod("twice", Types.Mixed.class)).toString());
        assertEquals("fn sumBuffer(bytes) -> i32", Signature.of(Types.class.getMethod("sumBuffer", java.nio.ByteBuffer.class)).toString());
    }

    @Test
    void parsedWhateverTheSpacing() {
        assertEquals("fn scale(f64, f32) -> f64", Signature.parse("fn scale( f64,f32 )->f64").toString());
        assertEquals("fn touch()", Signature.parse("fn touch()").toString());
        assertEquals("fn move(Point{i32, i32}, i32) -> Point{i32, i32}",
                Signature.parse("fn move(Point{i32,i32}, i32) -> Point{ i32 , i32 }").toString());
    }

    @Test
    void malformedSignaturesSayWhereAndWhat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signature.parse("fn greet(string) -> str"));
        assertTrue(e.getMessage().contains("expected a type (i32, i64, f32, f64, bool, str, bytes or string{...}) at column 16"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Signature.parse("greet(str)"));
        assertTrue(e.getMessage().contains("expected 'fn' at column 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Signature.parse("fn greet(str) -> str;"));
        assertTrue(e.getMessage().contains("expected the end of the signature at column 21")
                && e.getMessage().endsWith("found ';'"), e.getMessage());
    }
}
