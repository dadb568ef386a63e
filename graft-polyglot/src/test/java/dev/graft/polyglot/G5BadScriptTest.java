package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.InvalidArtifactException;
import dev.graft.core.ManifestException;
import dev.graft.core.PluginException;
import dev.graft.core.PluginLinkException;
import dev.graft.core.PluginStartException;
import dev.graft.polyglot.fixture.BadScripts;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G5: each bad script ends in a typed exception whose message names the plugin and says what was
 * expected and what was found: a syntax error, a missing function, the wrong arity, a top level
 * that throws, a guest that throws (with its stack), a guest that loops forever (stopped by the
 * deadline; the next call works), a result the contract's type cannot hold, a file without a
 * manifest comment.
 */
class G5BadScriptTest {

    @TempDir
    Path dir;

    private PluginException loadFails(Graft graft, String language, BadScripts bad) throws Exception {
        Path file = Scripts.write(language, dir, bad.name().toLowerCase(), Scripts.greeting("greeting", "1.0.0"), bad.in(language));
        return assertThrows(PluginException.class, () -> graft.load(file), bad.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "python"})
    void badScriptsAreRefusedWithWhatWasExpectedAndFound(String language) throws Exception {
        String name = language.equals("js") ? "JavaScript" : "Python";
        String ext = language.equals("js") ? ".js" : ".py";
        try (Graft graft = Graft.builder().contract(Greeting.class).build()) {
            PluginException syntax = loadFails(graft, language, BadScripts.SYNTAX_ERROR);
            assertInstanceOf(InvalidArtifactException.class, syntax);
            assertTrue(syntax.getMessage().contains("expected valid " + name + ", found a syntax error at line "),
                    syntax.getMessage());
            assertTrue(syntax.getMessage().contains("syntax_error" + ext), syntax.getMessage());

            PluginException missing = loadFails(graft, language, BadScripts.MISSING_FUNCTION);
            assertInstanceOf(PluginLinkException.class, missing);
            assertTrue(missing.getMessage().contains("expected fn next(int) -> int, found no function named next in missing_function"
                    + ext), missing.getMessage());

            PluginException arity = loadFails(graft, language, BadScripts.WRONG_ARITY);
            assertInstanceOf(PluginLinkException.class, arity);
            assertTrue(arity.getMessage().contains("expected fn next(int) -> int, found a function of 2 parameters"),
                    arity.getMessage());

            PluginException start = loadFails(graft, language, BadScripts.THROWING_START);
            assertInstanceOf(PluginStartException.class, start);
            assertTrue(start.getMessage().contains("expected the top level of throwing_start" + ext
                    + " to run to its end, found it threw"), start.getMessage());
            assertTrue(start.getMessage().contains("cannot start"), start.getMessage());
            assertEquals("greeting", start.pluginId());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "python"})
    void anEndlessTopLevelIsStoppedByTheDeadline(String language) throws Exception {
        String ext = language.equals("js") ? ".js" : ".py";
        PolyglotSettings settings = PolyglotSettings.defaults().withTopLevelTimeout(Duration.ofMillis(300));
        PolyglotPluginLoader loader = Scripts.loader(language, settings);
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false).loader(loader).build()) {
            PluginException endless = loadFails(graft, language, BadScripts.ENDLESS_START);
            assertInstanceOf(PluginStartException.class, endless);
            assertTrue(endless.getMessage().contains("expected the top level to finish within 300 ms, found it still running; "
                    + "interrupted at <" + language + "> "), endless.getMessage());
            assertTrue(endless.getMessage().contains("endless_start" + ext), endless.getMessage());
            assertTrue(endless.getMessage().contains("(a top level that needs longer: raise PolyglotSettings.withTopLevelTimeout)"),
                    endless.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "python"})
    void misbehavingCallsFailWithTheGuestsStackAndLeaveTheNextCallWorking(String language) throws Exception {
        String ext = language.equals("js") ? ".js" : ".py";
        Path file = Scripts.write(language, dir, "misbehaving", Scripts.greeting("greeting", "1.0.0"),
                BadScripts.MISBEHAVING_CALLS.in(language));
        PolyglotSettings settings = PolyglotSettings.defaults().withMaxContexts(1).withCallTimeout(Duration.ofMillis(300));
        PolyglotPluginLoader loader = Scripts.loader(language, settings);
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false).loader(loader).build()) {
            graft.load(file);
            Greeting greeting = graft.contract(Greeting.class);

            GuestCallException threw = assertThrows(GuestCallException.class, () -> greeting.greet("bob"));
            assertFalse(threw instanceof GuestTimeoutException, "a guest that threw is no timeout");
            assertTrue(threw.getMessage().startsWith("plugin 'greeting' (greeting@1.0.0"), threw.getMessage());
            assertTrue(threw.getMessage().contains("function greet: the guest threw"), threw.getMessage());
            assertTrue(threw.getMessage().contains("no greeting for bob"), threw.getMessage());
            assertTrue(threw.getMessage().contains("guest stack:"), threw.getMessage());
            assertTrue(threw.getMessage().contains("refuse(misbehaving" + ext), threw.getMessage());
            assertEquals("greet", threw.function());
            assertEquals(3, greeting.next(2), "the context serves the next call");

            GuestTimeoutException endless = assertThrows(GuestTimeoutException.class, () -> greeting.next(-1));
            assertTrue(endless.getMessage().contains("function next: expected the call to return within the deadline of 300 ms, "
                    + "found it still running; interrupted"), endless.getMessage());
            assertEquals(3, greeting.next(2), "the interrupted context serves the next call");

            GuestCallException wrongType = assertThrows(GuestCallException.class, () -> greeting.next(0));
            assertTrue(wrongType.getMessage().contains("function next: returned a value fn next(int) -> int cannot hold: "
                    + "expected an int (a whole number from -2147483648 to 2147483647), found the string \"zero\""),
                    wrongType.getMessage());
            assertEquals(3, greeting.next(2));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "python"})
    void aScriptWithoutAManifestCommentIsRefused(String language) throws Exception {
        String ext = language.equals("js") ? ".js" : ".py";
        Path file = Files.writeString(dir.resolve("bare" + ext), language.equals("js") ? "function greet(n) { return n; }\n"
                : "def greet(n):\n    return n\n");
        try (Graft graft = Graft.builder().contract(Greeting.class).build()) {
            ManifestException e = assertThrows(ManifestException.class, () -> graft.load(file));
            String opening = language.equals("js") ? "/* graft.manifest" : "# graft.manifest";
            assertTrue(e.getMessage().contains("expected the file to start with a manifest comment opened by '" + opening
                    + "', found '"), e.getMessage());
            assertTrue(e.getMessage().contains("bare" + ext), e.getMessage());
        }
    }
}
