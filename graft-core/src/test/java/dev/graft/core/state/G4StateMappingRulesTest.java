package dev.graft.core.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.graft.core.state.StateChange.Kind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DESIGN.md's state mapping rules, each alone, on the kind-neutral values every loader reads and writes. */
class G4StateMappingRulesTest {

    private static StateMapper.Mapped map(String from, Map<String, Object> old, String to) {
        StateShape target = StateText.parse(to);
        return StateMapper.map(StateText.parse(from), old, target, StateValues.zero(target));
    }

    private static Map<String, Object> value(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void sameNameAndTypeIsKept() {
        StateMapper.Mapped m = map("count: i64; name: str", value("count", 7L, "name", "x"), "count: i64; name: str");
        assertEquals(value("count", 7L, "name", "x"), m.value());
        assertEquals(List.of(Kind.KEPT, Kind.KEPT), m.report().changes().stream().map(StateChange::kind).toList());
        assertEquals("state mapped: 2 kept", m.report().toString());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
            "i32, 5, i64, 5",
            "i8, -3, i32, -3",
            "i16, 300, i64, 300",
            "u16, 65000, i32, 65000",
            "f32, 1.5, f64, 1.5",
            "i32, 7, f64, 7.0",
    })
    void losslessWideningIsConverted(String from, String oldValue, String to, String newValue) {
        Object old = switch (from) {
            case "i32" -> Integer.parseInt(oldValue);
            case "i8" -> Byte.parseByte(oldValue);
            case "i16" -> Short.parseShort(oldValue);
            case "u16" -> (char) Integer.parseInt(oldValue);
            default -> Float.parseFloat(oldValue);
        };
        StateMapper.Mapped m = map("n: " + from, value("n", old), "n: " + to);
        assertEquals(newValue, String.valueOf(m.value().get("n")));
        StateChange c = m.report().change("n").orElseThrow();
        assertEquals(new StateChange(Kind.CONVERTED, "n", from, to, null), c);
        assertEquals("n " + from + " -> " + to, c.toString());
    }

