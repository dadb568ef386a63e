package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.natives.fixture.Types;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators see failed native calls in JFR as they see failed wasm calls (docs/operations.md): a
 * status the guest reports and a result the host refuses each give one {@code dev.graft.CallFailed}
 * event naming plugin, version, function and the exception its caller got; the calls that succeed
 * around them give none.
 */
class NativeCallFailureJfrTest {

    @TempDir
    Path dir;

    @Test
    void aReportedFailureAndARefusedResultAreEachOneEventAndSuccessfulCallsNone() throws Exception {
        Path file = dir.resolve("calls.jfr");
        try (Graft graft = Fixtures.greeterHost().contract(Types.class).build();
             Recording recording = new Recording()) {
            graft.load(Fixtures.copy("types", dir, "types.so"));
            Types types = graft.contract(Types.class);
            recording.enable("dev.graft.CallFailed");
            recording.start();
            for (int i = 0; i < 1000; i++) {
                assertEquals(i + 1, types.add(i, 1));
            }
            assertThrows(NativeCallException.class, () -> types.fail(7));
            assertThrows(NativeCallException.class, types::notUtf8);
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> failed = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.graft.CallFailed"))
                .filter(e -> "types".equals(e.getString("plugin"))).toList();
        assertEquals(2, failed.size(), "one event per failed call, none for the 1000 that returned: " + failed);
        RecordedEvent reported = failed.get(0);
        assertEquals("fail", reported.getString("function"));
        assertEquals(NativeCallException.class.getName(), reported.getString("failure"));
        assertTrue(reported.getString("versionLabel").startsWith("types@"), reported.getString("versionLabel"));
        assertTrue(reported.getString("message").contains("failed with status 7: asked to fail with 7"), reported.getString("message"));
        RecordedEvent refused = failed.get(1);
        assertEquals("notUtf8", refused.getString("function"));
        assertTrue(refused.getString("message").contains("not UTF-8"), refused.getString("message"));
    }
}
