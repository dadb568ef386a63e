package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.examples.greeter.Greeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A native plugin that ships a library it links beside itself and finds it through
 * {@code -Wl,-rpath,'$ORIGIN'} (src/test/c/acme): it loads, calls into the dependency, survives its
 * original being overwritten, and a reload after both were rebuilt behaves as docs/native-plugins.md
 * says ("Libraries a plugin ships beside itself").
 */
class NativeOriginDependencyTest {

    @TempDir
    Path dir;

    private final LinkedBlockingQueue<GraftEvent.Retired> retired = new LinkedBlockingQueue<>();

    private Graft graft() {
        return Fixtures.greeterHost().subscribe(e -> {
            if (e instanceof GraftEvent.Retired r) {
                retired.add(r);
            }
        }).build();
    }

    @Test
    void aPluginFindsTheLibraryBesideItThroughOriginAndCallsIntoIt() throws Exception {
        Path plugin = Fixtures.copy("acme_user_v1", dir, "libacme.so");
        Files.copy(dependency(1), dir.resolve("libacmedep.so"));
        try (Graft graft = graft()) {
            graft.load(plugin);
            Greeter greeter = graft.contract(Greeter.class);
            assertEquals(11, greeter.next(0), "plugin 1 calling dependency 1");
            assertEquals("Acme 1 with dependency 1, you!", greeter.greet("you"));
            List<String> mapped = Fixtures.mapped("libacme.so");
            assertEquals(1, mapped.size(), "one copy of the plugin is mapped: " + mapped);
            assertTrue(mapped.getFirst().startsWith(dir.toRealPath() + "/."),
                    "the copy lies hidden in the artifact's folder, so $ORIGIN is that folder: " + mapped);

            // the build may overwrite the original in place at any time: the mapped copy is not it
            Files.write(plugin, Files.readAllBytes(Fixtures.folder().resolve("acme_user_v2.so")));
            assertEquals(11, greeter.next(0));
        }
        assertEquals(List.of(), hiddenFiles(), "closing the runtime deletes the copy beside the artifact");
        assertEquals(List.of(), Fixtures.mapped("/.libacme.so"));
    }

    @Test
    void aReloadAfterBothWereRebuiltRunsTheNewPluginWithTheDependencyStillMapped() throws Exception {
        Path plugin = Fixtures.copy("acme_user_v1", dir, "libacme.so");
        Path dep = dir.resolve("libacmedep.so");
        Files.copy(dependency(1), dep);
        try (Graft graft = graft()) {
            graft.load(plugin);
            Greeter greeter = graft.contract(Greeter.class);
            assertEquals(11, greeter.next(0));

            rebuild(Fixtures.folder().resolve("acme_user_v2.so"), plugin);
            rebuild(dependency(2), dep);
            graft.reload("acme", plugin);
            // The new plugin is live; its dependency is the one already mapped: the system's loader
            // reuses a loaded library its DT_NEEDED names, and version 1 still mapped it while
            // version 2 was prepared (docs/native-plugins.md).
            assertEquals(21, greeter.next(0), "plugin 2, with dependency 1 still mapped");
            assertEquals("acme@1.0.0", label(retired.poll(30, TimeUnit.SECONDS)));
            assertEquals(21, greeter.next(0), "version 2 holds the dependency once version 1 is gone");

            // once no version maps it, the next load maps the rebuilt dependency
            graft.unload("acme");
            assertEquals("acme@2.0.0", label(retired.poll(30, TimeUnit.SECONDS)));
            assertEquals(List.of(), Fixtures.mapped(dir.toRealPath() + "/libacmedep.so"), "unmapped with its last user");
            graft.load(plugin);
            assertEquals(22, greeter.next(0), "plugin 2 with dependency 2");
            assertEquals("Acme 2 with dependency 2, you!", greeter.greet("you"));
        }
        assertEquals(List.of(), hiddenFiles(), "every copy beside the artifact is deleted");
    }

    private static Path dependency(int version) {
        return Fixtures.folder().resolve("acme/v" + version + "/libacmedep.so");
    }

    private static String label(GraftEvent.Retired event) {
        return event == null ? "no retirement within 30 s" : event.pluginId() + "@" + event.version();
    }

    /** Replaces a file as a linker does: a new file renamed over the old one (a mapped library keeps its own). */
    private static void rebuild(Path from, Path target) throws IOException {
        Path fresh = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(from, fresh, StandardCopyOption.REPLACE_EXISTING);
        Files.move(fresh, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private List<Path> hiddenFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
    }
}
