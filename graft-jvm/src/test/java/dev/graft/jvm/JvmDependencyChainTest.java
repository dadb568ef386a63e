package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginStartException;
import dev.graft.core.UnsatisfiedDependencyException;
import dev.graft.core.event.GraftEvent;
import dev.graft.jvm.fixture.Agenda;
import dev.graft.jvm.fixture.AgendaC;
import dev.graft.jvm.fixture.CalendarB;
import dev.graft.jvm.fixture.ChainProbe;
import dev.graft.jvm.fixture.ClockA1;
import dev.graft.jvm.fixture.ClockA2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dependency chain A (clock) &lt;- B (calendar) &lt;- C (agenda): reloading A re-links B then C, in
 * that order; a failure in C's re-link rolls the whole reload back.
 */
class JvmDependencyChainTest {

    @TempDir
    Path dir;

    private Path folder;
    private Path a2;

    @BeforeEach
    void jars() throws Exception {
        folder = Files.createDirectory(dir.resolve("plugins"));
        // named so that the folder's alphabetical order is not the dependency order
        TestJar.plugin("clock", "1.0.0").provides("test.clock@1.0", ClockA1.class).write(folder, "z-clock.jar");
        TestJar.plugin("calendar", "1.0.0").provides("test.calendar@1.0", CalendarB.class).requires("test.clock@1.0")
                .write(folder, "y-calendar.jar");
        TestJar.plugin("agenda", "1.0.0").provides("test.agenda@1.0", AgendaC.class).main(AgendaC.class)
                .requires("test.calendar@1.0").write(folder, "x-agenda.jar");
        a2 = TestJar.plugin("clock", "2.0.0").provides("test.clock@1.0", ClockA2.class).write(dir, "clock-2.jar");
        ChainProbe.STARTS.clear();
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty("graft.test.refuse-agenda");
    }

    @Test
    void reloadingTheBottomReLinksDependentsInOrder() {
        List<GraftEvent> events = new CopyOnWriteArrayList<>();
        try (Graft graft = Graft.builder().pluginDirectory(folder).subscribe(events::add).build()) {
            assertEquals(List.of("clock", "calendar", "agenda"), events.stream()
                    .filter(GraftEvent.Loaded.class::isInstance).map(GraftEvent::pluginId).toList(), "loaded in dependency order");
            Agenda agenda = graft.contract(Agenda.class);
            assertEquals("c(b(a1))", agenda.next());

            graft.reload("clock", a2);
            assertEquals("c(b(a2))", agenda.next());
            GraftEvent.Reloaded reloaded = events.stream().filter(GraftEvent.Reloaded.class::isInstance)
                    .map(GraftEvent.Reloaded.class::cast).findFirst().orElseThrow();
            assertEquals(List.of("calendar", "agenda"), reloaded.relinked());
            assertEquals(List.of("agenda", "agenda"), ChainProbe.STARTS, "C started at load and again at re-link");
            assertTrue(graft.plugin("agenda").orElseThrow().label().endsWith("#6"), graft.plugin("agenda").orElseThrow().label());
        }
    }

    @Test
    void aFailureInTheLastDependentRollsTheWholeReloadBack() {
        try (Graft graft = Graft.builder().pluginDirectory(folder).build()) {
            Agenda agenda = graft.contract(Agenda.class);
            String labelsBefore = graft.plugins().toString();
            System.setProperty("graft.test.refuse-agenda", "yes");

            PluginStartException e = assertThrows(PluginStartException.class, () -> graft.reload("clock", a2));
            assertEquals("agenda", e.pluginId());
            assertTrue(e.getMessage().startsWith("reloading plugin 'clock' (clock-2.jar) failed: dependent 'agenda' "
                    + "(x-agenda.jar) no longer links: start failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("agenda refuses to start"), e.getMessage());
            assertEquals("clock", e.reloadedPluginId());
            assertEquals("c(b(a1))", agenda.next(), "A, B and C all still the old versions");
            assertEquals(labelsBefore, graft.plugins().toString());

            System.clearProperty("graft.test.refuse-agenda");
            graft.reload("clock", a2);
            assertEquals("c(b(a2))", agenda.next());
        }
    }

    @Test
    void unloadingAPluginOthersDependOnIsRefused() {
        try (Graft graft = Graft.builder().pluginDirectory(folder).build()) {
            UnsatisfiedDependencyException e = assertThrows(UnsatisfiedDependencyException.class, () -> graft.unload("clock"));
            assertTrue(e.getMessage().contains("calendar, agenda"), e.getMessage());
            graft.unload("agenda");
            graft.unload("calendar");
            graft.unload("clock");
            assertEquals(List.of(), graft.plugins());
        }
    }
}
