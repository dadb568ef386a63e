package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.natives.fixture.Adder;
import dev.graft.natives.fixture.Checksum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Libraries that know nothing of Graft, bound by a sidecar file: the system's zlib serves a
 * contract, and is hot-swapped with a Graft plugin of the same id that implements it in C, while
 * callers keep calling; a library named by path is copied, and its copy removed once unloaded.
 */
class SidecarTest {

    private static final String ZLIB = """
            id = checksum
            version = 1.0.0
            provides = test.native.checksum@1.0
            library = libz.so.1
            function.crc32 = crc32(u64, ptr, u32) -> u64
            function.adler32 = adler32(u64, ptr, u32) -> u64
            function.version = zlibVersion() -> cstr
            """;

    @TempDir
    Path dir;

    @Test
    void zlibServesAContract() throws Exception {
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Checksum.class).build()) {
            graft.load(Files.writeString(dir.resolve("zlib" + Sidecar.EXTENSION), ZLIB));
            Checksum checksum = graft.contract(Checksum.class);
            byte[] data = "hello, graft".getBytes();
            assertEquals(crc32(data), checksum.crc32(0, data));
            assertEquals(adler32(data), checksum.adler32(1, data));
            assertTrue(checksum.version().matches("\\d+\\.\\d+.*"), "zlib's version: " + checksum.version());
            assertEquals("native", graft.plugin("checksum").orElseThrow().kind());
        }
    }

    @Test
    void zlibIsHotSwappedWithAGraftPluginUnderLoad() throws Exception {
        Path zlib = Files.writeString(dir.resolve("zlib" + Sidecar.EXTENSION), ZLIB);
        Path plugin = Fixtures.copy("checksum", dir, "checksum.so");
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Checksum.class).build()) {
            graft.load(zlib);
            Checksum checksum = graft.contract(Checksum.class);
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(t);
                callers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        byte[] data = new byte[random.nextInt(200)];
                        random.nextBytes(data);
                        try {
                            long crc = checksum.crc32(0, data);
                            long adler = checksum.adler32(1, data);
                            if (crc != crc32(data) || adler != adler32(data)) {
                                problems.add("wrong checksum " + crc + ", " + adler);
                            }
                        } catch (RuntimeException e) {
                            problems.add("call threw " + e);
                        }
                    }
                }));
            }
            for (int i = 1; i <= 40; i++) {
                graft.reload("checksum", i % 2 == 1 ? plugin : zlib);
                assertEquals(i % 2 == 1 ? "graft-checksum" : zlibVersion(graft), checksum.version());
            }
            stop.set(true);
            for (Thread c : callers) {
                c.join();
            }
            assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(5, problems.size())));
        }
    }

    @Test
    void libraryNamedByPathIsCopiedAndTheCopyRemovedOnceUnloaded() throws Exception {
        String tag = "plain-" + System.nanoTime() + ".so";
        Path sidecar = Fixtures.adderSidecar(dir, tag);
        CountDownLatch retired = new CountDownLatch(1);
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Adder.class).subscribe(e -> {
            if (e instanceof GraftEvent.Retired) {
                retired.countDown();
            }
        }).build()) {
            graft.load(sidecar);
            assertEquals(5, graft.contract(Adder.class).add(2, 3));
            List<String> mapped = Fixtures.mapped(tag);
            assertEquals(1, mapped.size(), "one copy mapped: " + mapped);
            assertFalse(mapped.getFirst().startsWith(dir.toString()), "the copy, not the original: " + mapped);
            Path copy = Path.of(mapped.getFirst());
            graft.unload("adder");
            assertTrue(retired.await(30, TimeUnit.SECONDS));
            assertEquals(List.of(), Fixtures.mapped(tag), "unmapped once unloaded");
            assertFalse(Files.exists(copy), "the copy is deleted once unloaded");
        }
    }

    private static String zlibVersion(Graft graft) {
        return graft.contract(Checksum.class).version();
    }

    private static long crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    private static long adler32(byte[] data) {
        Adler32 adler = new Adler32();
        adler.update(data);
        return adler.getValue();
    }
}
