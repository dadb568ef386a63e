package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.cli.dev.BuildContext;
import dev.graft.cli.dev.CSourceBuilder;
import dev.graft.cli.dev.CWasmSourceBuilder;
import dev.graft.cli.dev.RustSourceBuilder;
import dev.graft.cli.dev.RustWasmSourceBuilder;
import dev.graft.cli.dev.SourceBuilder;
import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.jvm.JvmPluginLoader;
import dev.graft.natives.NativePluginLoader;
import dev.graft.wasm.WasmPluginLoader;
import dev.graft.wasm.tools.WatCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1 for graft new's skeletons: for every kind, the skeleton of a small contract builds (with the
 * kind's builder), Graft loads it and each stub answers its plain default; then an edit of the
 * source (add answers a + b), a new build and a reload, and every new call runs the new version.
 * A kind whose toolchain is missing here is skipped with the builder's message.
 */
class G1NewSkeletonReloadTest {

    @TempDir
    static Path shared;

    private static SkeletonContracts contracts;

    @TempDir
    Path dir;

    /** Builds a plugin folder into an artifact: a kind's SourceBuilder, or the test's own for java and wat. */
    @FunctionalInterface
    interface Build {
        Path build(Path folder) throws Exception;
    }

    @BeforeAll
    static void compileContracts() throws Exception {
        contracts = SkeletonContracts.compile(shared);
    }

    @Test
    void cSkeletonAnswersDefaultsThenTheEditAfterReload() throws Exception {
        roundTrip("c", builder(new CSourceBuilder()), contracts.both(), "test_calc_add(", "graft_ok_i32(0)", "graft_ok_i32(a + b)");
    }

    @Test
    void rustSkeletonAnswersDefaultsThenTheEditAfterReload() throws Exception {
        roundTrip("rust", builder(new RustSourceBuilder()), List.of(contracts.calc()), "test_calc_add(", "GraftResult::i32(0)",
                "GraftResult::i32(a + b)");
    }

    @Test
    void cWasmSkeletonAnswersDefaultsThenTheEditAfterReload() throws Exception {
        roundTrip("c-wasm", builder(new CWasmSourceBuilder()), contracts.both(), "test_calc_add(", "return 0;", "return a + b;");
    }

    @Test
    void rustWasmSkeletonAnswersDefaultsThenTheEditAfterReload() throws Exception {
        roundTrip("rust-wasm", builder(new RustWasmSourceBuilder()), List.of(contracts.calc()), "fn add(", "    0\n", "    a + b\n");
    }

    @Test
    void watSkeletonAnswersDefaultsThenTheEditAfterReload() throws Exception {
        roundTrip("wat", folder -> {
            Path wat = only(folder, ".wat");
            return Files.write(Files.createTempFile(dir, "wat-", ".wasm"), WatCompiler.compile(Files.readString(wat), wat.toString()));
        }, List.of(contracts.calc()), "\"add\"", "(i32.const 0)", "(i32.add (local.get $a) (local.get $b))");
    }

    @Test
    void javaSkeletonAnswersDefaultsThenTheEditAfterReload() throws Exception {
        roundTrip("java", folder -> {
            Map<String, String> sources = new HashMap<>();
            try (Stream<Path> files = Files.walk(folder.resolve("src"))) {
                for (Path java : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    sources.put(java.getFileName().toString().replace(".java", ""), Files.readString(java));
                }
            }
            Path classes = Javac.compile(Files.createTempDirectory(dir, "javac-"), sources, contracts.classes());
            List<String> entries;
            try (Stream<Path> files = Files.walk(classes)) {
                entries = files.filter(f -> f.toString().endsWith(".class")).map(f -> classes.relativize(f).toString()).toList();
            }
            return PluginJar.write(Files.createTempFile(dir, "java-", ".jar"),
                    Files.readString(folder.resolve("graft-plugin.properties")), classes, entries.toArray(String[]::new));
        }, contracts.both(), "int add(", "return 0;", "return a + b;");
    }

    private Build builder(SourceBuilder builder) {
        builder.missingToolchain().ifPresent(missing -> Assumptions.abort("kind " + builder.kind() + " skipped: " + missing));
        return folder -> {
            assertTrue(builder.accepts(folder), "the " + builder.kind() + " builder accepts its own skeleton");
            return builder.build(folder, new BuildContext(dir.resolve("out"), List.of(contracts.classes()), contracts.both()));
        };
    }

    /**
     * graft new KIND, build, load, every stub's default; edit the add stub (from -> to after
     * anchor), build, reload, the new answer.
     */
    private void roundTrip(String kind, Build build, List<Class<?>> provided, String anchor, String from, String to)
            throws Exception {
        Console console = new Console();
        List<String> args = new ArrayList<>(List.of("new", kind, "calc-" + kind, dir.toString(),
                "--classpath", contracts.classes().toString()));
        provided.forEach(c -> args.addAll(List.of("--contract", c.getName())));
        assertEquals(0, console.execute(args.toArray(String[]::new)), console.err());
        Path folder = dir.resolve("calc-" + kind);
        String id = "calc-" + kind;

        // the JVM plugin's classes see the contracts through the host's loader, as graft dev's --classpath gives it
        GraftBuilder graftBuilder = Graft.builder().discoverLoaders(false)
                .loader(new JvmPluginLoader(contracts.calc().getClassLoader()))
                .loader(new NativePluginLoader())
                .loader(new WasmPluginLoader());
        contracts.both().forEach(graftBuilder::contract);
        try (Graft graft = graftBuilder.build()) {
            graft.load(build.build(folder));
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
            Files.writeString(source, text.substring(0, at) + to + text.substring(at + from.length()));

            graft.reload(id, build.build(folder));
            assertEquals(5, graft.invoke(id, "test.calc", "add", 2, 3));
            assertEquals(0L, graft.invoke(id, "test.calc", "scale", 7L));
        }
    }

    private static Path editedSource(Path folder, String kind) throws IOException {
        return switch (kind) {
            case "rust", "rust-wasm" -> folder.resolve("src/lib.rs");
            case "wat" -> only(folder, ".wat");
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
