package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCommandTest {

    /** The example greeter in WAT, without the host modules it would need granting: answers next(n) with n + 5. */
    private static final String GREETER = """
            (; graft.manifest
            id = wat-greeter
            version = 1.0.0
            provides = example.greeter@1.0
            ;)
            (module
              (memory (export "memory") 1)
              (func (export "graft_alloc") (param i32) (result i32) (i32.const 1024))
              (func (export "graft_free") (param i32 i32))
              (func (export "greet") (param i32 i32) (result i64) (i64.const 0))
              (func (export "next") (param i32) (result i32) (i32.add (local.get 0) (i32.const 5))))
            """;

    @TempDir
    Path plugins;

    @Test
    void devBuildsAFolderOfSourcesAndPrintsOneLinePerBuild() throws Exception {
        Path folder = Files.createDirectories(plugins.resolve("greeter"));
        Files.writeString(folder.resolve("greeter.wat"), GREETER);
        Console console = new Console();
        AtomicInteger status = new AtomicInteger(-1);
        Thread dev = Thread.ofPlatform().name("graft-dev-under-test")
                .start(() -> status.set(console.execute("dev", plugins.toString())));
        try {
            RunCommandTest.awaitOutput(console, "wat-greeter (wat): built in ");
            Files.writeString(folder.resolve("greeter.wat"), GREETER.replace("(i32.const 5)", "(i32.const 6)"));
            RunCommandTest.awaitOutput(console, "wat-greeter (wat) greeter.wat: built in ");
        } finally {
            dev.interrupt();
            dev.join();
        }
        assertEquals(0, status.get(), "exit status after interruption; err:\n" + console.err());
        assertTrue(console.out().startsWith("graft dev: building and watching " + plugins.toAbsolutePath().normalize()), console.out());
        assertTrue(console.out().contains(", reloaded in "), console.out());
    }

    /**
     * README's "Develop a plugin": its two commands, as written there, take a newcomer from
     * nothing to a plugin that serves, and a save of its source reloads it.
     */
    @Test
    void theReadmesTwoCommandsGoFromNothingToAPluginThatReloadsOnSave() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Develop a plugin"));
        String block = section.substring(section.indexOf("```sh\n") + 6, section.indexOf("```", section.indexOf("```sh\n") + 6));
        List<List<String>> commands = block.lines().map(line -> line.replaceFirst("#.*", "").strip())
                .map(line -> Arrays.asList(line.split(" +"))).toList();
        assertEquals("./graft", commands.get(0).getFirst(), block);
        assertEquals(List.of("./graft", "new"), commands.get(0).subList(0, 2), block);
        assertEquals(List.of("./graft", "dev", "plugins"), commands.get(1), block);

        // run in this test's folder: the README's relative "plugins" is plugins/plugins here
        Console created = new Console();
        assertEquals(0, created.execute(commands.get(0).stream().skip(1).map(a -> a.equals("plugins") ? plugins.resolve(a).toString() : a)
                .toArray(String[]::new)), created.err());
        Path folder = plugins.resolve("plugins/hello");
        Path source;
        try (Stream<Path> files = Files.walk(folder)) {
            source = files.filter(f -> f.toString().endsWith(".java")).findFirst().orElseThrow();
        }

        Console console = new Console();
        AtomicInteger status = new AtomicInteger(-1);
        Thread dev = Thread.ofPlatform().name("graft-dev-readme").start(() -> status.set(console.execute("dev", plugins.resolve("plugins").toString())));
        try {
            RunCommandTest.awaitOutput(console, "hello (java): built in ");
            String stub = Files.readString(source);
            assertTrue(stub.contains("return \"\";"), "greet's stub returns \"\": " + stub);
            Files.writeString(source, stub.replace("return \"\";", "return \"Hi, \" + name;"));
            RunCommandTest.awaitOutput(console, "hello (java) " + folder.relativize(source) + ": built in ");
        } finally {
            dev.interrupt();
            dev.join();
        }
        assertEquals(0, status.get(), "exit status after interruption; err:\n" + console.err());
        assertTrue(console.out().contains(", reloaded in "), console.out());
    }

    @Test
    void aMissingFolderIsAUsageErrorWithAClearMessage() {
        Console console = new Console();
        Path missing = plugins.resolve("no-such-folder");

        assertEquals(2, console.execute("dev", missing.toString()));
        assertEquals("graft dev: expected a folder of plugin source folders, found nothing at " + missing, console.err().strip());
    }

    @Test
    void aFileIsAUsageErrorWithAClearMessage() throws IOException {
        Console console = new Console();
        Path file = Files.writeString(plugins.resolve("greeter.wat"), "not a folder");

        assertEquals(2, console.execute("dev", file.toString()));
        assertEquals("graft dev: expected a folder of plugin source folders, found a file at " + file, console.err().strip());
    }

    @Test
    void aContractNotFoundIsAUsageErrorWithAClearMessage() {
        Console console = new Console();

        assertEquals(2, console.execute("dev", plugins.toString(), "--contract", "com.example.Missing"));
        assertEquals("graft dev: expected a class com.example.Missing, found none on graft's own class path", console.err().strip());
    }
}
