package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.wasm.fixture.Guard;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators see failed wasm calls in JFR (docs/operations.md): a call past its deadline and a trap
 * each give one {@code dev.graft.CallFailed} event naming plugin, version, function and the
 * exception its caller got; the calls that succeed around them give none.
 */
class WasmCallFailureJfrTest {

    @TempDir
    Path dir;

    @Test
    void aTimeoutAndATrapAreEachOneEventAndSuccessfulCallsNone() throws Exception {
        Path file = dir.resolve("calls.jfr");
        try (Graft graft = Graft.builder().contract(Guard.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(WasmSettings.defaults().withCallTimeout(Duration.ofMillis(200))))
                .build();
             Recording recording = new Recording()) {
            graft.load(Wat.write(dir, "guard.wasm", Wat.manifest("jfr-guard", "1.0.0", "test.guard@1.0"), Guests.guard("")));
            Guard guard = graft.contract(Guard.class);
            recording.enable("dev.graft.CallFailed");
            recording.start();
            for (int i = 0; i < 1000; i++) {
                assertEquals(3, guard.spin(3));
            }
            assertThrows(WasmTimeoutException.class, () -> guard.spin(-1));
            assertThrows(WasmTrapException.class, () -> guard.divide(1, 0));
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> failed = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.graft.CallFailed"))
                .filter(e -> "jfr-guard".equals(e.getString("plugin"))).toList();
        assertEquals(2, failed.size(), "one event per failed call, none for the 1000 that returned: " + failed);
        RecordedEvent timeout = failed.get(0);
        assertEquals("spin", timeout.getString("function"));
        assertEquals(WasmTimeoutException.class.getName(), timeout.getString("failure"));
        assertTrue(timeout.getString("versionLabel").startsWith("jfr-guard@1.0.0#"), timeout.getString("versionLabel"));
        assertTrue(timeout.getString("message").contains("expected the call to return within 200 ms"), timeout.getString("message"));
        RecordedEvent trap = failed.get(1);
        assertEquals("divide", trap.getString("function"));
        assertEquals(WasmTrapException.class.getName(), trap.getString("failure"));
        assertTrue(trap.getString("message").contains("integer divide by zero"), trap.getString("message"));
    }
}
