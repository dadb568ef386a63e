package dev.graft.examples.host;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the README's host example on the example plugin jars that Maven copied to target/plugins. */
class GreeterHostTest {

    private static final Path PLUGINS = Path.of(System.getProperty("graft.example.plugins", "target/plugins"));

    @Test
    void callsVersionOneThenTheSameProxyReachesVersionTwo() {
        List<String> lines = runHost();

        int first = lines.indexOf("Hello, world! next(1) = 2");
        int second = lines.indexOf("Hi there, world! next(1) = 3");
        assertTrue(first >= 0, "version 1 answered: " + lines);
        assertTrue(second > first, "version 2 answered after version 1: " + lines);
    }

    @Test
    void bothVersionsCountTheirGreetingInTheHostsCounter() {
        List<String> lines = runHost();

        assertEquals("greetings counted by the host: 2", lines.getLast(), "one greeting by each version: " + lines);
    }

    @Test
    void printsTheEventsOfLoadReloadAndClose() {
        List<String> lines = runHost();

        assertTrue(has(lines, "event: loaded greeter@1.0.0 (jvm, greeter-v1.jar)"), lines.toString());
        assertTrue(has(lines, "event: reloaded greeter 1.0.0 -> 2.0.0"), lines.toString());
        assertTrue(has(lines, "event: retired greeter@1.0.0#"), lines.toString());
        assertTrue(has(lines, "event: unloaded greeter@2.0.0"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("failed")), lines.toString());
    }

    @Test
    void readmeShowsThisHost() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/graft/examples/host/GreeterHost.java"), UTF_8);
        String shown = source.substring(source.indexOf("// README begin\n") + "// README begin\n".length(),
                source.indexOf("    // README end")).stripTrailing().stripIndent();
        String readme = Files.readString(Path.of(System.getProperty("graft.readme", "../../README.md")), UTF_8);

        assertTrue(readme.contains(shown), "README.md should show GreeterHost.run as it is; expected it to contain:\n" + shown);
    }

    private static List<String> runHost() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GreeterHost.run(PLUGINS.resolve("greeter-v1.jar"), PLUGINS.resolve("greeter-v2.jar"), new PrintStream(bytes, true, UTF_8));
        return bytes.toString(UTF_8).lines().toList();
    }

    private static boolean has(List<String> lines, String prefix) {
        return lines.stream().anyMatch(l -> l.startsWith(prefix));
    }
}
