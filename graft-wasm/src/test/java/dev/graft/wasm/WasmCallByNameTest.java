package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ArgumentMismatchException;
import dev.graft.core.ContractMismatchException;
import dev.graft.core.Graft;
import dev.graft.core.Inspection;
import dev.graft.wasm.fixture.Blobs;
import dev.graft.wasm.fixture.Box;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.fixture.Point;
import dev.graft.wasm.fixture.Shapes;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wasm plugin inspected ({@link Graft#inspect}: its exports as they link, its limits) and called
 * by name ({@link Graft#invoke}) with records and bytes.
 */
class WasmCallByNameTest {

    @TempDir
    Path dir;

    @Test
    void recordsAndBytesCrossByName() {
        Path shapes = Wat.write(dir, "shapes.wasm", Wat.manifest("shapes", "1.0.0", "test.shapes@1.0"), Guests.SHAPES);
        Path blobs = Wat.write(dir, "blobs.wasm", Wat.manifest("blobs", "1.0.0", "test.blobs@1.0"), Guests.BLOBS);
        try (Graft graft = Graft.builder().contract(Shapes.class).contract(Blobs.class).build()) {
            graft.load(shapes);
            graft.load(blobs);
            assertEquals(new Point(2, 3), graft.invoke("shapes", "test.shapes", "middle", new Point(1, 1), new Point(3, 5)));
            assertEquals(15L, graft.invoke("shapes", "test.shapes", "area",
                    new Box(new Point(1, 2), new Point(4, 7), "crate", true, 2.5, 1)));
            assertArrayEquals(new byte[] {3, 2, 1}, (byte[]) graft.invoke("blobs", "test.blobs", "reverse", (Object) new byte[] {1, 2, 3}));
            ArgumentMismatchException e = assertThrows(ArgumentMismatchException.class,
                    () -> graft.invoke("shapes", "test.shapes", "middle", new Point(1, 1), "x"));
            assertTrue(e.getMessage().endsWith("of middle(Point, Point), found String \"x\""), e.getMessage());
        }
    }

    @Test
    void inspectionShowsTheExportsAsTheyLinkAndRefusesAMismatchAsALoadWould() {
        Path shapes = Wat.write(dir, "shapes.wasm", Wat.manifest("shapes", "1.0.0", "test.shapes@1.0"), Guests.SHAPES);
        try (Graft graft = Graft.builder().contract(Shapes.class).contract(Blobs.class).build()) {
            Inspection inspection = graft.inspect(shapes);
            assertTrue(inspection.loadable(), () -> String.valueOf(inspection.refusal()));
            assertEquals(List.of("fn area(Box) -> i64", "fn grow(Box, i32) -> Box", "fn middle(Point, Point) -> Point"),
                    inspection.description().functions().get("test.shapes@1.0").stream().sorted().toList());
            assertTrue(inspection.description().limits().containsKey("call-timeout-ms"), inspection.description().toString());
            assertTrue(graft.plugins().isEmpty(), "inspecting loads nothing");

            Path lying = Wat.write(dir, "lying.wasm", Wat.manifest("lying", "1.0.0", "test.blobs@1.0"), Guests.SHAPES);
            Inspection refused = graft.inspect(lying);
            assertFalse(refused.loadable());
            ContractMismatchException load = assertThrows(ContractMismatchException.class, () -> graft.load(lying));
            assertInstanceOf(ContractMismatchException.class, refused.refusal());
            assertEquals(load.getMessage(), refused.refusal().getMessage());
        }
    }
}
