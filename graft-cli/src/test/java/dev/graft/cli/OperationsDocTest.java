package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.cli.demo.DemoArtifacts;
import dev.graft.core.sign.SignatureFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md, "Inspect and call by name", shows {@code graft inspect} and {@code graft
 * call} as they answer: every {@code $ ./graft ...} line of its console blocks is run on the
 * example artifacts (and {@code truncated.so}, the first 200 bytes of the native one), and what it
 * prints (standard output, or standard error when it fails) must be the lines below it, to the letter.
 */
class OperationsDocTest {

    private static final Path DOC = Path.of("../docs/operations.md");
    private static final String SECTION = "## Inspect and call by name";

    private record Example(List<String> args, String output) {
    }

    @Test
    void everyCommandInTheInspectAndCallSectionPrintsWhatTheDocShows() throws IOException {
        List<Example> examples = examples();
        assertTrue(examples.size() >= 5, "examples found: " + examples);
        try (DemoArtifacts artifacts = DemoArtifacts.extract()) {
            for (String name : List.of("greeter-jvm-v1.jar", "greeter-native-v1.so", "greeter-wasm-v1.wasm")) {
                // unsigned, as the examples' builds leave them (the demo's copies are signed by the build)
                Files.delete(SignatureFile.of(artifacts.extract(name)));
            }
            Files.write(artifacts.directory().resolve("truncated.so"),
                    Arrays.copyOf(Files.readAllBytes(artifacts.directory().resolve("greeter-native-v1.so")), 200));
            for (Example example : examples) {
                List<String> args = example.args().stream().map(a -> Files.exists(artifacts.directory().resolve(a))
                        ? artifacts.directory().resolve(a).toString() : a).toList();
                Console console = new Console();
                int status = console.execute(args.toArray(String[]::new));
                assertEquals(example.output(), status == 0 ? console.out() : console.err() + console.out(),
                        "docs/operations.md: ./graft " + String.join(" ", example.args()));
            }
        }
    }

    /** The section's console blocks, each {@code $ ./graft} line with the lines below it up to the next one. */
    private static List<Example> examples() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf(SECTION);
        assertTrue(start >= 0, "docs/operations.md has a section " + SECTION);
        int end = doc.indexOf("\n## ", start + SECTION.length());
        List<Example> examples = new ArrayList<>();
        boolean inBlock = false;
        List<String> args = null;
        StringBuilder output = new StringBuilder();
        for (String line : doc.substring(start, end < 0 ? doc.length() : end).split("\n")) {
            if (line.equals("```console")) {
                inBlock = true;
            } else if (inBlock && (line.equals("```") || line.startsWith("$ "))) {
                if (args != null) {
                    examples.add(new Example(args, output.toString()));
                }
                args = line.startsWith("$ ./graft ") ? List.of(line.substring("$ ./graft ".length()).split(" ")) : null;
                output.setLength(0);
                inBlock = !line.equals("```");
            } else if (inBlock) {
                output.append(line).append('\n');
            }
        }
        return examples;
    }
}
