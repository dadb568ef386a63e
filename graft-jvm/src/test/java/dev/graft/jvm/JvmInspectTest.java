package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ContractMismatchException;
import dev.graft.core.Graft;
import dev.graft.core.Inspection;
import dev.graft.core.PluginException;
import dev.graft.jvm.fixture.GreetingV1;
import dev.graft.jvm.fixture.NotAGreeting;
import dev.graft.jvm.fixture.ThrowingConstructor;
import dev.graft.jvm.fixture.ThrowingStaticInit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Graft#inspect} of a JVM plugin runs the link checks that need none of its code (classes
 * loaded, not initialised; nothing constructed), so a plugin whose static initialiser or
 * constructor throws inspects as loadable, and one that does not implement its contract is refused
 * with the load's message.
 */
class JvmInspectTest {

    @TempDir
    Path dir;

    @Test
    void neitherStaticInitialisersNorConstructorsRun() {
        Path clinit = TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", ThrowingStaticInit.class)
                .classes(GreetingV1.class).write(dir, "clinit.jar");
        Path ctor = TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", ThrowingConstructor.class)
                .classes(GreetingV1.class).write(dir, "ctor.jar");
        try (Graft graft = Graft.builder().build()) {
            for (Path jar : List.of(clinit, ctor)) {
                Inspection inspection = graft.inspect(jar);
                assertTrue(inspection.loadable(), jar + ": " + inspection.refusal());
                assertEquals("jvm", inspection.kind());
                assertTrue(inspection.description().functions().get("test.greeting@1.2").contains("fn greet(String) -> String"),
                        inspection.description().toString());
                assertThrows(PluginException.class, () -> graft.load(jar), "its code throws once it runs");
            }
        }
    }

    @Test
    void aClassNotImplementingItsContractIsRefusedAsTheLoadRefusesIt() {
        Path jar = TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", NotAGreeting.class).write(dir, "notimpl.jar");
        try (Graft graft = Graft.builder().build()) {
            Inspection inspection = graft.inspect(jar);
            ContractMismatchException load = assertThrows(ContractMismatchException.class, () -> graft.load(jar));
            assertEquals(load.getMessage(), assertInstanceOf(ContractMismatchException.class, inspection.refusal()).getMessage());
            assertEquals("greeting", inspection.manifest().id());
        }
    }
}
