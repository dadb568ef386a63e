package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginStartException;
import dev.graft.core.StateDeclarationException;
import dev.graft.jvm.fixture.CounterStates;
import dev.graft.jvm.fixture.GreetingV1;
import dev.graft.jvm.fixture.StateMisuse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5 for JVM state: a state declaration that is not a record of supported types, and plugin code
 * that asks for its state wrongly, each fail the load with a typed exception naming the plugin, the
 * artifact, what was expected and what was found. Nothing is published.
 */
class G5JvmStateDeclarationTest {

    private static final String MANIFEST = "META-INF/graft-plugin.properties";

    @TempDir
    Path dir;

    @Test
    void aStateClassNotInTheJar() {
        Path jar = TestJar.plugin("bad", "1.0.0").line("state = p.MissingState").write(dir, "missing.jar");

        assertDeclaration(jar, "plugin 'bad' (missing.jar): " + MANIFEST + " 'state': expected a record class p.MissingState"
                + " in the jar, found no such class");
    }

    @Test
    void aStateNameThatIsNoClassName() {
        Path jar = TestJar.plugin("bad", "1.0.0").line("state = my state").write(dir, "name.jar");

        assertDeclaration(jar, "plugin 'bad' (name.jar): " + MANIFEST + " line 3: expected 'state = <the fully qualified name"
                + " of a record class>', found 'my state'");
    }

    @Test
    void aStateClassThatIsNotARecord() {
        Path jar = TestJar.plugin("bad", "1.0.0").line("state = " + GreetingV1.class.getName()).classes(GreetingV1.class)
                .write(dir, "class.jar");

        assertDeclaration(jar, "plugin 'bad' (class.jar): " + MANIFEST + " 'state': expected a record as state type, found "
                + GreetingV1.class.getName() + " (a class)");
    }

    @Test
    void aComponentOfAnUnsupportedType() {
        Path jar = TestJar.plugin("bad", "1.0.0").state(StateMisuse.WithThread.class).write(dir, "thread.jar");

        assertDeclaration(jar, "plugin 'bad' (thread.jar): " + MANIFEST + " 'state': expected a state field of a supported type"
                + " (primitives, their boxes, String, byte[], enums, records, List, Set and Map of these), found"
                + " worker: java.lang.Thread");
    }

    @Test
    void aNestedComponentOfAnUnsupportedType() {
        Path jar = TestJar.plugin("bad", "1.0.0").state(StateMisuse.WithOptional.class).write(dir, "optional.jar");

        StateDeclarationException e = assertDeclaration(jar, null);
        assertTrue(e.getMessage().endsWith("found inner.name: java.util.Optional<java.lang.String>"), e.getMessage());
    }

    @Test
    void askingForAnotherRecordThanTheManifestDeclares() {
        Path jar = TestJar.plugin("bad", "1.0.0").provides("test.greeting@1.2", StateMisuse.AsksForAnotherRecord.class)
                .state(CounterStates.V1.class).write(dir, "other.jar");

        IllegalArgumentException cause = assertLoadFailsIn(jar, IllegalArgumentException.class);
        assertEquals("plugin 'bad' asked for its state as " + CounterStates.V2.class.getName() + ", found its manifest declares "
                + CounterStates.V1.class.getName(), cause.getMessage());
    }

    @Test
    void askingForStateTheManifestDoesNotDeclare() {
        Path jar = TestJar.plugin("bad", "1.0.0").provides("test.greeting@1.2", StateMisuse.AsksForItsState.class)
                .write(dir, "none.jar");

        IllegalArgumentException cause = assertLoadFailsIn(jar, IllegalArgumentException.class);
        assertEquals("plugin 'bad' asked for its state as " + CounterStates.V1.class.getName() + " but its manifest declares"
                + " no state; add 'state = " + CounterStates.V1.class.getName() + "' to it", cause.getMessage());
    }

    @Test
    void readingTheStateInAConstructor() {
        Path jar = TestJar.plugin("bad", "1.0.0").provides("test.greeting@1.2", StateMisuse.ReadsInConstructor.class)
                .state(CounterStates.V1.class).write(dir, "early.jar");

        IllegalStateException cause = assertLoadFailsIn(jar, IllegalStateException.class);
        assertTrue(cause.getMessage().startsWith("expected the state of bad@1.0.0#"), cause.getMessage());
        assertTrue(cause.getMessage().contains("(" + CounterStates.V1.class.getName() + ") to be handed over before it is read,"
                + " found it not handed over yet: the runtime hands a version its state after its constructors ran and before"
                + " Plugin.start; a constructor may keep the cell, but not use it"), cause.getMessage());
    }

    @Test
    void takingTheCellInAConstructorWithoutReadingItLoads() {
        Path jar = TestJar.plugin("fine", "1.0.0").provides("test.greeting@1.2", StateMisuse.AsksForItsState.class)
                .state(CounterStates.V1.class).write(dir, "fine.jar");
        try (Graft graft = Graft.builder().build()) {
            graft.load(jar);
            assertEquals(java.util.Map.of("count", 0, "legacy", 0), graft.state("fine").orElseThrow());
        }
    }

    /** The load fails with a StateDeclarationException of this message (if given), and nothing is loaded. */
    private static StateDeclarationException assertDeclaration(Path jar, String message) {
        try (Graft graft = Graft.builder().build()) {
            StateDeclarationException e = assertThrows(StateDeclarationException.class, () -> graft.load(jar));
            if (message != null) {
                assertEquals(message, e.getMessage());
            }
            assertTrue(graft.plugins().isEmpty(), "nothing loaded");
            return e;
        }
    }

    /** The load fails because a provider's constructor threw {@code cause}, and the message says so. */
    private static <T extends Throwable> T assertLoadFailsIn(Path jar, Class<T> cause) {
        try (Graft graft = Graft.builder().build()) {
            PluginStartException e = assertThrows(PluginStartException.class, () -> graft.load(jar));
            assertTrue(e.getMessage().startsWith("plugin 'bad' (" + jar.getFileName() + "): constructor of "), e.getMessage());
            assertTrue(e.getMessage().contains(" threw " + cause.getName() + ": "), e.getMessage());
            assertTrue(graft.plugins().isEmpty(), "nothing loaded");
            return assertInstanceOf(cause, e.getCause());
        }
    }
}