    @Test
    void aFixedArrayMayGrowButNotShrink() {
        StateMapper.Mapped m = map("d: u8[2]; s: char[4]", value("d", new byte[] {1, 2}, "s", "ab"), "d: u8[4]; s: char[8]");
        assertArrayEquals(new byte[] {1, 2, 0, 0}, (byte[]) m.value().get("d"));
        assertEquals("ab", m.value().get("s"));
        assertEquals(Kind.CONVERTED, m.report().change("d").orElseThrow().kind());
        m = map("s: char[8]", value("s", "abcdefgh"), "s: char[4]");
        assertEquals("", m.value().get("s"));
        assertEquals("char[8] -> char[4] would cut it", m.report().change("s").orElseThrow().detail());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "i64 | i32 | i64 -> i32 is not a lossless widening",
            "f64 | f32 | f64 -> f32 is not a lossless widening",
            "i32 | str | i32 -> str is not a lossless widening",
            "i64 | f64 | i64 -> f64 is not a lossless widening",
            "i32 | u16 | i32 -> u16 is not a lossless widening",
            "u8[4] | char[4] | u8[4] -> char[4] is another kind of array",
    })
    void otherTypeChangesResetToTheDefaultWithTheReason(String from, String to, String reason) {
        Map<String, Object> defaults = new HashMap<>();
        StateShape target = StateText.parse("n: " + to);
        defaults.put("n", StateValues.zero(target.fields().getFirst().type()));
        Object old = from.startsWith("u8") ? new byte[4] : from.equals("f64") ? (Object) 2.5 : from.equals("i64") ? (Object) 9L : 9;
        StateMapper.Mapped m = StateMapper.map(StateText.parse("n: " + from), value("n", old), target, defaults);
        assertEquals(StateValues.zero(target.fields().getFirst().type()) instanceof byte[] ? null : defaults.get("n"),
                m.value().get("n") instanceof byte[] ? null : m.value().get("n"));
        StateChange c = m.report().change("n").orElseThrow();
        assertEquals(Kind.RESET, c.kind());
        assertEquals(reason, c.detail());
        assertEquals("n reset (" + reason + ")", c.toString());
    }

    @Test
    void aNewFieldStartsAtTheNewVersionsDefaultAndARemovedOneIsDropped() {
        StateShape to = StateText.parse("count: i64; label: str");
        StateMapper.Mapped m = StateMapper.map(StateText.parse("count: i64; legacy: i32"), value("count", 3L, "legacy", 4),
                to, value("count", 0L, "label", "fresh"));
        assertEquals(value("count", 3L, "label", "fresh"), m.value());
        assertEquals(new StateChange(Kind.NEW, "label", null, "str", null), m.report().change("label").orElseThrow());
        assertEquals(new StateChange(Kind.DROPPED, "legacy", "i32", null, null), m.report().change("legacy").orElseThrow());
        assertEquals("state mapped: label new, legacy dropped, 1 kept", m.report().toString());
    }

    @Test
    void aRenamedFieldKeepsTheOldFieldsValueConvertedIfItWidens() {
        StateMapper.Mapped m = map("count: i32", value("count", 41), "total: i64 was count");
        assertEquals(value("total", 41L), m.value());
        assertEquals(new StateChange(Kind.RENAMED, "total", "i32", "i64", "count"), m.report().change("total").orElseThrow());
        assertEquals("total renamed from count (i32 -> i64)", m.report().change("total").orElseThrow().toString());
        assertEquals(List.of(), m.report().changes(Kind.DROPPED), "the old name is not reported dropped");
    }

    @Test
    void aRenameIsIgnoredWhenTheOldNameIsStillAFieldOfTheNewShape() {
        StateMapper.Mapped m = map("count: i32", value("count", 5), "count: i32; total: i32 was count");
        assertEquals(value("count", 5, "total", 0), m.value());
        assertEquals(Kind.NEW, m.report().change("total").orElseThrow().kind());
    }

    @Test
    void nestedStructsAreMappedFieldByField() {
        StateMapper.Mapped m = map("at: struct{x: f32; y: f32; z: f32}", value("at", value("x", 1f, "y", 2f, "z", 3f)),
                "at: struct{x: f64; y: f32; w: f32; zed: f32 was z}");
        assertEquals(value("at", value("x", 1.0, "y", 2f, "w", 0f, "zed", 3f)), m.value());
        assertEquals(Kind.CONVERTED, m.report().change("at.x").orElseThrow().kind());
        assertEquals(Kind.KEPT, m.report().change("at.y").orElseThrow().kind());
        assertEquals(Kind.NEW, m.report().change("at.w").orElseThrow().kind());
        assertEquals(Kind.RENAMED, m.report().change("at.zed").orElseThrow().kind());
    }

    @Test
    void aNullNestedRecordStaysNull() {
        Map<String, Object> old = value("at", null, "all", java.util.Arrays.asList(value("x", 1), null));
        StateMapper.Mapped m = map("at: struct{x: i32}; all: list<struct{x: i32}>", old,
                "at: struct{x: i64}; all: list<struct{x: i64}>");
        assertEquals(null, m.value().get("at"));
        assertEquals(java.util.Arrays.asList(value("x", 1L), null), m.value().get("all"));
        assertEquals(Kind.KEPT, m.report().change("at").orElseThrow().kind());
    }

    @Test
    void collectionsAreMappedElementByElement() {
        StateMapper.Mapped m = map("ids: list<i32>; by: map<str, struct{n: i32}>",
                value("ids", List.of(1, 2), "by", Map.of("a", value("n", 1))),
                "ids: list<i64>; by: map<str, struct{n: i64; m: i32}>");
        assertEquals(List.of(1L, 2L), m.value().get("ids"));
        assertEquals(Map.of("a", value("n", 1L, "m", 0)), m.value().get("by"));
        assertEquals(Kind.CONVERTED, m.report().change("ids").orElseThrow().kind());
        assertEquals(Kind.CONVERTED, m.report().change("by[].n").orElseThrow().kind());
        assertEquals(Kind.NEW, m.report().change("by[].m").orElseThrow().kind());
        m = map("ids: list<i64>", value("ids", List.of(1L)), "ids: list<i32>");
        assertEquals(List.of(), m.value().get("ids"));
        assertEquals("an element: i64 -> i32 is not a lossless widening", m.report().change("ids").orElseThrow().detail());
    }

    @Test
    void enumConstantsAreCarriedByName() {
        StateMapper.Mapped m = map("mode: enum Mode{ON, OFF, AUTO}", value("mode", "AUTO"), "mode: enum Mode{AUTO, ON}");
        assertEquals("AUTO", m.value().get("mode"));
        assertEquals(Kind.CONVERTED, m.report().change("mode").orElseThrow().kind());
        m = map("mode: enum Mode{ON, OFF}", value("mode", "OFF"), "mode: enum Mode{ON}");
        assertEquals("ON", m.value().get("mode"));
        assertEquals("constant OFF is not one of enum Mode{ON}", m.report().change("mode").orElseThrow().detail());
    }

    @Test
    void aNullIntoAPrimitiveIsResetAndBoxingAloneIsKept() {
        StateMapper.Mapped m = map("a: i32?; b: i32?", value("a", null, "b", 4), "a: i64; b: i32");
        assertEquals(value("a", 0L, "b", 4), m.value());
        assertEquals("null cannot become i64", m.report().change("a").orElseThrow().detail());
        assertEquals(Kind.KEPT, m.report().change("b").orElseThrow().kind());
    }

    @Test
    void theOldValueIsNeverChangedNorShared() {
        byte[] raw = {1, 2};
        Map<String, Object> old = value("raw", raw, "at", value("x", 1));
        StateMapper.Mapped m = map("raw: bytes; at: struct{x: i32}", old, "raw: bytes; at: struct{x: i64}");
        assertNotSame(raw, m.value().get("raw"));
        assertArrayEquals(new byte[] {1, 2}, raw);
        assertEquals(value("x", 1), old.get("at"));
    }
}
