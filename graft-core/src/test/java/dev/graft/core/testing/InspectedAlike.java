package dev.graft.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.core.Graft;
import dev.graft.core.Inspection;
import dev.graft.core.PluginException;
import java.nio.file.Path;

/**
 * {@code graft inspect} refuses what a load refuses, with the same exception: the check each
 * loader's tests run on their refused artifacts.
 */
public final class InspectedAlike {

    private InspectedAlike() {
    }

    /**
     * Reloads {@code pluginId} from {@code artifact}, which must fail, then inspects it: the
     * inspection must refuse it with an exception of the same class and message.
     */
    public static void assertInspectionRefusesAsReload(Graft graft, String pluginId, Path artifact) {
        PluginException reloaded = assertThrows(PluginException.class, () -> graft.reload(pluginId, artifact), artifact.toString());
        Inspection inspection = graft.inspect(artifact);
        assertNotNull(inspection.refusal(), () -> artifact + ": the reload was refused (" + reloaded.getMessage()
                + "), the inspection found it loadable");
        assertEquals(reloaded.getClass(), inspection.refusal().getClass(), () -> artifact + ": " + inspection.refusal());
        assertEquals(reloaded.getMessage(), inspection.refusal().getMessage());
    }
}
