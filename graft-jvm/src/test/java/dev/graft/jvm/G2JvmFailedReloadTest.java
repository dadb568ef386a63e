package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ContractMismatchException;
import dev.graft.core.Graft;
import dev.graft.core.InvalidArtifactException;
import dev.graft.core.PluginException;
import dev.graft.core.PluginLinkException;
import dev.graft.core.PluginStartException;
import dev.graft.core.event.GraftEvent;
import dev.graft.jvm.fixture.FailingStart;
import dev.graft.jvm.fixture.Greeting;
import dev.graft.jvm.fixture.GreetingV1;
import dev.graft.jvm.fixture.GreetingV2;
import dev.graft.jvm.fixture.NotAGreeting;
import dev.graft.jvm.fixture.ThrowingConstructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G2 with real JVM plugins: a reload that fails at any step leaves v1 serving, reports the failure
 * (exception and event) naming plugin and artifact, and a later good reload still works.
 */
class G2JvmFailedReloadTest {

    @TempDir
    Path dir;

    static Stream<Arguments> brokenVersions() {
        return Stream.of(
                Arguments.of("start throws", PluginStartException.class, (Function<Path, Path>) d -> TestJar.plugin("greeting", "2.0.0")
                        .provides("test.greeting@1.2", GreetingV2.class).main(FailingStart.class).write(d, "v2.jar")),
                Arguments.of("constructor throws", PluginStartException.class, (Function<Path, Path>) d -> TestJar.plugin("greeting", "2.0.0")
                        .provides("test.greeting@1.2", ThrowingConstructor.class).classes(GreetingV1.class).write(d, "v2.jar")),
                Arguments.of("class missing", PluginLinkException.class, (Function<Path, Path>) d -> TestJar.plugin("greeting", "2.0.0")
                        .line("provides = test.greeting@1.2").line("provider.test.greeting = gone.Greeting").write(d, "v2.jar")),
                Arguments.of("contract not implemented", ContractMismatchException.class, (Function<Path, Path>) d -> TestJar.plugin("greeting", "2.0.0")
                        .provides("test.greeting@1.2", NotAGreeting.class).write(d, "v2.jar")),
                Arguments.of("contract dropped", ContractMismatchException.class, (Function<Path, Path>) d -> TestJar.plugin("greeting", "2.0.0")
                        .write(d, "v2.jar")),
                Arguments.of("not a jar", InvalidArtifactException.class, (Function<Path, Path>) d -> write(d.resolve("v2.jar"), "garbage")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenVersions")
    void failedReloadLeavesTheOldVersionServing(String step, Class<? extends PluginException> expected,
                                                Function<Path, Path> broken) {
        Path v1 = TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", GreetingV1.class).write(dir, "v1.jar");
        List<GraftEvent> events = new CopyOnWriteArrayList<>();
        try (Graft graft = Graft.builder().subscribe(events::add).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            Path v2 = broken.apply(dir);

            PluginException e = assertThrows(expected, () -> graft.reload("greeting", v2));
            assertTrue(e.getMessage().contains("greeting") && e.getMessage().contains("v2.jar"), e.getMessage());
            assertEquals("v1 hello x", greeting.greet("x"), "v1 still serves after: " + step);
            assertEquals("1.0.0", graft.plugin("greeting").orElseThrow().version().toString());
            GraftEvent.Failed failed = events.stream().filter(GraftEvent.Failed.class::isInstance)
                    .map(GraftEvent.Failed.class::cast).findFirst().orElseThrow();
            assertEquals("reload", failed.operation());
            assertEquals(e, failed.error());

            Path good = TestJar.plugin("greeting", "2.0.0").provides("test.greeting@1.2", GreetingV2.class).write(dir, "good.jar");
            graft.reload("greeting", good);
            assertEquals("v2 hi x", greeting.greet("x"), "a good reload after a failed one works");
        }
    }

    @Test
    void reloadFromTheSameRebuiltArtifact() throws Exception {
        Path jar = TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", GreetingV1.class).write(dir, "greeting.jar");
        try (Graft graft = Graft.builder().build()) {
            graft.load(jar);
            Greeting greeting = graft.contract(Greeting.class);
            TestJar.plugin("greeting", "1.1.0").provides("test.greeting@1.2", GreetingV2.class).write(dir, "greeting.jar");
            graft.reload("greeting");
            assertEquals("v2 hi x", greeting.greet("x"));
            assertEquals("1.1.0", graft.plugin("greeting").orElseThrow().version().toString());
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
