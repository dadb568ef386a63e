package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginException;
import dev.graft.core.PluginStartException;
import dev.graft.core.StateDeclarationException;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G4 for script plugins: a count kept in {@code graft_state} survives reloads between two versions
 * whose state differs in shape (version 2 adds a field), with four threads greeting throughout: no
 * greeting is lost, since the state is handed over at a moment the old version runs no call and a
 * stateful version runs its calls one at a time. JavaScript reloads 40 times, Python 6 (a Python
 * context starts in 200+ ms). Also: the state is refused at the top level, before it is handed over;
 * a value of the wrong type is refused; a declaration a script cannot hold is refused at load.
 */
class G4ScriptStateSurvivesReloadTest {

    static final String JS_V1 = """
            function greet(name) { graft_state.greetings += 1; return 'v1 ' + name; }
            function next(n) { return graft_state.greetings; }
            """;
    static final String JS_V2 = """
            function greet(name) { graft_state.greetings += 1; graft_state.last = name; return 'v2 ' + name; }
            function next(n) { if (n < 0) { graft_state.greetings = 'many'; } return graft_state.greetings; }
            """;
    static final String PY_V1 = """
            def greet(name):
                graft_state.greetings += 1
                return 'v1 ' + name

            def next(n):
                return graft_state.greetings
            """;
    static final String PY_V2 = """
            def greet(name):
                graft_state.greetings += 1
                graft_state.last = name
                return 'v2 ' + name

            def next(n):
                if n < 0:
                    graft_state.greetings = 'many'
                return graft_state.greetings
            """;

    @TempDir
    Path dir;

    private static String manifest(String version, String state) {
        return Scripts.greeting("greeting", version) + "state = " + state + "\n";
    }

    @ParameterizedTest
    @CsvSource({"js, 40", "python, 6"})
    void theCountSurvivesReloadsWithCallsRunning(String language, int reloads) throws Exception {
        boolean js = language.equals("js");
        Path v1 = Scripts.write(language, dir, "greeting", manifest("1.0.0", "greetings: i64"), js ? JS_V1 : PY_V1);
        Path v2 = Scripts.write(language, dir, "greeting_v2", manifest("2.0.0", "greetings: i64; last: str"), js ? JS_V2 : PY_V2);
        try (Graft graft = Graft.builder().contract(Greeting.class).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            AtomicLong greeted = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> callers = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int t = 0; t < 4; t++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        try {
                            greeting.greet("z");
                            greeted.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            for (int i = 1; i <= reloads; i++) {
                graft.reload("greeting", i % 2 == 1 ? v2 : v1);
            }
            stop.set(true);
            for (Thread caller : callers) {
                caller.join();
            }
            assertEquals(List.of(), failures);
            assertTrue(greeted.get() > reloads, "callers greeted " + greeted.get() + " times during " + reloads + " reloads");
            assertEquals(greeted.get(), greeting.next(0), "every greeting counted, across " + reloads + " reloads");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "python"})
    void stateMisuseIsRefusedWithWhatWasExpectedAndFound(String language) throws Exception {
        boolean js = language.equals("js");
        Path v2 = Scripts.write(language, dir, "greeting", manifest("2.0.0", "greetings: i64; last: str"), js ? JS_V2 : PY_V2);
        try (Graft graft = Graft.builder().contract(Greeting.class).build()) {
            graft.load(v2);
            Greeting greeting = graft.contract(Greeting.class);
            assertEquals("v2 a", greeting.greet("a"));
            GuestCallException wrongType = assertThrows(GuestCallException.class, () -> greeting.next(-1));
            assertTrue(wrongType.getMessage().contains("graft_state.greetings: expected a long (a whole number from "
                    + Long.MIN_VALUE + " to " + Long.MAX_VALUE + "), found the string \"many\""), wrongType.getMessage());
            assertEquals(1, greeting.next(0), "the refused write changed nothing");

            Path early = Scripts.write(language, dir, "early", manifest("3.0.0", "greetings: i64"),
                    (js ? "const at_start = graft_state.greetings;\n" : "at_start = graft_state.greetings\n") + (js ? JS_V1 : PY_V1));
            PluginException atTopLevel = assertThrows(PluginException.class, () -> graft.reload("greeting", early));
            assertInstanceOf(PluginStartException.class, atTopLevel);
            assertTrue(atTopLevel.getMessage().contains("expected graft_state to be used in calls, found it used at the top level, "
                    + "before the state is handed over"), atTopLevel.getMessage());
            assertEquals(1, greeting.next(0), "the old version serves, its state untouched");

            Path listy = Scripts.write(language, dir, "listy", manifest("3.0.0", "tags: list<str>"), js ? JS_V1 : PY_V1);
            StateDeclarationException declaration = assertThrows(StateDeclarationException.class,
                    () -> graft.reload("greeting", listy));
            assertTrue(declaration.getMessage().contains("expected fields of numbers, bool, str, bytes, enums or structs of these "
                    + "(a script's state holds no list, set or map), found tags: list<str>"), declaration.getMessage());
        }
    }
}
