package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.patch.PatchInfo;
import dev.graft.core.patch.Patchable;
import dev.graft.examples.host.pricing.BlackFriday;
import dev.graft.examples.host.pricing.PricingHost;
import dev.graft.natives.NativePatchHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/patchable.md runs as the page tells it: the host's default rule, the
 * JVM plugin's patch on top of it, the C plugin's (built with gcc against bindgen's header, its
 * patch in its descriptor) on top of that, the sidecar's (libm's floor) on top of all, and each
 * withdrawn again by its unload; and {@code graft inspect} judges the C plugin as the page says.
 */
class PatchableDocExampleTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "host", "src", "main");

    @TempDir
    Path dir;

    @Test
    void theDefaultRuleThenTheJvmPatchThenTheCPatch() throws Exception {
        Path jvm = jvmPlugin();
        Path c = cPlugin();
        try (Graft graft = Graft.builder().build()) {
            Patchable<DoubleUnaryOperator> rule = PricingHost.declareDiscount(graft);
            DoubleUnaryOperator discount = rule.function();
            assertEquals(108.0, discount.applyAsDouble(120.0), 1e-9);
            graft.load(jvm);
            assertEquals(60.0, discount.applyAsDouble(120.0), 1e-9);
            graft.load(c);
            assertEquals(84.0, discount.applyAsDouble(120.0), 1e-9);
            assertEquals(List.of("pricing-jvm", "pricing-c"), rule.patches().stream().map(PatchInfo::pluginId).toList());
            graft.load(EXAMPLE.resolve("c/rounding.graft-native"));
            assertEquals(120.0, discount.applyAsDouble(120.7), 1e-9);
            graft.unload("rounding");
            assertEquals(84.49, discount.applyAsDouble(120.7), 1e-9);
            graft.unload("pricing-c");
            assertEquals(60.0, discount.applyAsDouble(120.0), 1e-9);
            graft.unload("pricing-jvm");
            assertEquals(108.0, discount.applyAsDouble(120.0), 1e-9);
        }
    }

    /** The page's inspect line: loadable once the host's function is declared, refused before. */
    @Test
    void inspectJudgesTheCPluginAgainstTheDeclaredFunction() throws Exception {
        String c = cPlugin().toString();
        Console undeclared = new Console();
        assertEquals(1, undeclared.execute("inspect", c), undeclared.err());
        assertTrue(undeclared.out().contains("patches:     discount\n"), undeclared.out());
        assertTrue(undeclared.out().contains("found none declared"), undeclared.out());
        Console declared = new Console();
        assertEquals(0, declared.execute("inspect", c, "--patchable", "discount=java.util.function.DoubleUnaryOperator"),
                declared.out() + declared.err());
    }

    /** The plugin jar: the example's manifest and BlackFriday's class. */
    private Path jvmPlugin() throws IOException {
        Path jar = dir.resolve("pricing-jvm.jar");
        String clazz = BlackFriday.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             InputStream bytes = BlackFriday.class.getClassLoader().getResourceAsStream(clazz)) {
            out.putNextEntry(new JarEntry("META-INF/graft-plugin.properties"));
            out.write(Files.readAllBytes(EXAMPLE.resolve("plugin/pricing-jvm.properties")));
            out.putNextEntry(new JarEntry(clazz));
            out.write(bytes.readAllBytes());
        }
        return jar;
    }

    /** libpricing.so built with gcc from pricing.c, bindgen's header and graft.h. */
    private Path cPlugin() throws IOException, InterruptedException {
        Process probe;
        try {
            probe = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
        } catch (IOException e) {
            probe = null;
        }
        Assumptions.assumeTrue(probe != null && probe.waitFor() == 0, "gcc does not run here: the C plugin of docs/patchable.md is skipped");
        Files.writeString(dir.resolve("discount.h"), NativePatchHeader.header("discount", DoubleUnaryOperator.class));
        Process gcc = new ProcessBuilder("gcc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared", "-fvisibility=hidden",
                "-I", Path.of("..", "sdk", "c").toString(), "-I", dir.toString(), "-o", dir.resolve("libpricing.so").toString(), EXAMPLE.resolve("c/pricing.c").toString())
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes());
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc builds pricing.c:\n" + output);
        return dir.resolve("libpricing.so");
    }
}
