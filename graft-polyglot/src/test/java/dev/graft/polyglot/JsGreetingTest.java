package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.Graft;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JavaScript plugin loads, binds the contract, answers, and reloads to a new version. */
class JsGreetingTest {

    @TempDir
    Path dir;

    @Test
    void loadsCallsAndReloads() throws Exception {
        Path v1 = Scripts.js(dir, "greeting.js", Scripts.greeting("greeting", "1.0.0"), Scripts.jsGreeting("v1 ", 1));
        Path v2 = Scripts.js(dir, "greeting-v2.js", Scripts.greeting("greeting", "2.0.0"), Scripts.jsGreeting("v2 ", 2));
        try (Graft graft = Graft.builder().contract(Greeting.class).build()) { // the loader found by ServiceLoader
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            assertEquals("v1 world", greeting.greet("world"));
            assertEquals(42, greeting.next(41));
            graft.reload("greeting", v2);
            assertEquals("v2 world", greeting.greet("world"));
            assertEquals(43, greeting.next(41));
        }
    }
}
