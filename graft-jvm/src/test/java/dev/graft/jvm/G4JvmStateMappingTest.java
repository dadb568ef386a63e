package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.state.StateChange.Kind;
import dev.graft.core.state.StateReport;
import dev.graft.core.testing.EventLog;
import dev.graft.jvm.fixture.MappingStates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * G4's mapping rules on JVM state records, each rule alone: a plugin starts with the old record's
 * defaults, is reloaded to a version keeping the new record, and the new version's state (read back
 * from its record, so the record was built) and the reload event's report say what the rule says.
 */
class G4JvmStateMappingTest {

    private static final String ID = "mapped";

    @TempDir
    Path dir;

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("same name and type: kept", MappingStates.LongSeven.class, MappingStates.LongN.class,
                        Map.of("n", 7L), Kind.KEPT, "state mapped: 1 kept"),
                rule("int -> long: converted", MappingStates.IntSeven.class, MappingStates.LongN.class,
                        Map.of("n", 7L), Kind.CONVERTED, "state mapped: n i32 -> i64, 0 kept"),
                rule("float -> double: converted", MappingStates.FloatHalf.class, MappingStates.DoubleN.class,
                        Map.of("n", 1.5d), Kind.CONVERTED, "state mapped: n f32 -> f64, 0 kept"),
                rule("short -> int: converted", MappingStates.ShortSeven.class, MappingStates.IntN.class,
                        Map.of("n", 7), Kind.CONVERTED, "state mapped: n i16 -> i32, 0 kept"),
                rule("byte -> long: converted", MappingStates.ByteSeven.class, MappingStates.LongN.class,
                        Map.of("n", 7L), Kind.CONVERTED, "state mapped: n i8 -> i64, 0 kept"),
                rule("long -> int: reset to the record's default", MappingStates.LongSeven.class, MappingStates.IntN.class,
                        Map.of("n", -1), Kind.RESET, "state mapped: n reset (i64 -> i32 is not a lossless widening), 0 kept"),
                rule("String -> int: reset to the record's default", MappingStates.TextSeven.class, MappingStates.IntN.class,
                        Map.of("n", -1), Kind.RESET, "state mapped: n reset (str -> i32 is not a lossless widening), 0 kept"),
                rule("a boxed null into a primitive: reset", MappingStates.BoxedNull.class, MappingStates.IntN.class,
                        Map.of("n", -1), Kind.RESET, "state mapped: n reset (null cannot become i32), 0 kept"),
                rule("a new field at the record's default", MappingStates.LongSeven.class, MappingStates.WithLabel.class,
                        Map.of("n", 7L, "label", "fresh"), Kind.NEW, "state mapped: label new, 1 kept"),
                rule("a new field at its zero", MappingStates.LongSeven.class, MappingStates.WithExtra.class,
                        Map.of("n", 7L, "extra", 0), Kind.NEW, "state mapped: extra new, 1 kept"),
                rule("a removed field: dropped", MappingStates.SevenAndThree.class, MappingStates.LongN.class,
                        Map.of("n", 7L), Kind.DROPPED, "state mapped: extra dropped, 1 kept"),
                rule("@RenamedFrom: renamed", MappingStates.Hits.class, MappingStates.Total.class,
                        Map.of("total", 7L), Kind.RENAMED, "state mapped: total renamed from hits, 0 kept"),
                rule("@RenamedFrom and int -> long: renamed and converted", MappingStates.IntHits.class, MappingStates.Total.class,
                        Map.of("total", 7L), Kind.RENAMED, "state mapped: total renamed from hits (i32 -> i64), 0 kept"),
                rule("a field added to a nested record", MappingStates.Place.class, MappingStates.Place3.class,
                        Map.of("origin", Map.of("x", 1d, "y", 2d, "z", 0d)), Kind.NEW, "state mapped: origin.z new, 2 kept"),
                rule("a field renamed in a nested record", MappingStates.Place.class, MappingStates.LeftPlace.class,
                        Map.of("origin", Map.of("left", 1d, "y", 2d)), Kind.RENAMED,
                        "state mapped: origin.left renamed from x, 1 kept"),
                rule("an enum constant that stays: converted by name", MappingStates.Green.class, MappingStates.HueOf.class,
                        Map.of("c", "GREEN"), Kind.CONVERTED,
                        "state mapped: c enum Color{RED, GREEN, BLUE} -> enum Hue{GREEN, BLUE}, 0 kept"),
                rule("a removed enum constant: reset to the record's default", MappingStates.Red.class, MappingStates.HueOf.class,
                        Map.of("c", "BLUE"), Kind.RESET,
                        "state mapped: c reset (constant RED is not one of enum Hue{GREEN, BLUE}), 0 kept"),
                rule("a list of records: element by element", MappingStates.Roster.class, MappingStates.Members.class,
                        Map.of("people", List.of(Map.of("name", "ada", "age", 36L, "active", false),
                                Map.of("name", "alan", "age", 41L, "active", false))), Kind.NEW,
                        "state mapped: people[].age i32 -> i64, people[].active new, 1 kept"),
                rule("a map of records: element by element", MappingStates.Directory.class, MappingStates.MemberDirectory.class,
                        Map.of("people", Map.of("ada", Map.of("name", "ada", "age", 36L, "active", false))), Kind.NEW,
                        "state mapped: people[].age i32 -> i64, people[].active new, 1 kept"));
    }

    private static Arguments rule(String name, Class<? extends Record> from, Class<? extends Record> to, Map<String, Object> mapped,
                                  Kind kind, String report) {
        return Arguments.of(name, from, to, mapped, kind, report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleMapsTheStateAndTheReloadEventSaysSo(String rule, Class<? extends Record> from, Class<? extends Record> to,
                                                     Map<String, Object> mapped, Kind kind, String report) {
        EventLog events = new EventLog();
        try (Graft graft = Graft.builder().subscribe(events).build()) {
            graft.load(StateJars.stateOnly(dir, ID, "1.0.0", from));
            graft.reload(ID, StateJars.stateOnly(dir, ID, "2.0.0", to));

            assertEquals(mapped, graft.state(ID).orElseThrow(), rule);
            StateReport state = events.all(GraftEvent.Reloaded.class).getFirst().state();
            assertEquals(report, state.toString(), rule);
            assertEquals(kind == Kind.KEPT, state.changes().stream().allMatch(c -> c.kind() == Kind.KEPT), rule);
            assertEquals(1, state.changes(kind).size(), rule + ": " + state);
        }
    }

    /** A record without a no-argument constructor starts at each component's zero: every kind of component can be built from it. */
    @Test
    void aFirstLoadBuildsEveryKindOfComponentFromItsZero() {
        try (Graft graft = Graft.builder().build()) {
            graft.load(StateJars.stateOnly(dir, ID, "1.0.0", MappingStates.Everything.class));

            Map<String, Object> state = new LinkedHashMap<>(graft.state(ID).orElseThrow());
            assertArrayEquals(new byte[0], (byte[]) state.remove("bytes"));
            Map<String, Object> zeros = new LinkedHashMap<>();
            zeros.put("b", false);
            zeros.put("i8", (byte) 0);
            zeros.put("i16", (short) 0);
            zeros.put("u16", (char) 0);
            zeros.put("i32", 0);
            zeros.put("i64", 0L);
            zeros.put("f32", 0f);
            zeros.put("f64", 0d);
            zeros.put("boxed", null);
            zeros.put("text", "");
            zeros.put("color", "RED");
            zeros.put("point", Map.of("x", 0d, "y", 0d));
            zeros.put("points", List.of());
            zeros.put("tags", new LinkedHashSet<>());
            zeros.put("totals", Map.of());
            assertEquals(zeros, state);
            assertEquals(List.copyOf(zeros.keySet()), List.copyOf(state.keySet()), "fields in the record's order");
        }
    }

    /** What install builds: nested records, enums by name, collections as unmodifiable copies that keep nulls. */
    @Test
    void installedCollectionsAreUnmodifiableCopiesThatAllowNulls() throws Exception {
        Map<String, Object> point = Map.of("x", 1d, "y", 2d);
        List<Object> points = new ArrayList<>(Arrays.asList(point, null));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("a", 1L);
        totals.put("b", null);
        Map<String, Object> tree = new LinkedHashMap<>(RecordValues.defaults(MappingStates.Everything.class,
                dev.graft.core.state.RecordShapes.of(MappingStates.Everything.class)));
        tree.put("color", "BLUE");
        tree.put("points", points);
        tree.put("totals", totals);

        MappingStates.Everything built = RecordValues.record(MappingStates.Everything.class, tree);

        assertEquals(MappingStates.Color.BLUE, built.color());
        assertEquals(Arrays.asList(new MappingStates.Point(1, 2), null), built.points());
        assertNull(built.totals().get("b"));
        assertThrows(UnsupportedOperationException.class, () -> built.points().add(null));
        assertThrows(UnsupportedOperationException.class, () -> built.totals().clear());
        Map<String, Object> back = RecordValues.tree(built);
        assertArrayEquals((byte[]) tree.remove("bytes"), (byte[]) back.remove("bytes"));
        assertEquals(tree, back, "and read back to the same tree");
        points.clear();
        assertEquals(2, built.points().size(), "a copy: the tree's list is not shared");
    }
}
