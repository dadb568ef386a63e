package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.host.Log;
import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.core.HostModuleException;
import dev.graft.core.ManifestException;
import dev.graft.core.ModuleRef;
import dev.graft.core.PluginException;
import dev.graft.core.PluginLinkException;
import dev.graft.core.spi.Artifact;
import dev.graft.examples.greeter.Greeter;
import dev.graft.natives.fixture.HostUser;
import dev.graft.natives.fixture.Kit;
import dev.graft.natives.fixture.KitModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A native plugin's imports, as its descriptor declares them: the core reads them from the
 * manifest and refuses a load or reload whose imports are not registered or not granted (the
 * running version keeps serving); the native loader refuses an import whose functions do not
 * match the host module's interface, Mun's way; a descriptor of ABI version 1, from before
 * imports, is refused with a message that says to rebuild it.
 */
class NativeHostModuleImportTest {

    @TempDir
    Path dir;

    private Graft graft(UnaryOperator<GraftBuilder> hostModules) {
        return hostModules.apply(Fixtures.greeterHost().contract(HostUser.class)).build();
    }

    private static <E extends PluginException> E refused(Graft graft, Class<E> type, Path artifact, String... fragments) {
        E e = assertThrows(type, () -> graft.load(artifact));
        assertTrue(e.getMessage().contains(artifact.getFileName().toString()), "names the artifact: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        }
        assertEquals(List.of(), graft.plugins(), "nothing is loaded");
        return e;
    }

    @Test
    void theDescriptorsImportsAreTheManifests() {
        Path library = Fixtures.copy("host_user", dir, "host-user.so");
        assertEquals(List.of(ModuleRef.parse("test.native.kit@1.1"), ModuleRef.parse("graft.log@1.0"),
                        ModuleRef.parse("graft.config@1.0")),
                new NativePluginLoader().readManifest(new Artifact(library, library)).imports(), "in the descriptor's order");
    }

    @Test
    void anImportNotGrantedIsRefusedAtLoad() {
        try (Graft graft = graft(b -> b.hostModule(Kit.class, c -> new KitModule()).grant("someone-else", Kit.class))) {
            HostModuleException e = refused(graft, HostModuleException.class, Fixtures.copy("host_user", dir, "host-user.so"),
                    "plugin 'host-user'", "test.native.kit@1.1", "not granted to plugin 'host-user'");
            assertEquals(ModuleRef.parse("test.native.kit@1.1"), e.module());
        }
    }

    @Test
    void anImportNotRegisteredIsRefusedAtLoad() {
        try (Graft graft = graft(b -> b)) {
            refused(graft, HostModuleException.class, Fixtures.copy("host_user", dir, "host-user.so"),
                    "plugin 'host-user'", "test.native.kit@1.1", "none registered");
        }
    }

    @Test
    void aBuiltInRevokedIsRefused() {
        // the example greeter imports graft.log, which every plugin gets unless the host takes it back
        try (Graft graft = graft(b -> b.revokeFromAll(Log.class))) {
            refused(graft, HostModuleException.class, Fixtures.copy("greeter_v1", dir, "greeter.so"),
                    "plugin 'greeter'", "graft.log@1.0", "not granted");
        }
    }

    @Test
    void anImportNotGrantedIsRefusedAtReloadAndTheOldVersionServes() {
        try (Graft graft = graft(b -> b.hostModule(Kit.class, c -> new KitModule()))) {
            graft.load(Fixtures.copy("greeter_v1", dir, "greeter-v1.so"));
            Greeter greeter = graft.contract(Greeter.class);
            Path v2 = Fixtures.copy("greeter_kit", dir, "greeter-kit-v2.so");

            HostModuleException e = assertThrows(HostModuleException.class, () -> graft.reload("greeter", v2));
            assertTrue(e.getMessage().contains("plugin 'greeter'") && e.getMessage().contains("greeter-kit-v2.so")
                    && e.getMessage().contains("not granted"), e.getMessage());
            assertEquals("Hello, x!", greeter.greet("x"), "version 1 still serves");
            assertEquals("1.0.0", graft.plugin("greeter").orElseThrow().version().toString());
            assertEquals(List.of(), Fixtures.mapped("greeter-kit-v2.so"), "the refused library is not left mapped");
        }
    }

    @Test
    void anImportWhoseSignatureDiffersIsRefusedAtReloadAndTheOldVersionServes() {
        try (Graft graft = graft(b -> b.hostModule(Kit.class, c -> new KitModule()).grant("greeter", Kit.class))) {
            graft.load(Fixtures.copy("greeter_v1", dir, "greeter-v1.so"));
            Greeter greeter = graft.contract(Greeter.class);
            Path v2 = Fixtures.copy("import_mismatch", dir, "mismatch-v2.so");

            PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.reload("greeter", v2));
            assertEquals("plugin 'greeter' (mismatch-v2.so): host module test.native.kit@1.0: "
                    + "expected fn add(i32, i32) -> i32, found fn add(i32) -> i32", e.getMessage());
            assertEquals("Hello, x!", greeter.greet("x"));
            assertEquals(List.of(), Fixtures.mapped("mismatch-v2.so"));
        }
    }

