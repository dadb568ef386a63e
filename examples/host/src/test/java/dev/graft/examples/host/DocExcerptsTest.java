package dev.graft.examples.host;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs show the example plugins' code as it is: every part of an example's source between a
 * {@code docs/NAME.md begin} and a {@code docs/NAME.md end} comment line (in the comment syntax of
 * its language: {@code //}, {@code /* *}{@code /}, {@code ;;}, {@code #}, {@code <!-- -->}) must stand, to the
 * letter, in docs/NAME.md. So the examples, which the build compiles and the tests run, keep the
 * docs true. The host projects that graft-it builds outside the reactor count as examples too
 * (their {@code @project.version@}, which the build fills in, reads as Graft's version).
 */
class DocExcerptsTest {

    private static final List<Path> EXAMPLES = List.of(Path.of(".."), Path.of("../../graft-it/src/it"));
    private static final Path DOCS = Path.of("../../docs");
    private static final Pattern MARKER = Pattern.compile(
            "^\\s*(?://|;;|#|/\\*|<!--)\\s*docs/([\\w.-]+\\.md) (begin|end)\\s*(?:\\*/|-->)?\\s*$");
    private static final String VERSION = System.getProperty("graft.version", "0.1.0-SNAPSHOT");

    @Test
    void everyMarkedExcerptOfTheExamplesStandsInItsDoc() throws IOException {
        Map<String, List<Excerpt>> byDoc = excerpts();
        assertTrue(byDoc.keySet().containsAll(List.of("state.md", "jvm-plugins.md", "host-application.md")),
                "marked excerpts: " + byDoc.keySet());
        for (Map.Entry<String, List<Excerpt>> doc : byDoc.entrySet()) {
            String text = Files.readString(DOCS.resolve(doc.getKey()), UTF_8);
            for (Excerpt e : doc.getValue()) {
                assertTrue(text.contains(e.text()), "docs/" + doc.getKey() + " should show " + e.source()
                        + " as it is; expected it to contain:\n" + e.text());
            }
        }
    }

    /**
     * The README's paragraph on WebAssembly plugins says what the example wasm plugins import:
     * host modules, {@code graft.host}, {@code graft.state}; it once said they import nothing.
     */
    @Test
    void readmeSaysWhatTheExampleWasmPluginsImport() throws IOException {
        String readme = Files.readString(DOCS.resolve("../README.md"), UTF_8).replaceAll("\\s+", " ");
        int start = readme.indexOf("## A WebAssembly plugin");
        String section = readme.substring(start, readme.indexOf("##", start + 3));
        assertTrue(!section.contains("imports nothing"), "README says a wasm plugin imports nothing:\n" + section);
        Pattern imports = Pattern.compile("\\(import \"([^\"]+)\"");
        try (Stream<Path> files = Files.list(EXAMPLES.getFirst().resolve("greeter-wasm/src/main/wat"))) {
            for (Path wat : files.sorted().toList()) {
                Matcher m = imports.matcher(Files.readString(wat, UTF_8));
                while (m.find()) {
                    String module = m.group(1);
                    String named = module.equals("graft.host") || module.equals("graft.state") ? "`" + module + "`"
                            : "host modules its manifest imports and the host grants it";
                    assertTrue(section.contains(named), wat.getFileName() + " imports " + module
                            + ": expected the README's wasm section to say so (" + named + "), found:\n" + section);
                }
            }
        }
    }

    private record Excerpt(Path source, String text) {
    }

    private static Map<String, List<Excerpt>> excerpts() throws IOException {
        Map<String, List<Excerpt>> byDoc = new TreeMap<>();
        List<Path> sources = new ArrayList<>();
        for (Path root : EXAMPLES) {
            try (Stream<Path> files = Files.walk(root)) {
                sources.addAll(files.filter(DocExcerptsTest::isExampleSource).sorted().toList());
            }
        }
        for (Path file : sources) {
            String open = null;
            StringBuilder text = new StringBuilder();
            for (String line : Files.readAllLines(file, UTF_8)) {
                Matcher m = MARKER.matcher(line);
                if (!m.matches()) {
                    if (open != null) {
                        text.append(line.replace("@project.version@", VERSION)).append('\n');
                    }
                } else if (m.group(2).equals("begin")) {
                    assertEquals(null, open, file + ": a begin marker inside another excerpt");
                    open = m.group(1);
                    text.setLength(0);
                } else {
                    assertEquals(open, m.group(1), file + ": an end marker without its begin");
                    byDoc.computeIfAbsent(open, k -> new ArrayList<>()).add(new Excerpt(file, text.toString()));
                    open = null;
                }
            }
            assertEquals(null, open, file + ": an excerpt not ended");
        }
        return byDoc;
    }

    private static boolean isExampleSource(Path file) {
        String name = file.getFileName().toString();
        return (file.toString().contains("/src/main/") || file.toString().contains("/src/it/"))
                && !file.toString().contains("/target/")
                && (name.endsWith(".java") || name.endsWith(".c") || name.endsWith(".rs") || name.endsWith(".wat")
                || name.endsWith(".kt") || name.endsWith(".sh") || name.endsWith(".properties") || name.endsWith(".graft-native")
                || name.equals("pom.xml"));
    }
}
