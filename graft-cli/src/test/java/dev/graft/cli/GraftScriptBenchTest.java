package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./graft bench} runs the benchmarks jar with JMH's own command line, and
 * {@code ./graft bench alternate} runs graft-bench's alternating runner from the same jar, both
 * with the arguments as given.
 */
class GraftScriptBenchTest {

    @TempDir
    Path root;

    private GraftScript graft;

    @BeforeEach
    void checkout() throws Exception {
        graft = new GraftScript(root, "graft-bench/target/benchmarks.jar");
    }

    @Test
    void benchRunsJmhsCommandLine() throws Exception {
        String command = graft.command(Map.of(), "bench", "JvmDispatchBench", "-f", "1");

        assertTrue(command.endsWith(" -jar " + graft.jar() + " JvmDispatchBench -f 1"), command);
    }

    @Test
    void benchAlternateRunsTheAlternatingRunnerWithTheRestOfTheArguments() throws Exception {
        String command = graft.command(Map.of(), "bench", "alternate", "5", "A.raw$", "A.graft$", "--", "-wi", "15");

        assertTrue(command.endsWith(" -cp " + graft.jar() + " dev.graft.bench.Alternate 5 A.raw$ A.graft$ -- -wi 15"), command);
    }
}
