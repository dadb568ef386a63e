package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.Collected;
import dev.graft.jvm.fixture.Greeting;
import dev.graft.jvm.fixture.GreetingV1;
import dev.graft.jvm.fixture.GreetingV2;
import java.io.File;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G3: after 200 reloads, the class loaders of the old versions have been collected, the process
 * holds no more open files than before, and Graft's private copies of the jars are gone.
 */
class G3JvmNothingLeaksTest {

    private static final int RELOADS = 200;

    @TempDir
    Path dir;

    @Test
    void oldClassLoadersAreCollectedAndNoFilesStayOpen() throws Exception {
        // names unique to this run, so the copies counted below are this test's own
        String tag = "g3-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path v1 = TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", GreetingV1.class).write(dir, tag + "-v1.jar");
        Path v2 = TestJar.plugin("greeting", "2.0.0").provides("test.greeting@1.2", GreetingV2.class).write(dir, tag + "-v2.jar");
        long openFilesBefore = openFiles();

        List<WeakReference<ClassLoader>> old = new ArrayList<>();
        AtomicInteger retired = new AtomicInteger();
        CountDownLatch allRetired = new CountDownLatch(RELOADS);
        try (Graft graft = Graft.builder().subscribe(e -> {
            if (e instanceof GraftEvent.Retired) {
                retired.incrementAndGet();
                allRetired.countDown();
            }
        }).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            for (int i = 1; i <= RELOADS; i++) {
                old.add(new WeakReference<>(greeting.classLoader()));
                graft.reload("greeting", i % 2 == 1 ? v2 : v1);
            }
            ClassLoader current = greeting.classLoader();
            assertTrue(allRetired.await(30, TimeUnit.SECONDS), "retired " + retired.get() + " of " + RELOADS);

            assertEquals(0, Collected.awaitAll(old), "old class loaders still reachable, of " + old.size());
            assertTrue(current.getName().startsWith("graft:greeting@1.0.0#"), current.getName());
            assertEquals(1, copiesOf(tag + "-v1.jar") + copiesOf(tag + "-v2.jar"), "only the live version's copy is left");
            long openFilesAfter = openFiles();
            assertTrue(openFilesAfter <= openFilesBefore + 2,
                    "open files before " + openFilesBefore + ", after " + openFilesAfter);
        }
        assertEquals(0, copiesOf(tag + "-v1.jar") + copiesOf(tag + "-v2.jar"), "closing the runtime deletes its copies");
    }

    private static long openFiles() throws Exception {
        File fds = new File("/proc/self/fd");
        String[] list = fds.list();
        return list == null ? 0 : list.length;
    }

    /** Graft's copies of a jar in the temp folder (the store names copies "N-file.jar"). */
    private static long copiesOf(String fileName) throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> stores = Files.list(tmp)) {
            return stores.filter(p -> p.getFileName().toString().startsWith("graft-artifacts-"))
                    .mapToLong(store -> {
                        try (Stream<Path> files = Files.list(store)) {
                            return files.filter(f -> f.getFileName().toString().endsWith("-" + fileName)).count();
                        } catch (Exception e) {
                            return 0;
                        }
                    }).sum();
        }
    }
}
