package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ArgumentMismatchException;
import dev.graft.core.Graft;
import dev.graft.core.UnknownNameException;
import dev.graft.natives.fixture.Types;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls by name ({@link Graft#invoke}) reach a native plugin with every type its contract carries,
 * and refuse bad names and arguments before any native code runs.
 */
class NativeCallByNameTest {

    @TempDir
    static Path dir;

    static Graft graft;

    @BeforeAll
    static void load() {
        graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Types.class).build();
        graft.load(Fixtures.copy("types", dir, "types.so"));
    }

    @AfterAll
    static void close() {
        graft.close();
    }

    private static Object invoke(String method, Object... args) {
        return graft.invoke("types", "test.native.types", method, args);
    }

    @Test
    void numbersStringsBytesAndRecordsCrossByName() {
        assertEquals(42, invoke("add", 40, 2));
        assertEquals(12L, invoke("multiply", 3L, 4L));
        assertEquals(3.0, invoke("scale", 1.5, 2f));
        assertEquals(true, invoke("even", 4));
        assertEquals("[x]", invoke("bracket", "x"));
        assertArrayEquals(new byte[] {3, 2, 1}, (byte[]) invoke("reversed", (Object) new byte[] {1, 2, 3}));
        assertEquals(new Types.Point(11, 22), invoke("move", new Types.Point(1, 2), 10, 20));
    }

    @Test
    void aFailureOfTheGuestComesAsTheProxyWouldThrowIt() {
        NativeCallException e = assertThrows(NativeCallException.class, () -> invoke("fail", 7));
        assertTrue(e.getMessage().contains("asked to fail with 7"), e.getMessage());
    }

    @Test
    void badNamesAndArgumentsAreRefusedBeforeTheGuestRuns() {
        UnknownNameException name = assertThrows(UnknownNameException.class, () -> invoke("reverse", (Object) new byte[0]));
        assertTrue(name.getMessage().endsWith("found 'reverse': did you mean `reversed`?"), name.getMessage());
        ArgumentMismatchException type = assertThrows(ArgumentMismatchException.class,
                () -> invoke("move", new Types.Mixed(true, 1, 2), 1, 2));
        assertTrue(type.getMessage().matches("plugin 'types' \\(types.so\\): expected Point for parameter 1 '\\w+' of "
                + "move\\(Point, int, int\\), found Mixed Mixed\\[flag=true, value=1.0, count=2\\]"), type.getMessage());
    }
}
