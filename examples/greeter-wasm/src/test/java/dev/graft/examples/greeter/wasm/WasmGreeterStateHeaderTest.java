package dev.graft.examples.greeter.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.wasm.WasmBindgen;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The C greeter includes state headers written from the state records: they must be what bindgen writes today. */
class WasmGreeterStateHeaderTest {

    @Test
    void theCGreetersStateHeadersAreBindgensOutput() throws Exception {
        Path c = Path.of("src", "main", "c");
        assertEquals(WasmBindgen.stateHeader(dev.graft.examples.greeter.wasm.v1.GreeterState.class),
                Files.readString(c.resolve("greeter_state_v1.h")),
                "regenerate greeter_state_v1.h with WasmBindgen.stateHeader(v1.GreeterState.class)");
        assertEquals(WasmBindgen.stateHeader(dev.graft.examples.greeter.wasm.v2.GreeterState.class),
                Files.readString(c.resolve("greeter_state_v2.h")),
                "regenerate greeter_state_v2.h with WasmBindgen.stateHeader(v2.GreeterState.class)");
    }
}
