package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.cli.dev.PluginSkeletons;
import dev.graft.examples.greeter.Greeter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/new-plugin.md shows graft new as it answers, and the skeletons it shows are what graft new
 * writes for the example greeter contract, to the letter.
 */
class NewPluginDocTest {

    private static final Path DOC = Path.of("../docs/new-plugin.md");
    private static final String RUN = "./graft dev plugins --contract " + Greeter.class.getName();

    @TempDir
    Path dir;

    @Test
    void theConsoleExampleAnswersAsTheDocShows() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String command = "$ ./graft new c greeter-c plugins --contract " + Greeter.class.getName() + "\n";
        int at = doc.indexOf(command);
        assertTrue(at >= 0, "docs/new-plugin.md shows: " + command);
        String shown = doc.substring(at + command.length(), doc.indexOf('\n', at + command.length()) + 1);
        Console console = new Console();
        List<String> args = List.of(command.substring("$ ./graft ".length()).strip().split(" "));
        Path plugins = dir.resolve("plugins");
        assertEquals(0, console.execute(args.stream().map(a -> a.equals("plugins") ? plugins.toString() : a).toArray(String[]::new)));
        assertEquals(shown, console.out().replace(plugins.toString(), "plugins"));
    }

    @Test
    void theSkeletonsShownAreWhatGraftNewWrites() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Map<String, String> shown = Map.of("c", "greeter_c.c", "rust", "src/lib.rs", "java", "graft-plugin.properties");
        Map<String, String> fence = Map.of("c", "c", "rust", "rust", "java", "properties");
        for (Map.Entry<String, String> kind : shown.entrySet()) {
            Path folder = PluginSkeletons.write(kind.getKey(), "greeter-" + kind.getKey(), List.of(Greeter.class), dir, RUN);
            String text = Files.readString(folder.resolve(kind.getValue()));
            assertTrue(doc.contains("```" + fence.get(kind.getKey()) + "\n" + text + "```"),
                    "docs/new-plugin.md should show the " + kind.getKey() + " skeleton's " + kind.getValue() + " as graft new writes it:\n" + text);
        }
    }
}
