package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.cli.dev.BuildContext;
import dev.graft.cli.dev.BuildFailure;
import dev.graft.cli.dev.CSourceBuilder;
import dev.graft.cli.dev.CWasmSourceBuilder;
import dev.graft.cli.dev.PluginSkeletons;
import dev.graft.cli.dev.RustSourceBuilder;
import dev.graft.cli.dev.RustWasmSourceBuilder;
import dev.graft.cli.dev.SkeletonException;
import dev.graft.cli.dev.SourceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5 for graft new and the C and Rust builders: bad input ends in a typed exception (exit status
 * 2 for the command) whose message says what was expected and what was found; a compile error is
 * a BuildFailure carrying the compiler's file:line:column; a missing toolchain is one line naming
 * the tool and how to install it.
 */
class G5NewSkeletonBadInputTest {

    @TempDir
    static Path shared;

    private static SkeletonContracts contracts;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileContracts() throws Exception {
        contracts = SkeletonContracts.compile(shared);
    }

    /** Runs graft new with the test's contracts on the class path; asserts exit status 2 and returns standard error. */
    private String refused(String... args) {
        Console console = new Console();
        List<String> all = new ArrayList<>(List.of("new"));
        all.addAll(List.of(args));
        all.addAll(List.of("--classpath", contracts.classes().toString()));
        assertEquals(2, console.execute(all.toArray(String[]::new)), console.out() + console.err());
        return console.err();
    }

    @Test
    void anUnknownKindIsRefused() {
        assertTrue(refused("cobol", "calc", dir.toString(), "--contract", contracts.calc().getName())
                .contains("expected a kind java, c, rust, wat, c-wasm, rust-wasm, js, python, found 'cobol'"));
    }

    @Test
    void aBadIdIsRefused() {
        assertTrue(refused("c", "Calc Plugin", dir.toString(), "--contract", contracts.calc().getName())
                .contains("expected a plugin id of lower-case letters, digits, '.', '_' or '-' (at most 128), found 'Calc Plugin'"));
        assertFalse(Files.exists(dir.resolve("Calc Plugin")));
    }

    @Test
    void aClassThatIsNotAContractIsRefused() {
        assertTrue(refused("java", "calc", dir.toString(), "--contract", "java.lang.Runnable")
                .contains("expected an interface annotated @dev.graft.api.Contract, found interface java.lang.Runnable without it"));
        assertTrue(refused("java", "calc", dir.toString(), "--contract", "test.skeleton.Missing")
                .contains("expected a class test.skeleton.Missing, found none"));
    }

    @Test
    void aFolderThatIsNotEmptyIsRefusedAndLeftAlone() throws Exception {
        Files.createDirectories(dir.resolve("calc"));
        Files.writeString(dir.resolve("calc/notes.txt"), "mine");
        assertTrue(refused("c", "calc", dir.toString(), "--contract", contracts.calc().getName())
                .contains("expected " + dir.resolve("calc") + " to be a missing or empty folder, found notes.txt in it"));
        assertEquals(List.of("notes.txt"), Files.list(dir.resolve("calc")).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void aContractTypeTheKindCannotServeIsRefusedBeforeAnythingIsWritten() {
        for (String kind : List.of("rust", "rust-wasm", "wat")) {
            String err = refused(kind, "shapes", dir.toString(), "--contract", contracts.calc().getName(),
                    "--contract", contracts.shapes().getName());
            assertTrue(err.contains("method pair: expected int, long, float, double, boolean, String, byte[] or ByteBuffer for a "
                    + kind + " skeleton, found test.skeleton.Pair"), err);
            assertFalse(Files.exists(dir.resolve("shapes")), kind);
        }
    }

    @Test
    void noContractIsRefused() {
        SkeletonException e = assertThrows(SkeletonException.class,
                () -> PluginSkeletons.write("c", "calc", List.of(), dir, "./graft dev ."));
        assertEquals("expected at least one --contract CLASS, found none", e.getMessage());
    }

    @Test
    void aCCompileErrorIsABuildFailureWithFileLineAndColumn() throws Exception {
        assertCompileError("c", new CSourceBuilder(), "calc.c", "graft_ok_i32(0)", "graft_ok_i32(undeclared)",
                Pattern.compile("calc\\.c:\\d+:\\d+: error: .undeclared. undeclared"));
    }

    @Test
    void aCWasmCompileErrorIsABuildFailureWithFileLineAndColumn() throws Exception {
        assertCompileError("c-wasm", new CWasmSourceBuilder(), "calc.c", "return 0;", "return undeclared;",
                Pattern.compile("calc\\.c:\\d+:\\d+: error: use of undeclared identifier 'undeclared'"));
    }

    @Test
    void aRustCompileErrorIsABuildFailureWithFileLineAndColumn() throws Exception {
        assertCompileError("rust", new RustSourceBuilder(), "src/lib.rs", "GraftResult::i32(0)", "GraftResult::i32(undeclared)",
                Pattern.compile("src/lib\\.rs:\\d+:\\d+"));
    }

    @Test
    void aRustWasmCompileErrorIsABuildFailureWithFileLineAndColumn() throws Exception {
        assertCompileError("rust-wasm", new RustWasmSourceBuilder(), "src/lib.rs", "    0\n", "    undeclared\n",
                Pattern.compile("src/lib\\.rs:\\d+:\\d+"));
    }

    private void assertCompileError(String kind, SourceBuilder builder, String file, String from, String to, Pattern expected)
            throws Exception {
        builder.missingToolchain().ifPresent(missing -> Assumptions.abort("kind " + kind + " skipped: " + missing));
        Path root = Files.createDirectories(dir.resolve(kind));
        PluginSkeletons.write(kind, "calc", List.of(contracts.calc()), root, "./graft dev " + root);
        Path source = root.resolve("calc").resolve(file);
        Files.writeString(source, Files.readString(source).replaceFirst(Pattern.quote(from), to));
        BuildContext context = new BuildContext(dir.resolve("out-" + kind), List.of(contracts.classes()), List.of(contracts.calc()));
        BuildFailure failure = assertThrows(BuildFailure.class, () -> builder.build(root.resolve("calc"), context));
        assertTrue(expected.matcher(failure.getMessage()).find(), kind + ": " + failure.getMessage());
    }

    @Test
    void aMissingToolchainIsOneLineSayingWhatToInstall() {
        assertEquals("clang not found: install clang and lld (apt-get install clang lld) to build C plugins for wasm",
                new CWasmSourceBuilder("/nonexistent/clang").missingToolchain().orElseThrow()
                        .replace("/nonexistent/clang", "clang"));
        assertEquals("/nonexistent/gcc not found: install gcc (apt-get install gcc), or name a C compiler in $CC, to build C plugins",
                new CSourceBuilder("/nonexistent/gcc").missingToolchain().orElseThrow());
    }
}