    @Test
    void anImportOfAFunctionTheModuleLacksIsRefused() {
        try (Graft graft = graft(b -> b.hostModule(Kit.class, c -> new KitModule()).grant("greeter", Kit.class))) {
            refused(graft, PluginLinkException.class, Fixtures.copy("import_unknown_function", dir, "unknown.so"),
                    "host module test.native.kit@1.1: expected a function of the host's test.native.kit@1.1 ("
                            + Kit.class.getName() + ": fn add(i32, i32) -> i32, fn echo(str) -> str, fn fail(str), ",
                    "opaque (not for native plugins)", "found fn subtract(i32, i32) -> i32");
        }
    }

    @Test
    void anImportNamedWrongIsAManifestError() {
        try (Graft graft = graft(b -> b)) {
            refused(graft, ManifestException.class, Fixtures.copy("import_malformed", dir, "malformed.so"),
                    "plugin 'greeter'", "descriptor graft_plugin: expected a dotted host module name such as graft.log, "
                            + "found 'graft log'");
        }
    }

    @Test
    void aModuleImportedTwiceIsAManifestError() {
        try (Graft graft = graft(b -> b)) {
            refused(graft, ManifestException.class, Fixtures.copy("import_twice", dir, "twice.so"),
                    "plugin 'greeter'", "expected each host module imported once, found graft.log twice");
        }
    }

    @Test
    void anImportedSignatureThatDoesNotParseIsALinkError() {
        try (Graft graft = graft(b -> b)) {
            refused(graft, PluginLinkException.class, Fixtures.copy("import_unparsable", dir, "unparsable.so"),
                    "plugin 'greeter'", "host module graft.log@1.0: expected ')' at column 12 of signature 'fn info(str', "
                            + "found the end");
        }
    }

    @Test
    void aDescriptorOfAbiVersion1IsRefusedWithAClearMessage() {
        try (Graft graft = graft(b -> b)) {
            refused(graft, ManifestException.class, Fixtures.copy("abi_v1", dir, "old.so"),
                    "descriptor graft_plugin: expected descriptor ABI version 4 (or 3 or 2), found 1: the plugin was built against "
                            + "the graft.h of before host modules", "rebuild it against the current sdk/c/graft.h");
        }
    }

    @Test
    void aSidecarCannotImport() throws Exception {
        Path sidecar = Files.writeString(dir.resolve("zlib" + Sidecar.EXTENSION), """
                id = checksum
                version = 1.0.0
                provides = test.native.checksum@1.0
                imports = graft.log@1.0
                library = libz.so.1
                """);
        try (Graft graft = graft(b -> b)) {
            ManifestException e = refused(graft, ManifestException.class, sidecar,
                    "line 4", "expected no imports (a library that knows nothing of Graft cannot call host modules), "
                            + "found [graft.log@1.0]");
            assertEquals(4, e.line());
        }
    }
}
