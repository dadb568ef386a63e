package dev.graft.jvm;

import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.core.testing.SignedPluginCases;
import dev.graft.jvm.fixture.Greeting;
import dev.graft.jvm.fixture.GreetingV1;
import dev.graft.jvm.fixture.GreetingV2;
import dev.graft.jvm.fixture.ThrowingConstructor;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * G2 and G5 for signed JVM plugins ({@link SignedPluginCases}): a jar that is unsigned, changed by
 * one byte or signed by a foreign key is refused before any of its classes is defined (its
 * provider's constructor throws: had it run, the failure would be a start failure).
 */
class G2JvmSignedPluginsTest extends SignedPluginCases {

    @Override
    protected GraftBuilder builder() {
        return Graft.builder();
    }

    @Override
    protected String pluginId() {
        return "greeting";
    }

    @Override
    protected String name(String stem) {
        return stem + ".jar";
    }

    @Override
    protected Path write(int version, String name) {
        return TestJar.plugin("greeting", version + ".0.0").provides("test.greeting@1.2", version == 1 ? GreetingV1.class : GreetingV2.class)
                .write(dir, name);
    }

    @Override
    protected Path writeFailingWhenRun(String name) {
        return TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", ThrowingConstructor.class)
                .classes(GreetingV1.class).write(dir, name);
    }

    @Override
    protected Supplier<String> caller(Graft graft) {
        Greeting greeting = graft.contract(Greeting.class);
        return () -> greeting.greet("x");
    }

    @Override
    protected String answer(int version) {
        return version == 1 ? "v1 hello x" : "v2 hi x";
    }
}
