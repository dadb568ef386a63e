package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.graft.core.testing.Echo;
import dev.graft.core.testing.Mirror;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * G5 Bad input gets a clear error, for the core's own inputs: manifests, artifacts of no known
 * kind, ids, contract lookups, and calls to a plugin that is gone. Each is a typed exception whose
 * message says what was expected and what was found.
 */
class G5BadInputTest {

    @TempDir
    Path dir;

    private TestPlugins plugins;
    private Graft graft;

    @BeforeEach
    void build() {
        plugins = new TestPlugins(dir);
        graft = Graft.builder().loader(new TestLoader()).discoverLoaders(false).build();
    }

    @AfterEach
    void close() {
        graft.close();
    }

    static Stream<Arguments> malformedManifests() {
        // text, the line that is wrong (0: none is), what the message must show
        return Stream.of(
                arguments("version = 1.0.0\nprovides = test.echo@1.0\n", 0, "expected a value for required key 'id', found none"),
                arguments("id = a\nversion =\n", 2, "expected a value for required key 'version', found an empty value"),
                arguments("id = a\nversion = 1.x\n", 2, "found '1.x'"),
                arguments("id = a\nversion = 1.0.0\nid = b\n", 3, "found 'id' again (first on line 1)"),
                arguments("id = a\nversion = 1.0.0\nprovides test.echo@1.0\n", 3, "expected 'key = value', found 'provides test.echo@1.0'"),
                arguments("id = a\nversion = 1.0.0\n= 1\n", 3, "expected 'key = value', found '= 1'"),
                arguments("id = A plugin\nversion = 1.0.0\n", 1, "found 'A plugin'"),
                arguments("# a comment\nid = a\nversion = 1.0.0\nprovides = test.echo\n", 4, "expected a contract as name@version"),
                arguments("id = a\nversion = 1.0.0\nprovides = test.echo@1.0, test.echo@1.2\n", 3, "found test.echo major 1 twice"),
                arguments("id = a\nversion = 1.0.0\ndepends = b\n", 3, "expected a plugin dependency as id@version"),
                arguments("id = a\nverison = 1.0.0\n", 2, "found unknown key 'verison' (did you mean 'version'?)"),
                arguments("idd = a\nversion = 1.0.0\n", 1, "found unknown key 'idd' (did you mean 'id'?)"),
                arguments("id = a\nversion = 1.0.0\nbanana = 1\n", 3, "expected one of the keys id, version, provides, "
                        + "requires, depends, imports, patches, answer"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("malformedManifests")
    void malformedManifestNamesTheLineAndWhatWasFound(String text, int line, String found) {
        Path artifact = plugins.writeText("bad.testplugin", text);

        ManifestException e = assertThrows(ManifestException.class, () -> graft.load(artifact));
        assertTrue(e.getMessage().contains(found), e.getMessage());
        assertTrue(e.getMessage().contains("bad.testplugin"), e.getMessage());
        assertEquals(line, e.line());
        if (line > 0) {
            assertTrue(e.getMessage().contains("line " + line + ":"), e.getMessage());
        }
        assertEquals(List.of(), graft.plugins());
    }

    @Test
    void manifestErrorNamesThePluginItsIdLineDeclares() {
        Path malformed = plugins.writeText("bad.testplugin", "version = 1.0.0\nprovides test.echo@1.0\nid = echo\n");
        ManifestException e = assertThrows(ManifestException.class, () -> graft.load(malformed));
        assertTrue(e.getMessage().startsWith("plugin 'echo' (bad.testplugin): test manifest line 2: expected 'key = value'"),
                e.getMessage());
        assertEquals("echo", e.pluginId());

        Path twice = plugins.writeText("twice.testplugin", "id = echo\nversion = 1.0.0\nversion = 1.0.1\n");
        e = assertThrows(ManifestException.class, () -> graft.load(twice));
        assertTrue(e.getMessage().startsWith("plugin 'echo' (twice.testplugin): test manifest line 3:"), e.getMessage());

        Path badId = plugins.writeText("badid.testplugin", "id = Not An Id\nversion = 1.0.0\nanswer\n");
        e = assertThrows(ManifestException.class, () -> graft.load(badId));
        assertTrue(e.getMessage().startsWith("(badid.testplugin): test manifest line 3:"), "an invalid id names no plugin: "
                + e.getMessage());
    }

    @Test
    void artifactOfNoKnownKindNamesTheBytesFound() {
        Path artifact = plugins.writeBytes("greeter.so", new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 9, 9});

        InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> graft.load(artifact));
        assertTrue(e.getMessage().contains("expected a plugin artifact of kind test"), e.getMessage());
        assertTrue(e.getMessage().contains("found a file starting with bytes 7f 45 4c 46 02 01 01 00"), e.getMessage());
        assertTrue(e.getMessage().contains("greeter.so"), e.getMessage());
    }

    @Test
    void emptyArtifactOfNoKnownKindSaysItIsEmpty() {
        Path artifact = plugins.writeBytes("empty.bin", new byte[0]);

        InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> graft.load(artifact));
        assertTrue(e.getMessage().contains("found an empty file"), e.getMessage());
    }

