package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.cli.dev.BuildContext;
import dev.graft.cli.dev.DevConsole;
import dev.graft.cli.dev.DevOutcome;
import dev.graft.cli.dev.DevSession;
import dev.graft.cli.dev.JavaSourceBuilder;
import dev.graft.cli.dev.WatSourceBuilder;
import dev.graft.cli.dev.CSourceBuilder;
import dev.graft.cli.dev.CWasmSourceBuilder;
import dev.graft.cli.dev.RustSourceBuilder;
import dev.graft.cli.dev.RustWasmSourceBuilder;
import dev.graft.cli.dev.ScriptSourceBuilder;
import dev.graft.cli.dev.SourceBuilder;
import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.jvm.JvmPluginLoader;
import dev.graft.natives.NativePluginLoader;
import dev.graft.polyglot.JsPluginLoader;
import dev.graft.polyglot.PythonPluginLoader;
import dev.graft.wasm.WasmPluginLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1 for graft new's skeletons under graft dev: for every kind, the skeleton of a small contract
 * builds and loads at once, and each stub answers its plain default; a save of the source (add
 * answers a + b) reloads, and the next call runs the new version; a save that does not compile
 * leaves that version serving (G2; for a script, which has no compiler, the reload refuses it),
 * and the fix loads. A kind whose toolchain is missing here is
 * skipped with the builder's message.
 */
class G1NewSkeletonReloadTest {

    @TempDir
    static Path shared;

    private static SkeletonContracts contracts;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileContracts() throws Exception {
        contracts = SkeletonContracts.compile(shared);
    }

    @Test
    void cSkeletonServesUnderGraftDevThenEachSave() throws Exception {
        devLoop("c", new CSourceBuilder(), contracts.both(), "test_calc_add(", "graft_ok_i32(0)", "graft_ok_i32(a + b)");
    }

    @Test
    void rustSkeletonServesUnderGraftDevThenEachSave() throws Exception {
        devLoop("rust", new RustSourceBuilder(), List.of(contracts.calc()), "test_calc_add(", "GraftResult::i32(0)",
                "GraftResult::i32(a + b)");
    }

    @Test
    void cWasmSkeletonServesUnderGraftDevThenEachSave() throws Exception {
        devLoop("c-wasm", new CWasmSourceBuilder(), contracts.both(), "test_calc_add(", "return 0;", "return a + b;");
    }

    @Test
    void rustWasmSkeletonServesUnderGraftDevThenEachSave() throws Exception {
        devLoop("rust-wasm", new RustWasmSourceBuilder(), List.of(contracts.calc()), "fn add(", "    0\n", "    a + b\n");
    }

    @Test
    void watSkeletonServesUnderGraftDevThenEachSave() throws Exception {
        devLoop("wat", new WatSourceBuilder(), List.of(contracts.calc()), "\"add\"", "(i32.const 0)",
                "(i32.add (local.get $a) (local.get $b))");
    }

    @Test
    void javaSkeletonServesUnderGraftDevThenEachSave() throws Exception {
        devLoop("java", new JavaSourceBuilder(), contracts.both(), "int add(", "return 0;", "return a + b;");
    }

    @Test
    void jsSkeletonServesUnderGraftDevThenEachSave() throws Exception {
        devLoop("js", ScriptSourceBuilder.js(), contracts.both(), "function add(", "return 0;", "return a + b;");
    }

    @Test
    void pythonSkeletonServesUnderGraftDevThenEachSave() throws Exception {
        devLoop("python", ScriptSourceBuilder.python(), contracts.both(), "def add(", "return 0\n", "return a + b\n");
    }

