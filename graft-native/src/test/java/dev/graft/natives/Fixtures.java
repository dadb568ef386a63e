package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.examples.greeter.Greeter;
import dev.graft.examples.host.HostCounters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared libraries the build made from src/test/c and the example greeter's sources in
 * examples/greeter-native (see src/build/build-fixtures.sh).
 */
final class Fixtures {

    private Fixtures() {
    }

    static Path folder() {
        String dir = System.getProperty("graft.native.fixtures");
        if (dir == null) {
            throw new IllegalStateException("expected the system property graft.native.fixtures (set by the Maven build), found none");
        }
        return Path.of(dir);
    }

    /** A fixture library, copied to {@code dir} as {@code name} (the artifact name a test wants to see in messages). */
    static Path copy(String fixture, Path dir, String name) {
        Path library = folder().resolve(fixture + ".so");
        assertTrue(Files.isRegularFile(library), "expected the fixture " + library + " built by the Maven build, found none");
        try {
            return Files.copy(library, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A sidecar {@code adder.graft-native} in {@code dir} binding {@code test.native.adder} to the
     * fixture library no_descriptor (a library that knows nothing of Graft), copied beside it as
     * {@code library} and named by path.
     */
    static Path adderSidecar(Path dir, String library) {
        copy("no_descriptor", dir, library);
        try {
            return Files.writeString(dir.resolve("adder" + Sidecar.EXTENSION), """
                    id = adder
                    version = 1.0.0
                    provides = test.native.adder@1.0
                    library = ./%s
                    function.add = add(i32, i32) -> i32
                    """.formatted(library));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A runtime builder for the example greeters: their contract, and the example host modules
     * they import ({@code example.tally}, over the example host's counters) granted to them.
     */
    static GraftBuilder greeterHost() {
        return new HostCounters().offer(Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Greeter.class), "greeter");
    }

    /**
     * Builds a plugin from a C source in {@code dir} (beside the headers a test wrote there) with gcc, every
     * warning an error, then {@code libraries} ({@code -lm}); fails the test with gcc's output if it refuses.
     */
    static Path gccPlugin(Path source, String... libraries) throws IOException, InterruptedException {
        Path dir = source.getParent();
        Path library = dir.resolve(source.getFileName().toString().replace(".c", ".so"));
        List<String> command = new ArrayList<>(List.of("gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared",
                "-fvisibility=hidden", "-I", Path.of("..", "sdk", "c").toAbsolutePath().normalize().toString(),
                "-I", dir.toString(), "-o", library.toString(), source.toString()));
        command.addAll(List.of(libraries));
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes());
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS), "gcc finished");
        assertEquals(0, gcc.exitValue(), "gcc builds " + source.getFileName() + ":\n" + output);
        return library;
    }

    /** Whether cargo runs ({@code cargo --version}): then the build made the Rust greeter, and tests that need it run. */
    static boolean cargoRuns() {
        try {
            Process p = new ProcessBuilder("cargo", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips the test when cargo is absent; fails it when cargo is there but the Rust greeter was not built. */
    static Path rustGreeter(String version, Path dir, String name) {
        Assumptions.assumeTrue(cargoRuns(), "cargo --version fails: the Rust greeter was not built");
        return copy("rust_greeter_" + version, dir, name);
    }

    /** The distinct files mapped into this process whose path contains {@code fragment}. */
    static List<String> mapped(String fragment) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.map(l -> l.split("\\s+", 6)).filter(f -> f.length == 6 && f[5].contains(fragment))
                    .map(f -> f[5]).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Graft's copies in the temp folder whose name ends with {@code -name} (the store names copies "N-name"). */
    static long copiesOf(String name) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> stores = Files.list(tmp)) {
            return stores.filter(p -> p.getFileName().toString().startsWith("graft-artifacts-")).mapToLong(store -> {
                try (Stream<Path> files = Files.list(store)) {
                    return files.filter(f -> f.getFileName().toString().endsWith("-" + name)).count();
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
