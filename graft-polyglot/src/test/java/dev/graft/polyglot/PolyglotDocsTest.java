package dev.graft.polyglot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.polyglot.fixture.Greeter;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/polyglot-plugins.md shows this module's test sources as they are: every part between a
 * {@code docs/polyglot-plugins.md begin} and {@code end} comment line stands, to the letter, in the
 * page (as examples/host's DocExcerptsTest checks the examples), and the JavaScript greeter whole; and the page's greeter, in
 * JavaScript and in Python, loads, greets, and keeps its count when reloaded from one language to
 * the other.
 */
class PolyglotDocsTest {

    private static final Path DOC = Path.of("../docs/polyglot-plugins.md");
    private static final Path TESTS = Path.of("src/test");
    private static final Pattern MARKER = Pattern.compile("^\\s*(?://|#|/\\*)\\s*docs/polyglot-plugins\\.md (begin|end)\\s*(?:\\*/)?\\s*$");

    @TempDir
    Path dir;

    @Test
    void everyMarkedExcerptStandsInThePage() throws IOException {
        String doc = Files.readString(DOC, UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TESTS)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int excerpts = 0;
        Path whole = Path.of("src/test/resources/docs/greeter.js"); // a manifest comment must come first: shown whole
        assertTrue(doc.contains(Files.readString(whole, UTF_8)), "docs/polyglot-plugins.md should show " + whole + " whole");
        for (Path file : files) {
            StringBuilder text = null;
            for (String line : Files.readAllLines(file, UTF_8)) {
                Matcher m = MARKER.matcher(line);
                if (!m.matches()) {
                    if (text != null) {
                        text.append(line).append('\n');
                    }
                } else if (m.group(1).equals("begin")) {
                    text = new StringBuilder();
                } else if (text != null) {
                    assertTrue(doc.contains(text.toString()), "docs/polyglot-plugins.md should show " + file
                            + " as it is; expected it to contain:\n" + text);
                    excerpts++;
                    text = null;
                }
            }
        }
        assertTrue(excerpts >= 3, "found " + excerpts + " excerpts");
    }

    @Test
    void thePagesGreeterRunsInBothLanguagesAndKeepsItsCount() throws Exception {
        Path js = Files.copy(Path.of("src/test/resources/docs/greeter.js"), dir.resolve("greeter.js"));
        Path python = Files.copy(Path.of("src/test/resources/docs/greeter.py"), dir.resolve("greeter.py"));
        // docs/polyglot-plugins.md begin
        try (Graft graft = Graft.builder()
                .contract(Greeter.class)
                .config("greeter", Map.of("salutation", "Hi"))
                .build()) {                             // graft-polyglot on the class path: both loaders, by ServiceLoader
            graft.load(js);
            Greeter greeter = graft.contract(Greeter.class);
            assertEquals("Hi, world!", greeter.greet("world"));
            graft.reload("greeter", python);            // the same plugin, now in Python: its count carries over
            assertEquals("Hi, you! (from Python)", greeter.greet("you"));
            assertEquals(2, greeter.greetings());
        }
        // docs/polyglot-plugins.md end
    }

    @Test
    void thePagesSettingsReachTheLoader() throws Exception {
        // docs/polyglot-plugins.md begin
        GraftBuilder builder = Graft.builder().loader(new JsPluginLoader(PolyglotSettings.defaults()
                .withMaxContexts(4)                            // at most 4 calls at once in one version
                .withCallTimeout(Duration.ofMillis(500))       // the per-call deadline
                .withTopLevelTimeout(Duration.ofSeconds(10)))); // the deadline of the script's top level
        // docs/polyglot-plugins.md end
        Path file = Scripts.js(dir, "greeting.js", Scripts.greeting("greeting", "1.0.0"), Scripts.jsGreeting("v1 ", 1));
        try (Graft graft = builder.contract(Greeting.class).build()) {
            Map<String, String> limits = graft.inspect(file).description().limits();
            assertEquals(Map.of("max-contexts", "4", "call-timeout-ms", "500", "top-level-timeout-ms", "10000"), limits);
        }
    }
}
