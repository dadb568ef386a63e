package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls by name ({@link Graft#invocation}): every bad name or argument is a typed exception saying what was expected and found. */
class G5CallByNameTest {

    @TempDir
    Path dir;

    private Graft graft;

    @BeforeEach
    void load() {
        graft = Graft.builder().loader(new TestLoader()).discoverLoaders(false).build();
        graft.load(new TestPlugins(dir).write(TestPlugin.of("echo", "1.0.0").provides("test.echo@1.0").set(TestPlugin.ANSWER, "hi")));
    }

    @AfterEach
    void close() {
        graft.close();
    }

    @Test
    void callsAContractMethodByNameOnTheLiveVersion() {
        assertEquals("hi", graft.invoke("echo", "test.echo", "answer"));
        assertEquals(5, graft.invoke("echo", "test.echo", "next", 5));
        Invocation next = graft.invocation("echo", "test.echo", "next");
        assertEquals(int.class, next.method(1).getParameterTypes()[0]);
        assertEquals(7, next.invoke(2));
    }

    @Test
    void anUnknownContractListsTheProvidedOnesAndTheClosest() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> graft.invocation("echo", "test.ecko", "answer"));
        assertEquals("plugin 'echo' (echo.testplugin): expected a contract the plugin provides (test.echo), found "
                + "'test.ecko': did you mean `test.echo`?", e.getMessage());
        assertEquals("test.echo", e.closest());
    }

    @Test
    void anUnknownMethodListsTheContractsMethodsAndTheClosest() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> graft.invocation("echo", "test.echo", "nxt"));
        assertEquals("plugin 'echo' (echo.testplugin): expected a method of contract test.echo@1.0 (answer, next), found "
                + "'nxt': did you mean `next`?", e.getMessage());
        assertEquals(List.of("answer", "next"), e.known());
        UnknownNameException far = assertThrows(UnknownNameException.class, () -> graft.invocation("echo", "test.echo", "zzzzzz"));
        assertTrue(far.getMessage().endsWith("found 'zzzzzz'"), far.getMessage());
        assertEquals(null, far.closest());
    }

    @Test
    void wrongArityNamesTheMethodAndTheCount() {
        ArgumentMismatchException e = assertThrows(ArgumentMismatchException.class,
                () -> graft.invoke("echo", "test.echo", "next", 1, 2));
        assertEquals("plugin 'echo' (echo.testplugin): expected 1 argument for next(int) of contract test.echo@1.0, "
                + "found 2: Integer 1, Integer 2", e.getMessage());
        assertThrows(ArgumentMismatchException.class, () -> graft.invocation("echo", "test.echo", "next").method(0));
    }

    @Test
    void wrongTypeNamesTheParameterTheTypeExpectedAndTheValueFound() {
        ArgumentMismatchException e = assertThrows(ArgumentMismatchException.class,
                () -> graft.invoke("echo", "test.echo", "next", "x"));
        assertTrue(e.getMessage().matches("plugin 'echo' \\(echo.testplugin\\): expected int for parameter 1 '\\w+' of "
                + "next\\(int\\), found String \"x\""), e.getMessage());
        ArgumentMismatchException widened = assertThrows(ArgumentMismatchException.class,
                () -> graft.invoke("echo", "test.echo", "next", 5L));
        assertTrue(widened.getMessage().endsWith("found Long 5"), "no silent narrowing: " + widened.getMessage());
        ArgumentMismatchException nul = assertThrows(ArgumentMismatchException.class,
                () -> graft.invoke("echo", "test.echo", "next", (Object) null));
        assertTrue(nul.getMessage().endsWith("found null"), nul.getMessage());
    }

    @Test
    void anUnknownPluginIsNoSuchPlugin() {
        assertThrows(NoSuchPluginException.class, () -> graft.invocation("nope", "test.echo", "answer"));
    }
}
