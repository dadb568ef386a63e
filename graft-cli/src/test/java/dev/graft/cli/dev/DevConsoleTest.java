package dev.graft.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failure's compiler messages are printed unchanged, and on a terminal their error lines are red. */
class DevConsoleTest {

    private static final String JAVAC = """
            /p/hello/src/A.java:3: error: ';' expected
                    return 1
                            ^
            1 error""";

    private final DevOutcome failed = new DevOutcome(Path.of("/p/hello"), "hello", "java", List.of(Path.of("src/A.java")), 0,
            92_400_000, 0, DevOutcome.Status.BUILD_FAILED, JAVAC);

    @Test
    void withoutColourTheMessagesArePrintedUnchangedUnderTheLine() {
        assertEquals("hello (java) src/A.java: build failed in 92.40 ms; the running version keeps serving\n" + JAVAC + "\n",
                printed(false));
    }

    @Test
    void onATerminalTheLineIsBoldAndErrorLinesRed() {
        assertEquals("\u001b[1mhello (java) src/A.java: build failed in 92.40 ms; the running version keeps serving\u001b[0m\n"
                + "\u001b[31m/p/hello/src/A.java:3: error: ';' expected\u001b[0m\n"
                + "        return 1\n"
                + "                ^\n"
                + "\u001b[31m1 error\u001b[0m\n", printed(true));
    }

    private String printed(boolean colour) {
        StringWriter out = new StringWriter();
        new DevConsole(new PrintWriter(out), colour).print(failed);
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}
