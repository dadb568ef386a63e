package dev.graft.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.examples.greeter.Greeter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/dev-mode.md's example plugin folders are real: every code block under a
 * {@code <!-- dev-example: PATH -->} line is written to PATH in a folder of plugin folders, which a
 * session builds and loads; the edit and the compile error the page describes behave as it says.
 */
class DevModeDocTest {

    private static final Path DOC = Path.of("../docs/dev-mode.md");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- dev-example: (\\S+) -->\\n```\\w*\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void theExampleFoldersBuildLoadAndReloadAsThePageSays() throws Exception {
        Map<String, String> files = examples();
        assertEquals(List.of("hello/graft-plugin.properties", "hello/src/com/example/GreeterState.java",
                "hello/src/com/example/HelloGreeter.java", "hello-wat/hello.wat"), List.copyOf(files.keySet()));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        Path hello = dir.resolve("hello");
        Path source = hello.resolve("src/com/example/HelloGreeter.java");
        Outcomes outcomes = new Outcomes();
        try (Graft graft = Graft.builder().contract(Greeter.class).build();
             DevSession session = DevSession.builder(dir, graft).hostClassPath(List.of(locationOf(Greeter.class)))
                     .console(outcomes.console()).listener(outcomes).start()) {
            outcomes.await(hello, DevOutcome.Status.LOADED);
            outcomes.await(dir.resolve("hello-wat"), DevOutcome.Status.LOADED);
            assertEquals("Hello, world! (greeting 1)", graft.contractOf("hello", Greeter.class).greet("world"));
            assertEquals("Hi!", graft.contractOf("hello-wat", Greeter.class).greet("world"));

            String text = Files.readString(source);
            Files.writeString(source, text.replace("\"Hello, \"", "\"Hi, \""));
            outcomes.await(hello, DevOutcome.Status.RELOADED);
            assertEquals("Hi, world! (greeting 2)", graft.contractOf("hello", Greeter.class).greet("world"));

            Files.writeString(source, text.replace("greetings + \")\";", "greetings + \")\""));
            DevOutcome failed = outcomes.await(hello, DevOutcome.Status.BUILD_FAILED);
            assertTrue(failed.message().startsWith(source + ":17: error: ';' expected"), failed.message());
            assertTrue(Files.readString(DOC).contains("HelloGreeter.java:17: error: ';' expected"), "the page shows the compiler's message");
        }
    }

    private static Map<String, String> examples() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(Files.readString(DOC));
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        return files;
    }

    private static Path locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
