package dev.graft.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ArtifactSignatureException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
                    artifacts.extract("greeter-jvm-v2.jar"), wrongSecond, artifacts.signedBy());
            result = new ReloadDemo(kind, 1, 4, new PrintWriter(new StringWriter()), new PrintWriter(err, true)).run();
        }

        // at least the reloading thread's own calls right after the two reloads to version 2
        assertTrue(result.failed() >= 2, result.summary());
        assertEquals(4, result.reloads());
        assertTrue(err.toString().contains("right after the reload to 2.0.0, next(0) returned 2, expected 3"), err.toString());
    }

    /** The demo's host requires the build's signatures: an embedded artifact changed by one byte is refused, not loaded. */
    @Test
    void theDemosHostRefusesAnArtifactTheBuildDidNotSign() throws Exception {
        try (DemoArtifacts artifacts = DemoArtifacts.extract()) {
            Path v1 = artifacts.extract("greeter-wasm-v1.wasm");
            byte[] bytes = Files.readAllBytes(v1);
            bytes[bytes.length / 2] ^= 1;
            Files.write(v1, bytes);
            DemoKind kind = new DemoKind("wasm", "greeter", v1, Answers.GREETER_V1,
                    artifacts.extract("greeter-wasm-v2.wasm"), Answers.GREETER_V2, artifacts.signedBy());
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class,
                    () -> new ReloadDemo(kind, 1, 2, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).run());
            assertTrue(e.getMessage().startsWith("(greeter-wasm-v1.wasm): expected the bytes key "), e.getMessage());
        }
    }
}