    @Test
    void missingArtifactOrFolderSaysWhatIsThere() {
        InvalidArtifactException missing = assertThrows(InvalidArtifactException.class, () -> graft.load(dir.resolve("gone.testplugin")));
        assertTrue(missing.getMessage().contains("found no file at"), missing.getMessage());
        InvalidArtifactException folder = assertThrows(InvalidArtifactException.class, () -> graft.load(dir));
        assertTrue(folder.getMessage().contains("found a directory"), folder.getMessage());
        Path file = plugins.write(TestPlugin.of("a", "1.0.0"));
        InvalidArtifactException notFolder = assertThrows(InvalidArtifactException.class, () -> graft.loadAll(file));
        assertTrue(notFolder.getMessage().contains("expected a folder of plugin artifacts, found a file"), notFolder.getMessage());
    }

    @Test
    void loadingAnIdTwiceIsDuplicatePlugin() {
        graft.load(plugins.write(TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("first")));
        Path again = plugins.write("a-again.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0"));

        DuplicatePluginException e = assertThrows(DuplicatePluginException.class, () -> graft.load(again));
        assertTrue(e.getMessage().contains("plugin 'a' (a-again.testplugin)") && e.getMessage().contains("reload it instead"),
                e.getMessage());
        assertEquals("first", graft.contract(Echo.class).answer());
    }

    @Test
    void twoArtifactsOfOneIdInAFolderIsDuplicatePlugin() {
        plugins.write("a-1.testplugin", TestPlugin.of("a", "1.0.0"));
        plugins.write("a-2.testplugin", TestPlugin.of("a", "2.0.0"));

        DuplicatePluginException e = assertThrows(DuplicatePluginException.class, () -> graft.loadAll(dir));
        assertTrue(e.getMessage().contains("a-1.testplugin") && e.getMessage().contains("a-2.testplugin"), e.getMessage());
        assertEquals(List.of(), graft.plugins());
    }

    @Test
    void reloadOrUnloadOfAnUnknownIdIsNoSuchPlugin() {
        NoSuchPluginException none = assertThrows(NoSuchPluginException.class, () -> graft.reload("ghost"));
        assertTrue(none.getMessage().contains("plugin 'ghost'") && none.getMessage().contains("found no plugins loaded"),
                none.getMessage());

        graft.load(plugins.write(TestPlugin.of("a", "1.0.0")));
        NoSuchPluginException other = assertThrows(NoSuchPluginException.class, () -> graft.unload("ghost"));
        assertTrue(other.getMessage().contains("found only a"), other.getMessage());
    }

    @Test
    void contractWithNoProviderNamesWhatWasFound() {
        NoProviderException none = assertThrows(NoProviderException.class, () -> graft.contract(Echo.class));
        assertTrue(none.getMessage().contains("expected a provider of contract test.echo@1.0 (" + Echo.class.getName() + "), found none loaded"),
                none.getMessage());

        graft.load(plugins.write(TestPlugin.of("a", "1.0.0").provides("test.echo@1.0")));
        NoProviderException older = assertThrows(NoProviderException.class, () -> graft.contract(Echo.class, "1.5"));
        assertTrue(older.getMessage().contains("test.echo@1.5") && older.getMessage().contains("found test.echo@1.0 from plugin 'a'"),
                older.getMessage());

        NoProviderException notThere = assertThrows(NoProviderException.class, () -> graft.contractOf("a", Mirror.class));
        assertTrue(notThere.getMessage().contains("expected plugin 'a' to provide contract test.mirror@1.0")
                && notThere.getMessage().contains("found it provides [test.echo@1.0]"), notThere.getMessage());

        IllegalArgumentException otherMajor = assertThrows(IllegalArgumentException.class, () -> graft.contract(Echo.class, "2.0"));
        assertTrue(otherMajor.getMessage().contains("expected a version of major 1"), otherMajor.getMessage());
        IllegalArgumentException notAContract = assertThrows(IllegalArgumentException.class, () -> graft.contract(Runnable.class));
        assertTrue(notAContract.getMessage().contains("java.lang.Runnable without it"), notAContract.getMessage());
    }

    @Test
    void callToAnUnloadedPluginIsProviderUnavailableUntilItIsLoadedAgain() {
        Path artifact = plugins.write(TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("v1"));
        graft.load(artifact);
        Echo echo = graft.contract(Echo.class);
        graft.unload("a");

        ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, echo::answer);
        assertTrue(e.getMessage().contains("test.echo@1.0") && e.getMessage().contains("plugin 'a' was unloaded"), e.getMessage());

        graft.load(plugins.write(TestPlugin.of("a", "1.1.0").provides("test.echo@1.0").answer("again")));
        assertEquals("again", echo.answer(), "the proxy held across the unload works again");
        assertSame(echo, graft.contract(Echo.class), "and is the one the runtime hands out");
    }

    @Test
    void contractDroppedByANewVersionHasNoProvider() {
        graft.load(plugins.write(TestPlugin.of("a", "1.0.0").provides("test.echo@1.0", "test.mirror@1.0")));
        Echo echo = graft.contract(Echo.class);
        // nobody holds a proxy on test.mirror, so version 2 may drop it
        graft.reload("a", plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0")));

        NoProviderException e = assertThrows(NoProviderException.class, () -> graft.contract(Mirror.class));
        assertTrue(e.getMessage().contains("found none loaded"), e.getMessage());
        assertEquals("2.0.0", echo.answer());
    }
}
