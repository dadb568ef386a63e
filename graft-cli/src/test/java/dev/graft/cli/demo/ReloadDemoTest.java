package dev.graft.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The demo's checks are not vacuous: answers that match neither build count as failed. */
class ReloadDemoTest {

    @Test
    void answersThatMatchNeitherBuildCountAsFailed() throws Exception {
        Answers wrongSecond = new Answers("2.0.0", name -> "Howdy, " + name + "!", n -> n + 3);
        StringWriter err = new StringWriter();
        DemoResult result;
        try (DemoArtifacts artifacts = DemoArtifacts.extract()) {
            DemoKind kind = new DemoKind("jvm", "greeter",
                    artifacts.extract("greeter-jvm-v1.jar"), Answers.GREETER_V1,
                    artifacts.extract("greeter-jvm-v2.jar"), wrongSecond);
            result = new ReloadDemo(kind, 1, 4, new PrintWriter(new StringWriter()), new PrintWriter(err, true)).run();
        }

        // at least the reloading thread's own calls right after the two reloads to version 2
        assertTrue(result.failed() >= 2, result.summary());
        assertEquals(4, result.reloads());
        assertTrue(err.toString().contains("right after the reload to 2.0.0, next(0) returned 2, expected 3"), err.toString());
    }
}
