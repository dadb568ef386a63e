package dev.graft.core.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginLinkException;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G2 for patches: a load or reload whose manifest patches an unknown function, or whose body does
 * not implement the function's interface, fails naming plugin, artifact, what was expected and
 * what was found, and the patches that ran before still run.
 */
class G2PatchFailureChangesNothingTest {

    @TempDir
    Path dir;

    private Graft graft() {
        return Graft.builder().loader(new TestLoader()).discoverLoaders(false).build();
    }

    @Test
    void aPatchOfAnUnknownFunctionFailsTheLoad() {
        TestPlugins plugins = new TestPlugins(dir);
        Path bad = plugins.write(TestPlugin.of("a", "1.0.0").patches("prize").answer("1"));
        try (Graft graft = graft()) {
            Patchable<IntUnaryOperator> p = graft.patchable("price", IntUnaryOperator.class, x -> x);
            PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.load(bad));
            assertEquals("plugin 'a' (" + bad.getFileName() + "): expected a patchable function 'prize' declared by the host (patches = prize), "
                    + "found only price", e.getMessage());
            assertTrue(graft.plugins().isEmpty());
            assertEquals(7, p.function().applyAsInt(7));
        }
    }

    @Test
    void aReloadWithAMismatchedBodyKeepsTheOldPatchRunning() {
        TestPlugins plugins = new TestPlugins(dir);
        Path good = plugins.write("a1.testplugin", TestPlugin.of("a", "1.0.0").patches("price").answer("101"));
        Path wrong = plugins.write("a2.testplugin", TestPlugin.of("a", "2.0.0").patches("price").answer("102")
                .set(TestPlugin.PATCH_WRONG, "true"));
        Path unknown = plugins.write("a3.testplugin", TestPlugin.of("a", "3.0.0").patches("price", "tax").answer("103"));
        try (Graft graft = graft()) {
            Patchable<IntUnaryOperator> p = graft.patchable("price", IntUnaryOperator.class, x -> x);
            graft.load(good);
            PluginLinkException e = assertThrows(PluginLinkException.class, () -> graft.reload("a", wrong));
            assertEquals("plugin 'a' (" + wrong.getFileName() + "): expected a body for patchable function 'price' "
                    + "(java.util.function.IntUnaryOperator) implementing fn price(int) -> int, found a java.lang.Object", e.getMessage());
            assertThrows(PluginLinkException.class, () -> graft.reload("a", unknown));
            assertEquals(101, p.function().applyAsInt(7));
            assertEquals(List.of("a@1.0.0#1"), p.patches().stream().map(PatchInfo::versionLabel).toList());
        }
    }
}
