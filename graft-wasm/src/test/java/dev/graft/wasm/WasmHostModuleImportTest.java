package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.core.HostModuleException;
import dev.graft.core.PluginException;
import dev.graft.core.PluginLinkException;
import dev.graft.wasm.fixture.Greeting;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.fixture.Impostor;
import dev.graft.wasm.fixture.Kit;
import dev.graft.wasm.fixture.KitModule;
import dev.graft.wasm.fixture.Numbers;
import dev.graft.wasm.fixture.Overloaded;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's rule at link time: an import of a function of a host module the plugin imports
 * (declared in its manifest, granted by the host) links; anything else fails the load or reload
 * with an error naming plugin, module and function (and, when the types differ, both signatures
 * in Mun's style), and a running version keeps serving.
 */
class WasmHostModuleImportTest {

    private static final String KIT_ADD = "(import \"test.wasm.kit\" \"add\" (func $add (param i32 i32) (result i64)))";

    @TempDir
    Path dir;

    private Graft graft;

    @AfterEach
    void close() {
        if (graft != null) {
            graft.close();
        }
    }

    private Graft graft(UnaryOperator<GraftBuilder> hosts) {
        graft = hosts.apply(Graft.builder().contract(Greeting.class).contract(Numbers.class)
                .hostModule(Kit.class, context -> new KitModule())).build();
        return graft;
    }

    private static UnaryOperator<GraftBuilder> granted() {
        return b -> b.grant("greeting", Kit.class).grant("numbers", Kit.class);
    }

    /** The greeting guest, version {@code version}, importing {@code imports} (WAT) and declaring {@code manifestImports}. */
    private Path greeting(String version, String manifestImports, String imports) {
        String manifest = Wat.manifest("greeting", version, "test.greeting@1.0", manifestImports.isEmpty() ? "" : "imports = " + manifestImports);
        return Wat.write(dir, "greeting-" + version + "-" + Integer.toHexString(imports.hashCode()) + ".wasm", manifest,
                imports.isEmpty() ? Guests.greeting("v" + version + " ", 1) : Wat.with(Guests.greeting("v" + version + " ", 1), imports));
    }

    /** A guest of {@link Numbers} without memory. */
    private Path numbers(String manifestImports, String imports, String extra) {
        String wat = Wat.with(Guests.NUMBERS.replace("(func (export \"bumps\")", extra + " (func (export \"bumps\")"), imports);
        return Wat.write(dir, "numbers-" + Integer.toHexString((imports + extra).hashCode()) + ".wasm",
                Wat.manifest("numbers", "1.0.0", "test.numbers@1.0", "imports = " + manifestImports), wat);
    }

    private static void assertMentions(Throwable e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected \"" + f + "\" in: " + e.getMessage());
        }
    }

    @Test
    void anImportOfAGrantedModuleLinks() {
        graft(granted()).load(numbers("test.wasm.kit@1.0", KIT_ADD, "(func (export \"answer\") (result i32)"
                + " (i32.wrap_i64 (call $add (i32.const 40) (i32.const 2))))"));
        assertEquals(42, graft.contract(Numbers.class).answer(), "no memory needed for numbers");
    }

    @Test
    void anImportOfAModuleTheManifestDoesNotDeclareIsRefused() {
        graft(granted());
        PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.load(greeting("1.0.0", "graft.log@1.0",
                "(import \"graft.config\" \"get\" (func (param i32 i32 i32) (result i64)))")));
        assertMentions(e, "plugin 'greeting'", "import graft.config.get: expected a function of a host module the plugin imports"
                + " (imports = graft.log@1.0), found none named graft.config; declare it in the manifest's imports");
    }

    @Test
    void anImportNotGrantedIsRefusedAtLoad() {
        graft(b -> b);
        HostModuleException e = assertThrows(HostModuleException.class, () -> graft.load(greeting("1.0.0", "test.wasm.kit@1.0", KIT_ADD)));
        assertMentions(e, "plugin 'greeting'", "test.wasm.kit@1.0", "not granted to plugin 'greeting'");
    }

    @Test
    void anImportNotGrantedIsRefusedAtReloadAndTheOldVersionServes() {
        graft(b -> b).load(greeting("1.0.0", "", ""));
        Greeting greeting = graft.contract(Greeting.class);
        HostModuleException e = assertThrows(HostModuleException.class,
                () -> graft.reload("greeting", greeting("2.0.0", "test.wasm.kit@1.0", KIT_ADD)));
        assertMentions(e, "plugin 'greeting'", "not granted to plugin 'greeting'");
        assertEquals("v1.0.0 x", greeting.greet("x"), "the old version serves");
        assertEquals("1.0.0", graft.plugin("greeting").orElseThrow().version().toString());
    }

    @Test
    void anImportWhoseSignatureDiffersIsRefusedAtReloadAndTheOldVersionServes() {
        graft(granted()).load(greeting("1.0.0", "", ""));
        Greeting greeting = graft.contract(Greeting.class);
        PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.reload("greeting", greeting("2.0.0",
                "test.wasm.kit@1.0", "(import \"test.wasm.kit\" \"add\" (func (param i32) (result i64)))")));
        assertMentions(e, "plugin 'greeting'", "host module test.wasm.kit@1.1: expected fn add(i32, i32) -> i32, found fn add(i32) -> i32"
                + " (wasm: expected (param i32 i32) (result i64), found (param i32) (result i64))");
        assertEquals("v1.0.0 x", greeting.greet("x"), "the old version serves");
    }

    @Test
    void signatureMismatchesAreDescribedInTheMethodsWordsWhereTheyLineUp() {
        graft(granted());
        PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.load(greeting("1.0.0", "test.wasm.kit@1.0", """
                (import "test.wasm.kit" "echo" (func (param i32 i32) (result i64)))
                (import "test.wasm.kit" "multiply" (func (param i64 i64 i32) (result i32)))
                (import "test.wasm.kit" "negate" (func (param i32)))
                """)));
        assertMentions(e, "expected fn echo(str) -> str, found fn echo(str) (result i64) (wasm: expected (param i32 i32 i32) (result i64),"
                        + " found (param i32 i32) (result i64))",
                "expected fn multiply(i64, i64) -> i64, found fn multiply(i64, i64, i32) (result i32)",
                "expected fn negate(bool) -> bool, found fn negate(bool) (no result)");
    }

    @Test
    void anImportOfAFunctionTheModuleLacksIsRefused() {
        graft(granted());
        PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.load(greeting("1.0.0", "test.wasm.kit@1.0",
                "(import \"test.wasm.kit\" \"subtract\" (func (param i32 i32) (result i64)))")));
        assertMentions(e, "host module test.wasm.kit@1.1: expected a function of the host's test.wasm.kit@1.1 (" + Kit.class.getName()
                + ": fn add(i32, i32) -> i32, fn echo(str) -> str, ", "opaque() (no wasm mapping)", "found import test.wasm.kit.subtract");
    }

    @Test
    void aFunctionWithoutAWasmMappingCannotBeImported() {
        graft(granted());
        PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.load(greeting("1.0.0", "test.wasm.kit@1.0",
                "(import \"test.wasm.kit\" \"opaque\" (func (param i32) (result i64)))")));
        assertMentions(e, "host module test.wasm.kit@1.1: opaque cannot be called by wasm plugins: method opaque(), result:"
                + " expected a type with a wasm mapping", "found java.lang.Object");
    }

    @Test
    void anImportThatIsNotAFunctionIsRefused() {
        graft(granted());
        PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.load(greeting("1.0.0", "",
                "(import \"env\" \"table\" (table 1 funcref))")));
        assertMentions(e, "import env.table: expected a function of a host module, found a table import");
    }

    @Test
    void graftHostOffersItsOwnFunctionsOnly() {
        graft(granted());
        PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.load(greeting("1.0.0", "", """
                (import "graft.host" "exit" (func (param i32)))
                (import "graft.host" "fail" (func (param i32 i32)))
                """)));
        assertMentions(e, "import graft.host.exit: expected a function of graft.host (error_message (param i32 i32) (result i32),"
                        + " fail (param i32 i32 i32)), found none named exit",
                "import graft.host.fail: expected (param i32 i32 i32), found (param i32 i32)");
    }

    @Test
    void aModuleThatOverloadsANameCannotBeImportedByWasm() {
        graft(b -> b.hostModule(Overloaded.class, context -> new Overloaded() {
            @Override
            public int twice(int x) {
                return 2 * x;
            }

            @Override
            public long twice(long x) {
                return 2 * x;
            }
        }).grant("greeting", Overloaded.class));
        PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.load(greeting("1.0.0", "test.wasm.overloaded@1.0",
                "(import \"test.wasm.overloaded\" \"twice\" (func (param i32) (result i64)))")));
        assertMentions(e, "host module test.wasm.overloaded@1.0", "expected one method per name (a wasm import names one function),"
                + " found twice(");
    }

    @Test
    void aHostModuleNamedGraftHostIsRefused() {
        // the core reserves the name: the host cannot even register such a module
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> graft(b -> b.hostModule(Impostor.class, context -> () -> 42)));
        assertTrue(e.getMessage().contains("expected a host module name other than graft.host"), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        graft(granted());
        PluginException e = assertThrows(PluginLinkException.class, () -> graft.load(greeting("1.0.0", "test.wasm.kit@1.0", """
                (import "env" "log" (func (param i32 i32)))
                (import "test.wasm.kit" "add" (func (param i64) (result i64)))
                (import "test.wasm.kit" "nothing" (func))
                """)));
        assertMentions(e, "import env.log", "expected fn add(i32, i32) -> i32", "found import test.wasm.kit.nothing");
    }

    @Test
    void hostFunctionsThatPassValuesThroughMemoryNeedOne() {
        graft(granted());
        PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.load(numbers("test.wasm.kit@1.0",
                "(import \"test.wasm.kit\" \"multiply\" (func (param i64 i64 i32) (result i64)))", "")));
        assertMentions(e, "plugin 'numbers'", "expected a memory (a host function it imports passes str, bytes, records or results"
                + " through it), found none");
    }

    @Test
    void hostFunctionsThatReturnStringsNeedTheAllocator() {
        graft(granted());
        PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.load(numbers("test.wasm.kit@1.0",
                "(import \"test.wasm.kit\" \"echo\" (func (param i32 i32 i32) (result i64)))", "(memory 1)")));
        assertMentions(e, "the memory convention (a host function it imports returns str or bytes): expected fn graft_alloc(i32 size)"
                + " -> i32, found no export named graft_alloc");
    }

    @Test
    void anExportedImportIsCheckedLikeAnyExport() {
        graft(granted());
        // the guest re-exports kit.add as its contract's add: (i32 i32) -> i64 is not Numbers.add's (i64 i64) -> i64
        String wat = Wat.with(Guests.NUMBERS.replace("(func (export \"add\")", "(func"),
                "(func (export \"add\") (import \"test.wasm.kit\" \"add\") (param i32 i32) (result i64))");
        PluginException e = assertThrows(PluginException.class, () -> graft.load(Wat.write(dir, "reexport.wasm",
                Wat.manifest("numbers", "1.0.0", "test.numbers@1.0", "imports = test.wasm.kit@1.0"), wat)));
        assertMentions(e, "expected fn add(i64, i64) -> i64, found fn add(i32, i32) -> i64");
    }
}
