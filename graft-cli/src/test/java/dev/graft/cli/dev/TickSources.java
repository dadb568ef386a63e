package dev.graft.cli.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plugin source folders implementing {@link Tick}, in Java and in WAT: each call adds {@code step}
 * to a count kept in the plugin's state (so a reload that keeps the state goes on counting from
 * where the old version was), and returns the new count. Editing a folder is rewriting it with
 * another step, or with a body that does not compile.
 */
final class TickSources {

    private TickSources() {
    }

    /** The Java plugin's source file, under a package folder (sources may be at any depth). */
    static Path javaSource(Path folder) {
        return folder.resolve("src/t/Ticker.java");
    }

    /** Writes (or rewrites) a Java plugin folder {@code id} whose calls add {@code step}. */
    static Path java(Path folder, String id, long step) throws IOException {
        Files.createDirectories(javaSource(folder).getParent());
        Files.writeString(folder.resolve("graft-plugin.properties"), """
                id = %s
                version = 1.0.0
                provides = test.tick@1.0
                provider.test.tick = t.Ticker
                state = t.TickState
                """.formatted(id));
        Files.writeString(folder.resolve("src/t/TickState.java"), """
                package t;
                public record TickState(long count) {}
                """);
        Files.writeString(javaSource(folder), javaTicker(step));
        return folder;
    }

    /** The Java source of a ticker adding {@code step}. */
    static String javaTicker(long step) {
        return """
                package t;
                public final class Ticker implements dev.graft.cli.dev.Tick {
                    private final dev.graft.api.StateCell<TickState> state;
                    public Ticker(dev.graft.api.PluginContext context) {
                        state = context.state(TickState.class);
                    }
                    public long tick() {
                        return state.update(s -> new TickState(s.count() + %d)).count();
                    }
                }
                """.formatted(step);
    }

    /** A Java ticker that does not compile: a missing semicolon on line 8. */
    static final String JAVA_BROKEN = javaTicker(1).replace("count();", "count()");

    /** The WAT plugin's source file. */
    static Path watSource(Path folder) {
        return folder.resolve("tick.wat");
    }

    /** Writes (or rewrites) a WAT plugin folder {@code id} whose calls add {@code step}. */
    static Path wat(Path folder, String id, long step) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(watSource(folder), watTicker(id, step));
        return folder;
    }

    /** The WAT source of a ticker adding {@code step}, its count an i64 at offset 0 of its state. */
    static String watTicker(String id, long step) {
        return """
                (; graft.manifest
                id = %s
                version = 1.0.0
                provides = test.tick@1.0
                state = count: i64
                state-size = 8
                ;)
                (module
                  (import "graft.state" "i64_add" (func $add (param i32 i64) (result i64)))
                  (func (export "tick") (result i64)
                    (call $add (i32.const 0) (i64.const %d))))
                """.formatted(id, step);
    }

    /** A WAT ticker that does not compile: an unknown instruction on line 11. */
    static String watBroken(String id) {
        return watTicker(id, 1).replace("(call $add", "(calll $add");
    }
}
