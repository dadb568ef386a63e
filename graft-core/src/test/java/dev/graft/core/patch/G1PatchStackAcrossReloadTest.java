package dev.graft.core.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Patches stack: the default, the host's patch, then each plugin's in the order they came. Once a
 * plugin's reload returns its new body runs where its old one stood; once its unload returns,
 * whatever was below it runs again, not always the default. Run with plugins whose calls are
 * counted and not.
 */
class G1PatchStackAcrossReloadTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void reloadReplacesExactlyItsPatchAndUnloadRestoresWhatWasBelow(boolean counted) {
        TestPlugins plugins = new TestPlugins(dir);
        UnaryOperator<TestPlugin> kind = counted ? TestPlugin::drainBeforeStop : p -> p;
        Path a1 = plugins.write("a1.testplugin", kind.apply(TestPlugin.of("a", "1.0.0").patches("price").answer("101")));
        Path a2 = plugins.write("a2.testplugin", kind.apply(TestPlugin.of("a", "2.0.0").patches("price").answer("102")));
        Path aNone = plugins.write("a3.testplugin", kind.apply(TestPlugin.of("a", "3.0.0").answer("103")));
        Path b1 = plugins.write("b1.testplugin", kind.apply(TestPlugin.of("b", "1.0.0").patches("price").answer("201")));
        EventLog events = new EventLog();
        try (Graft graft = Graft.builder().loader(new TestLoader()).discoverLoaders(false).build()) {
            graft.events().subscribe(events);
            Patchable<IntUnaryOperator> p = graft.patchable("price", IntUnaryOperator.class, x -> x);
            IntUnaryOperator price = p.function();
            assertEquals(5, price.applyAsInt(5));
            p.patch(x -> 2 * x);
            assertEquals(10, price.applyAsInt(5));

            graft.load(a1);
            assertEquals(101, price.applyAsInt(5));
            graft.load(b1);
            assertEquals(201, price.applyAsInt(5));
            assertEquals(List.of("host", "a@1.0.0#1", "b@1.0.0#2"), suppliers(p));

            graft.reload("a", a2); // below b: its patch is replaced in place, b's still runs
            assertEquals(201, price.applyAsInt(5));
            assertEquals(List.of("host", "a@2.0.0#3", "b@1.0.0#2"), suppliers(p));

            graft.unload("b"); // a's new body was below it
            assertEquals(102, price.applyAsInt(5));

            p.restore(); // the host's patch goes from under a's
            assertEquals(102, price.applyAsInt(5));
            p.patch(x -> 3 * x);

            graft.reload("a", aNone); // a no longer patches it: the host's patch runs again
            assertEquals(15, price.applyAsInt(5));
            graft.reload("a", a2);
            assertEquals(102, price.applyAsInt(5));
            graft.unload("a");
            assertEquals(15, price.applyAsInt(5));
            p.restore();
            assertEquals(5, price.applyAsInt(5));
            assertEquals(List.of(), graft.patches());

            List<String> said = events.all().stream()
                    .filter(e -> e instanceof GraftEvent.Patched || e instanceof GraftEvent.Restored).map(Object::toString).toList();
            assertEquals(List.of(
                    "patched price with the body of the host; the host runs it",
                    "patched price with the body of plugin 'a' (a@1.0.0#1); plugin 'a' (a@1.0.0#1) runs it",
                    "patched price with the body of plugin 'b' (b@1.0.0#2); plugin 'b' (b@1.0.0#2) runs it",
                    "patched price with the body of plugin 'a' (a@2.0.0#3); plugin 'b' (b@1.0.0#2) runs it",
                    "restored price: the patch of plugin 'b' (b@1.0.0#2) is withdrawn; plugin 'a' (a@2.0.0#3) runs it",
                    "restored price: the patch of the host is withdrawn; plugin 'a' (a@2.0.0#3) runs it",
                    "patched price with the body of the host; plugin 'a' (a@2.0.0#3) runs it",
                    "restored price: the patch of plugin 'a' (a@2.0.0#3) is withdrawn; the host runs it",
                    "patched price with the body of plugin 'a' (a@2.0.0#5); plugin 'a' (a@2.0.0#5) runs it",
                    "restored price: the patch of plugin 'a' (a@2.0.0#5) is withdrawn; the host runs it",
                    "restored price: the patch of the host is withdrawn; the default runs it"), said);
            // a plugin's patch events follow its own: loaded, then patched; unloaded, then restored
            List<String> order = events.all().stream().filter(e -> "b".equals(e.pluginId()))
                    .filter(e -> !(e instanceof GraftEvent.Retired)).map(e -> e.getClass().getSimpleName()).toList();
            assertEquals(List.of("Loaded", "Patched", "Unloaded", "Restored"), order);
        }
    }

    private static List<String> suppliers(Patchable<?> p) {
        return p.patches().stream().map(i -> i.byHost() ? "host" : i.versionLabel()).toList();
    }
}
