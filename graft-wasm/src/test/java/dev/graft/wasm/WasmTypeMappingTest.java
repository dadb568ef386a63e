package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.wasm.fixture.Blobs;
import dev.graft.wasm.fixture.Box;
import dev.graft.wasm.fixture.Greeting;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.fixture.Numbers;
import dev.graft.wasm.fixture.Point;
import dev.graft.wasm.fixture.Shapes;
import dev.graft.wasm.testing.Wat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN.md's cross-language mapping, through real guests: numbers as wasm values, strings and bytes through memory. */
class WasmTypeMappingTest {

    @TempDir
    Path dir;

    private Graft graft(Class<?>... contracts) {
        var builder = Graft.builder();
        for (Class<?> c : contracts) {
            builder.contract(c);
        }
        return builder.build();
    }

    @Test
    void stringsTravelAsUtf8ThroughGuestMemory() {
        Path plugin = Wat.write(dir, "greeting.wasm", Wat.manifest("greeting", "1.0.0", "test.greeting@1.0"),
                Guests.greeting("hello ", 1));
        try (Graft graft = graft(Greeting.class)) {
            graft.load(plugin);
            Greeting greeting = graft.contract(Greeting.class);
            assertEquals("hello world", greeting.greet("world"));
            assertEquals("hello ", greeting.greet(""));
            assertEquals("hello Grüße, 世界 🌍", greeting.greet("Grüße, 世界 🌍"));
            String big = "x".repeat(100_000); // larger than the scratch buffer: a buffer of its own, then a bigger scratch
            assertEquals("hello " + big, greeting.greet(big));
            assertEquals("hello " + big, greeting.greet(big));
            assertEquals("hello again", greeting.greet("again"));
            assertEquals(8, greeting.next(7));
            assertEquals(Integer.MIN_VALUE, greeting.next(Integer.MAX_VALUE));
        }
    }

    @Test
    void numbersBooleansVoidAndStateKeptInTheInstance() {
        Path plugin = Wat.write(dir, "numbers.wasm", Wat.manifest("numbers", "1.0.0", "test.numbers@1.0"), Guests.NUMBERS);
        try (Graft graft = graft(Numbers.class)) {
            graft.load(plugin);
            Numbers numbers = graft.contract(Numbers.class);
            assertEquals(Long.MAX_VALUE, numbers.add(Long.MAX_VALUE - 5, 5));
            assertEquals(-3L, numbers.add(-1, -2));
            assertEquals(1.5 + 0.25 + -3, numbers.mix(1.5, 0.25f, -3));
            assertEquals(-0.75f, numbers.half(-1.5f));
            assertTrue(Float.isNaN(numbers.half(Float.NaN)));
            assertTrue(numbers.even(4));
            assertFalse(numbers.even(-3));
            int before = numbers.bumps();
            numbers.bump();
            numbers.bump();
            assertEquals(before + 2, numbers.bumps(), "one thread's calls reach its home instance");
            assertEquals(42, numbers.answer(), "a default method the guest does not export keeps its Java body");
        }
    }

    @Test
    void byteArraysAndBuffersThroughGuestMemory() {
        Path plugin = Wat.write(dir, "blobs.wasm", Wat.manifest("blobs", "1.0.0", "test.blobs@1.0"), Guests.BLOBS);
        try (Graft graft = graft(Blobs.class)) {
            graft.load(plugin);
            Blobs blobs = graft.contract(Blobs.class);
            byte[] data = new byte[4096];
            new Random(7).nextBytes(data);
            int sum = 0;
            for (byte b : data) {
                sum += b & 0xff;
            }
            assertEquals(sum, blobs.sum(data));
            assertEquals(0, blobs.sum(new byte[0]));
            byte[] reversed = blobs.reverse(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {3, 2, 1}, reversed);
            assertArrayEquals(new byte[0], blobs.reverse(new byte[0]));

            ByteBuffer buffer = ByteBuffer.wrap("..abc..".getBytes(StandardCharsets.US_ASCII), 2, 3);
            ByteBuffer echoed = blobs.echo(buffer);
            assertEquals(2, buffer.position(), "the argument buffer's position does not move");
            assertEquals("abc", StandardCharsets.US_ASCII.decode(echoed).toString());
            ByteBuffer direct = ByteBuffer.allocateDirect(4).put(new byte[] {9, 8, 7, 6}).flip();
            assertEquals(ByteBuffer.wrap(new byte[] {9, 8, 7, 6}), blobs.echo(direct));

            assertEquals("left+right", blobs.join("left+", "right"));
            assertEquals("x".repeat(300) + "y".repeat(300), blobs.join("x".repeat(300), "y".repeat(300)));
        }
    }

    @Test
    void recordsTravelAsCStructsThroughGuestMemory() {
        Path plugin = Wat.write(dir, "shapes.wasm", Wat.manifest("shapes", "1.0.0", "test.shapes@1.0"), Guests.SHAPES);
        try (Graft graft = graft(Shapes.class)) {
            graft.load(plugin);
            Shapes shapes = graft.contract(Shapes.class);
            Box box = new Box(new Point(1, 2), new Point(4, 7), "crate ✓", true, 2.5, Long.MAX_VALUE - 1);
            assertEquals(15, shapes.area(box));
            Box grown = shapes.grow(box, 1);
            assertEquals(new Box(new Point(0, 1), new Point(5, 8), "crate ✓", false, 5.0, Long.MAX_VALUE), grown);
            assertEquals(new Point(2, 3), shapes.middle(new Point(1, 1), new Point(3, 5)));
            for (int i = 0; i < 1000; i++) { // results (struct, then its string) are freed last-in first-out: memory stays put
                assertEquals("", shapes.grow(new Box(new Point(0, 0), new Point(1, 1), "", false, 0, i), 0).label());
            }
            NullPointerException npe = assertThrows(NullPointerException.class,
                    () -> shapes.area(new Box(null, new Point(1, 1), "x", false, 0, 0)));
            assertTrue(npe.getMessage().contains("found null"), npe.getMessage());
            assertEquals(4, shapes.area(new Box(new Point(0, 0), new Point(2, 2), "after", false, 0, 0)));
        }
    }

    @Test
    void interpretedModeGivesTheSameAnswers() {
        Path plugin = Wat.write(dir, "greeting.wasm", Wat.manifest("greeting", "1.0.0", "test.greeting@1.0"),
                Guests.greeting("hello ", 1));
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(WasmSettings.defaults().withMode(ExecutionMode.INTERPRETED))).build()) {
            graft.load(plugin);
            Greeting greeting = graft.contract(Greeting.class);
            assertEquals("hello interpreter", greeting.greet("interpreter"));
            assertEquals(3, greeting.next(2));
        }
    }
}
