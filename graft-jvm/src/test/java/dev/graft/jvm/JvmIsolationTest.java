package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.graft.core.Graft;
import dev.graft.jvm.fixture.Greeting;
import dev.graft.jvm.fixture.GreetingV1;
import dev.graft.jvm.fixture.LibGreeting;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each plugin version has its own class loader: a library two plugins bundle in different versions
 * is each plugin's own, while graft-api and contract types are the host's, even if bundled.
 */
class JvmIsolationTest {

    @TempDir
    Path dir;

    @Test
    void pluginsBundlingDifferentVersionsOfOneLibraryEachSeeTheirOwn() {
        Path a = TestJar.plugin("alpha", "1.0.0").provides("test.greeting@1.2", LibGreeting.class).classes(GreetingV1.class)
                .entry("dev/graft/jvm/fixture/lib/Lib.class", lib("alpha's lib")).write(dir, "alpha.jar");
        Path b = TestJar.plugin("beta", "1.0.0").provides("test.greeting@1.2", LibGreeting.class).classes(GreetingV1.class)
                .entry("dev/graft/jvm/fixture/lib/Lib.class", lib("beta's lib")).write(dir, "beta.jar");
        Path c = TestJar.plugin("gamma", "1.0.0").provides("test.greeting@1.2", LibGreeting.class).classes(GreetingV1.class)
                .write(dir, "gamma.jar");
        try (Graft graft = Graft.builder().build()) {
            graft.load(a);
            graft.load(b);
            graft.load(c);
            assertEquals("lib alpha's lib", graft.contractOf("alpha", Greeting.class).greet(""));
            assertEquals("lib beta's lib", graft.contractOf("beta", Greeting.class).greet(""));
            assertEquals("lib host", graft.contractOf("gamma", Greeting.class).greet(""), "not bundled: the host's copy");
            List<Greeting> all = graft.contracts(Greeting.class);
            assertEquals(3, all.size());
            assertNotSame(all.get(0).classLoader(), all.get(1).classLoader());
        }
    }

    @Test
    void aBundledContractTypeIsStillTheHostsOne() {
        Path jar = TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", GreetingV1.class)
                .classes(Greeting.class).write(dir, "bundles-contract.jar");
        try (Graft graft = Graft.builder().build()) {
            graft.load(jar);
            Greeting greeting = graft.contract(Greeting.class);
            ClassLoader plugin = greeting.classLoader();
            assertNotSame(getClass().getClassLoader(), plugin);
            assertSame(Greeting.class, classIn(plugin, Greeting.class.getName()), "contract from the host");
            assertSame(dev.graft.api.Plugin.class, classIn(plugin, dev.graft.api.Plugin.class.getName()), "graft-api from the host");
            assertNotSame(GreetingV1.class, classIn(plugin, GreetingV1.class.getName()), "the plugin's own class is its own");
        }
    }

    private static Class<?> classIn(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** A version of {@code Lib} whose {@code version()} returns {@code text}. */
    private static byte[] lib(String text) {
        return ClassFile.of().build(ClassDesc.of("dev.graft.jvm.fixture.lib.Lib"), cb -> cb
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL)
                .withMethodBody("version", MethodTypeDesc.of(ConstantDescs.CD_String),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code.ldc(text).areturn()));
    }
}
