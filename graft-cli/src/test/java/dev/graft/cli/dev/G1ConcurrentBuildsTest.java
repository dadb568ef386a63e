package dev.graft.cli.dev;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1 for graft dev's builders: builds of several plugin folders run at once, on threads of their
 * own, and share a builder's probe and graft's jar of SDK files; racing, none of them fails, the
 * probe runs once, and every copy of the SDK is whole. Real threads, released together, repeated.
 */
class G1ConcurrentBuildsTest {

    private static final int THREADS = 8;

    @TempDir
    Path dir;

    @RepeatedTest(5)
    void racingCallersRunAProbeOnceAndAllSeeItsAnswer() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ToolchainProbe<String> probe = new ToolchainProbe<>(() -> {
            runs.incrementAndGet();
            Thread.onSpinWait();
            return Optional.of("gcc");
        });
        for (Optional<String> answer : race(i -> probe.get())) {
            assertEquals(Optional.of("gcc"), answer);
        }
        assertEquals(1, runs.get(), "probe runs");
    }

    /** SdkFiles read from a jar, as from graft-cli.jar: its class and the sdk/c headers packed into one. */
    @RepeatedTest(5)
    void racingCopiesOfTheSdkFromGraftsJarAreAllWhole() throws Exception {
        Path classes = Path.of(SdkFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("graft-cli.jar");
        List<Path> headers;
        try (Stream<Path> files = Files.list(classes.resolve("sdk/c"))) {
            headers = files.sorted().toList();
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : List.of("dev/", "dev/graft/", "dev/graft/cli/", "dev/graft/cli/dev/", "sdk/", "sdk/c/")) {
                out.putNextEntry(new JarEntry(folder)); // folders have entries of their own, as the shaded jar's do
            }
            out.putNextEntry(new JarEntry("dev/graft/cli/dev/SdkFiles.class"));
            out.write(Files.readAllBytes(classes.resolve("dev/graft/cli/dev/SdkFiles.class")));
            for (Path header : headers) {
                out.putNextEntry(new JarEntry("sdk/c/" + header.getFileName()));
                out.write(Files.readAllBytes(header));
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Method copy = loader.loadClass(SdkFiles.class.getName()).getDeclaredMethod("copy", String.class, Path.class);
            copy.setAccessible(true);
            List<Path> targets = race(i -> (Path) copy.invoke(null, "c", dir.resolve("copy-" + i)));
            for (Path target : targets) {
                for (Path header : headers) {
                    assertArrayEquals(Files.readAllBytes(header), Files.readAllBytes(target.resolve(header.getFileName().toString())));
                }
            }
        }
    }

    @FunctionalInterface
    interface Call<T> {
        T call(int thread) throws Exception;
    }

    /** Runs {@code call} on {@link #THREADS} threads released at once; any failure fails the test. */
    private static <T> List<T> race(Call<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            for (int i = 0; i < THREADS; i++) {
                int thread = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call(thread);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
