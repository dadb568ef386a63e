package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ContractMismatchException;
import dev.graft.core.Graft;
import dev.graft.core.InvalidArtifactException;
import dev.graft.core.ManifestException;
import dev.graft.core.PluginException;
import dev.graft.core.PluginLinkException;
import dev.graft.core.PluginStartException;
import dev.graft.core.event.GraftEvent;
import dev.graft.examples.greeter.Greeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * G2 with native plugins: a reload that fails at any step (read, verify, link, init) leaves v1
 * serving, reports the failure (exception and event) naming plugin and artifact, leaves no copy of
 * the broken library mapped, and a later good reload still works.
 */
class G2NativeFailedReloadTest {

    @TempDir
    Path dir;

    static Stream<Arguments> brokenVersions() {
        return Stream.of(
                Arguments.of("not a shared library", InvalidArtifactException.class,
                        (Function<Path, Path>) d -> write(d.resolve("v2.so"), "#!/bin/sh\necho hello\n".getBytes())),
                Arguments.of("truncated ELF", InvalidArtifactException.class, (Function<Path, Path>) d -> {
                    byte[] whole = read(Fixtures.copy("greeter_v2", d, "whole.so"));
                    return write(d.resolve("v2.so"), Arrays.copyOf(whole, whole.length / 2));
                }),
                Arguments.of("missing descriptor", ManifestException.class,
                        (Function<Path, Path>) d -> Fixtures.copy("no_descriptor", d, "v2.so")),
                Arguments.of("wrong ABI version", ManifestException.class,
                        (Function<Path, Path>) d -> Fixtures.copy("wrong_abi", d, "v2.so")),
                Arguments.of("unknown contract", ContractMismatchException.class,
                        (Function<Path, Path>) d -> Fixtures.copy("unknown_contract", d, "v2.so")),
                Arguments.of("missing function", PluginLinkException.class,
                        (Function<Path, Path>) d -> Fixtures.copy("missing_function", d, "v2.so")),
                Arguments.of("extra function", PluginLinkException.class,
                        (Function<Path, Path>) d -> Fixtures.copy("extra_function", d, "v2.so")),
                Arguments.of("signature mismatch", PluginLinkException.class,
                        (Function<Path, Path>) d -> Fixtures.copy("signature_mismatch", d, "v2.so")),
                Arguments.of("init reports failure", PluginStartException.class,
                        (Function<Path, Path>) d -> Fixtures.copy("init_fails", d, "v2.so")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenVersions")
    void failedReloadLeavesTheOldVersionServing(String step, Class<? extends PluginException> expected,
                                                Function<Path, Path> broken) {
        String tag = "g2-" + System.nanoTime();
        Path v1 = Fixtures.copy("greeter_v1", dir, tag + "-v1.so");
        List<GraftEvent> events = new CopyOnWriteArrayList<>();
        try (Graft graft = Fixtures.greeterHost().subscribe(events::add).build()) {
            graft.load(v1);
            Greeter greeter = graft.contract(Greeter.class);
            Path v2 = broken.apply(dir);

            PluginException e = assertThrows(expected, () -> graft.reload("greeter", v2));
            assertTrue(e.getMessage().contains("greeter") && e.getMessage().contains("v2.so"), e.getMessage());
            assertEquals("Hello, x!", greeter.greet("x"), "v1 still serves after: " + step);
            assertEquals(8, greeter.next(7));
            assertEquals("1.0.0", graft.plugin("greeter").orElseThrow().version().toString());
            GraftEvent.Failed failed = events.stream().filter(GraftEvent.Failed.class::isInstance)
                    .map(GraftEvent.Failed.class::cast).findFirst().orElseThrow();
            assertEquals("reload", failed.operation());
            assertEquals(e, failed.error());
            assertEquals(List.of(), Fixtures.mapped("-v2.so"), "the broken library is not left mapped");
            assertEquals(1, Fixtures.mapped(tag).size(), "v1's copy is mapped: " + Fixtures.mapped(tag));

            graft.reload("greeter", Fixtures.copy("greeter_v2", dir, "good.so"));
            assertEquals("Hi there, x!", greeter.greet("x"), "a good reload after a failed one works");
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
