package dev.graft.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./graft} turns GraalVM's optimizing runtime on by itself: it adds the JVM flags when the
 * folder beside the jar it runs, {@code target/jvmci}, holds the compiler's four jars, and not when
 * one is missing or {@code GRAFT_OPTIMIZING_RUNTIME=off}; the README shows the same flags. The
 * script runs from a copy in a temporary folder, with a jar that is up to date (no source there to
 * be newer), and prints the java command it would run ({@code GRAFT_PRINT_COMMAND=1}).
 */
class GraftScriptOptimizingRuntimeTest {

    private static final Path README = Path.of("..", "README.md");
    private static final List<String> JARS = List.of("compiler", "truffle-compiler", "word", "collections");

    @TempDir
    Path root;

    private Path jvmci;
    private GraftScript graft;

    @BeforeEach
    void checkout() throws IOException {
        graft = new GraftScript(root, "graft-cli/target/graft-cli.jar");
        jvmci = graft.jar().resolveSibling("jvmci");
    }

    @Test
    void theFlagsAreAddedWhenTheBuildPutTheCompilersJarsBesideTheJar() throws Exception {
        putJars(JARS);

        String command = graftCommand(Map.of());

        assertTrue(command.contains(" " + flags(jvmci.toString()) + " "), command);
        assertTrue(command.endsWith(" -jar " + graft.jar() + " demo"), command);
    }

    @Test
    void noFlagsWithoutTheFolderOrWithAJarMissing() throws Exception {
        assertFalse(graftCommand(Map.of()).contains("EnableJVMCI"), "no folder");
        putJars(JARS.subList(0, 3));
        assertFalse(graftCommand(Map.of()).contains("EnableJVMCI"), "collections missing");
    }

    @Test
    void graftOptimizingRuntimeOffLeavesTheFlagsOut() throws Exception {
        putJars(JARS);

        String command = graftCommand(Map.of("GRAFT_OPTIMIZING_RUNTIME", "off"));

        assertFalse(command.contains("EnableJVMCI"), command);
    }

    @Test
    void theReadmeShowsTheFlagsTheScriptAdds() throws IOException {
        String readme = Files.readString(README, UTF_8);
        String shown = flags("DIR").replace(" --sun-misc-unsafe-memory-access=allow", "");
        assertTrue(readme.contains(shown), "expected README.md to show " + shown);
        for (String jar : JARS) {
            assertTrue(readme.contains(":" + jar + "`"), "expected README.md to name the jar " + jar);
        }
    }

    private static String flags(String dir) {
        return "-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=" + dir
                + " --sun-misc-unsafe-memory-access=allow";
    }

    private void putJars(List<String> names) throws IOException {
        Files.createDirectories(jvmci);
        for (String name : names) {
            Files.writeString(jvmci.resolve(name + "-25.0.3.jar"), "");
        }
    }

    /** The java command {@code ./graft demo} would run, on the JDK this test runs on. */
    private String graftCommand(Map<String, String> env) throws IOException, InterruptedException {
        return graft.command(env, "demo");
    }
}