    /**
     * graft new KIND, then a dev session on its folder: the skeleton loads and every stub answers
     * its default; a save of the add stub (from -> to after anchor) reloads and the next call
     * answers a + b; a save that does not compile leaves that version serving; the fix loads.
     */
    private void devLoop(String kind, SourceBuilder builder, List<Class<?>> provided, String anchor, String from, String to)
            throws Exception {
        builder.missingToolchain().ifPresent(missing -> Assumptions.abort("kind " + kind + " skipped: " + missing));
        Console console = new Console();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        List<String> args = new ArrayList<>(List.of("new", kind, "calc-" + kind, plugins.toString(),
                "--classpath", contracts.classes().toString()));
        provided.forEach(c -> args.addAll(List.of("--contract", c.getName())));
        assertEquals(0, console.execute(args.toArray(String[]::new)), console.err());
        Path folder = plugins.resolve("calc-" + kind);
        String id = "calc-" + kind;

        // the JVM plugin's classes see the contracts through the host's loader, as graft dev's --classpath gives it
        GraftBuilder graftBuilder = Graft.builder().discoverLoaders(false)
                .loader(new JvmPluginLoader(contracts.calc().getClassLoader()))
                .loader(new NativePluginLoader())
                .loader(new WasmPluginLoader())
                .loader(new JsPluginLoader())
                .loader(new PythonPluginLoader());
        contracts.both().forEach(graftBuilder::contract);
        BlockingQueue<DevOutcome> outcomes = new LinkedBlockingQueue<>();
        try (Graft graft = graftBuilder.build();
                DevSession session = DevSession.builder(plugins, graft).outputDir(dir.resolve("out"))
                        .hostClassPath(List.of(contracts.classes())).contracts(provided)
                        .console(new DevConsole(new PrintWriter(Writer.nullWriter()), false))
                        .listener(outcomes::add).start()) {
            assertEquals(DevOutcome.Status.LOADED, next(outcomes).status());
            assertEquals(0, graft.invoke(id, "test.calc", "add", 2, 3));
            assertEquals(0L, graft.invoke(id, "test.calc", "scale", 7L));
            assertEquals(0.0, graft.invoke(id, "test.calc", "half", 3.0));
            assertEquals(false, graft.invoke(id, "test.calc", "even", 4));
            assertEquals("", graft.invoke(id, "test.calc", "name", "you"));
            assertArrayEquals(new byte[0], (byte[]) graft.invoke(id, "test.calc", "echo", (Object) new byte[] {1, 2}));
            if (provided.contains(contracts.shapes())) {
                Object pair = graft.invoke(id, "test.shapes", "pair", 5);
                assertEquals("Pair[left=0, right=0]", pair.toString());
            }

            Path source = editedSource(folder, kind);
            String text = Files.readString(source);
            int at = text.indexOf(from, text.indexOf(anchor));
            assertTrue(text.contains(anchor) && at >= 0, "the " + kind + " skeleton's add stub returns " + from);
            String edited = text.substring(0, at) + to + text.substring(at + from.length());
            Files.writeString(source, edited);
            assertEquals(DevOutcome.Status.RELOADED, next(outcomes).status());
            assertEquals(5, graft.invoke(id, "test.calc", "add", 2, 3));
            assertEquals(0L, graft.invoke(id, "test.calc", "scale", 7L));

            Files.writeString(source, edited + "\n@@ not " + kind + " @@\n");
            DevOutcome failed = next(outcomes);
            boolean script = builder instanceof ScriptSourceBuilder; // no compiler: the reload refuses it
            assertEquals(script ? DevOutcome.Status.RELOAD_FAILED : DevOutcome.Status.BUILD_FAILED, failed.status(), failed.message());
            assertTrue(failed.message().contains(script ? id : source.getFileName().toString()),
                    "the error names the " + (script ? "plugin" : "file") + ": " + failed.message());
            assertEquals(5, graft.invoke(id, "test.calc", "add", 2, 3), "the running version still serves");

            Files.writeString(source, edited);
            assertEquals(DevOutcome.Status.RELOADED, next(outcomes).status(), "the fixed source loads");
            assertEquals(5, graft.invoke(id, "test.calc", "add", 2, 3));
        }
    }

    /** The session's next outcome; the bound is for a broken session, not a timing requirement. */
    private static DevOutcome next(BlockingQueue<DevOutcome> outcomes) throws InterruptedException {
        DevOutcome outcome = outcomes.poll(120, TimeUnit.SECONDS);
        assertNotNull(outcome, "expected an outcome of graft dev within 120 s, found none");
        return outcome;
    }

    private static Path editedSource(Path folder, String kind) throws IOException {
        return switch (kind) {
            case "rust", "rust-wasm" -> folder.resolve("src/lib.rs");
            case "wat" -> only(folder, ".wat");
            case "js" -> only(folder, ".js");
            case "python" -> only(folder, ".py");
            case "java" -> only(folder, "CalcPlugin.java");
            default -> only(folder, ".c");
        };
    }

    private static Path only(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), "one " + suffix + " file in " + folder + ": " + found);
            return found.getFirst();
        }
    }

    /** The header is written from the contract class at each build: a method added to the contract is in the next build's header. */
    @Test
    void aChangedContractFlowsIntoTheNextBuild() throws Exception {
        SourceBuilder c = new CSourceBuilder();
        c.missingToolchain().ifPresent(missing -> Assumptions.abort("kind c skipped: " + missing));
        assertEquals(0, new Console().execute("new", "c", "calc", dir.toString(), "--classpath", contracts.classes().toString(),
                "--contract", contracts.calc().getName()));
        Path out = dir.resolve("out");
        c.build(dir.resolve("calc"), new BuildContext(out, List.of(contracts.classes()), List.of(contracts.calc())));
        Path header;
        try (Stream<Path> files = Files.walk(out)) {
            header = files.filter(f -> f.getFileName().toString().equals("test_calc.h")).findFirst().orElseThrow();
        }
        assertFalse(Files.readString(header).contains("test_calc_negate"));

        Class<?> changed = SkeletonContracts.compile(Files.createDirectories(dir.resolve("changed")),
                SkeletonContracts.CALC.replace("int add(int a, int b);", "int add(int a, int b);\n    int negate(int n);")).calc();
        c.build(dir.resolve("calc"), new BuildContext(out, List.of(contracts.classes()), List.of(changed)));
        assertTrue(Files.readString(header).contains("graft_result test_calc_negate(int32_t n);"), Files.readString(header));
    }

    @Test
    void eachSkeletonIsDetectedAsItsKindOnly() throws Exception {
        for (String kind : List.of("c", "rust", "c-wasm", "rust-wasm")) {
            assertEquals(0, new Console().execute("new", kind, "detect-" + kind, dir.toString(), "--classpath",
                    contracts.classes().toString(), "--contract", contracts.calc().getName()));
        }
        assertFalse(new CWasmSourceBuilder().accepts(dir.resolve("detect-c")), "a native C plugin is not c-wasm");
        assertTrue(new CSourceBuilder().accepts(dir.resolve("detect-c")));
        assertTrue(new CWasmSourceBuilder().accepts(dir.resolve("detect-c-wasm")), "c-wasm includes graft_wasm.h");
        assertTrue(new RustSourceBuilder().accepts(dir.resolve("detect-rust")));
        assertFalse(new RustWasmSourceBuilder().accepts(dir.resolve("detect-rust")));
        assertTrue(new RustWasmSourceBuilder().accepts(dir.resolve("detect-rust-wasm")), "its Cargo.toml names wasm32");
        assertFalse(new RustSourceBuilder().accepts(dir.resolve("detect-rust-wasm")));
    }
}
