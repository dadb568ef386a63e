package dev.graft.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A copy of the {@code ./graft} script in a folder of a test's own, asked for the java command it
 * would run ({@code GRAFT_PRINT_COMMAND=1}) on the JDK the test runs on. The jars it runs are up to
 * date there, since no source is newer, so it never builds.
 */
final class GraftScript {

    private static final Path SCRIPT = Path.of("..", "graft");

    private final Path root;
    private final Path jar;

    /** Copies the script into {@code root} and puts an empty {@code jar} (relative to it) there. */
    GraftScript(Path root, String jar) throws IOException {
        this.root = root;
        this.jar = root.resolve(jar);
        Files.copy(SCRIPT, root.resolve("graft"));
        Files.createDirectories(this.jar.getParent());
        Files.writeString(this.jar, "");
    }

    /** The jar the script runs, in the copy's folder. */
    Path jar() {
        return jar;
    }

    /** The java command {@code ./graft ARGS} would run with {@code env} added to the environment. */
    String command(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("bash", root.resolve("graft").toString()));
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("GRAFT_PRINT_COMMAND", "1");
        builder.environment().remove("GRAFT_OPTIMIZING_RUNTIME");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), "./graft did not end");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
