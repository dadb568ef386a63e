package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.Inspection;
import dev.graft.polyglot.fixture.Scripts;
import dev.graft.polyglot.fixture.Shapes;
import dev.graft.polyglot.fixture.Shapes.Point;
import dev.graft.polyglot.fixture.Shapes.Segment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The type mapping (docs/polyglot-plugins.md): numbers, booleans, strings, bytes and records cross
 * into both languages and back; a number too big for the contract's type is refused, not cut; a
 * default method the guest does not define keeps its Java body.
 */
class ScriptTypeMappingTest {

    static final String MANIFEST = "id = shapes\nversion = 1.0.0\nprovides = test.shapes@1.0\n";

    static final String JS = """
            function twice(n) { return n * 2; }
            function half(d) { return d / 2; }
            function third(f) { return f / 3; }
            function negate(b) { return !b; }
            function shortened(s) { return s - 1; }
            function echo(s) { return s + '!'; }
            function backwards(bytes) {
                const out = new Uint8Array(bytes.length);
                for (let i = 0; i < bytes.length; i++) { out[i] = bytes[bytes.length - 1 - i]; }
                return out;
            }
            function moved(p, dx) { return { x: p.x + dx, y: p.y }; }
            function flipped(s) { return { from: s.to, to: s.from, label: s.label + ' flipped' }; }
            function tooBig() { return 2 ** 40; }
            function overridden() { return 'guest'; }
            """;

    static final String PYTHON = """
            def twice(n):
                return n * 2

            def half(d):
                return d / 2

            def third(f):
                return f / 3

            def negate(b):
                return not b

            def shortened(s):
                return s - 1

            def echo(s):
                return s + '!'

            def backwards(b):
                return bytes([b[i] for i in range(len(b) - 1, -1, -1)])

            def moved(p, dx):
                return {'x': p.x + dx, 'y': p.y}

            class Segment:
                def __init__(self, start, end, label):
                    self.__dict__['from'] = start
                    self.to = end
                    self.label = label

            def flipped(s):
                return Segment(s.to, getattr(s, 'from'), s.label + ' flipped')

            def tooBig():
                return 2 ** 40

            def overridden():
                return 'guest'
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"js", "python"})
    void everyMappedTypeCrossesBothWays(String language) throws Exception {
        Path file = Scripts.write(language, dir, "shapes", MANIFEST, language.equals("js") ? JS : PYTHON);
        try (Graft graft = Graft.builder().contract(Shapes.class).build()) {
            graft.load(file);
            Shapes shapes = graft.contract(Shapes.class);
            assertEquals(1L << 41, shapes.twice(1L << 40));
            assertEquals(-1.25, shapes.half(-2.5));
            assertEquals(1.0f, shapes.third(3.0f));
            assertTrue(shapes.negate(false));
            assertFalse(shapes.negate(true));
            assertEquals((short) -32768, shapes.shortened((short) -32767));
            assertEquals("grüße, 世界 ✓!", shapes.echo("grüße, 世界 ✓"));
            assertArrayEquals(new byte[] {3, 2, 1, 0, -1}, shapes.backwards(new byte[] {-1, 0, 1, 2, 3}));
            assertArrayEquals(new byte[0], shapes.backwards(new byte[0]));
            assertEquals(new Point(-5, 7), shapes.moved(new Point(-8, 7), 3), "a record in, an object (JS) or dict (Python) out");
            assertEquals(new Segment(new Point(3, 4), new Point(1, 2), "s ✓ flipped"),
                    shapes.flipped(new Segment(new Point(1, 2), new Point(3, 4), "s ✓")), "nested records both ways");
            GuestCallException tooBig = assertThrows(GuestCallException.class, shapes::tooBig);
            assertTrue(tooBig.getMessage().contains("expected an int (a whole number from -2147483648 to 2147483647), found 1099511627776"),
                    tooBig.getMessage());
            assertEquals("java default", shapes.motto(), "a default method the guest does not define keeps its body");
            assertEquals("guest", shapes.overridden(), "a default method the guest defines is the guest's");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "python"})
    void anInspectionListsTheFunctionsAsTheyLinkWithoutRunningTheScript(String language) throws Exception {
        Path file = Scripts.write(language, dir, "shapes", MANIFEST, (language.equals("js") ? "throw new Error('ran');\n"
                : "raise RuntimeError('ran')\n") + (language.equals("js") ? JS : PYTHON));
        try (Graft graft = Graft.builder().contract(Shapes.class).build()) {
            Inspection inspection = graft.inspect(file);
            assertEquals(language, inspection.kind());
            List<String> functions = inspection.description().functions().get("test.shapes@1.0");
            assertTrue(functions.contains("fn moved(Point, int) -> Point"), functions.toString());
            assertTrue(functions.contains("fn backwards(byte[]) -> byte[]"), functions.toString());
            assertTrue(functions.contains("fn motto() -> String (optional: a default method)"), functions.toString());
            assertEquals("5000", inspection.description().limits().get("call-timeout-ms"));
            assertEquals("5000", inspection.description().limits().get("top-level-timeout-ms"));
        }
    }
}
