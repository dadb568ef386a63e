package dev.graft.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StateTextTest {

    @Test
    void readsEveryTypeAndPrintsItBack() {
        String text = "flag: bool; small: i8; medium: i16; letter: u16; count: i32; total: i64; ratio: f32; mean: f64; "
                + "maybe: i64?; digest: u8[16]; name: char[32]; origin: struct{x: f64; y: f64}; label: str; raw: bytes; "
                + "mode: enum Mode{ON, OFF}; names: list<str>; tags: set<i32>; scores: map<str, list<f64>>";
        StateShape shape = StateText.parse(text);
        assertEquals(18, shape.fields().size());
        assertEquals(new StateType.Scalar(StateType.Scalar.Kind.I64, true), shape.field("maybe").orElseThrow().type());
        assertEquals(new StateType.Fixed(true, 32), shape.field("name").orElseThrow().type());
        assertEquals(new StateType.EnumOf("Mode", List.of("ON", "OFF")), shape.field("mode").orElseThrow().type());
        assertEquals(StateType.Collection.map(new StateType.Text(), StateType.Collection.list(
                new StateType.Scalar(StateType.Scalar.Kind.F64, false))), shape.field("scores").orElseThrow().type());
        assertEquals(text, StateText.print(shape));
        assertEquals(shape, StateText.parse(StateText.print(shape)));
    }

    @Test
    void fieldsMaySitOnLinesOfTheirOwnAndSayWhatTheyWereRenamedFrom() {
        StateShape shape = StateText.parse("""
                greetings: i64
                visitors: i32 was names
                origin: struct{
                    x: f64
                    y: f64 was why
                }
                """);
        assertEquals("names", shape.field("visitors").orElseThrow().was());
        StateShape origin = ((StateType.Struct) shape.field("origin").orElseThrow().type()).shape();
        assertEquals("why", origin.field("y").orElseThrow().was());
        assertEquals(List.of("greetings", "visitors", "origin"), shape.fields().stream().map(StateField::name).toList());
    }

    @Test
    void renamesDoNotChangeALayout() {
        assertTrue(StateText.parse("a: i64; b: i32 was c").sameLayout(StateText.parse("a: i64; b: i32")));
        assertTrue(!StateText.parse("a: i64; b: i32").sameLayout(StateText.parse("a: i64; b: i64")));
        assertTrue(!StateText.parse("a: i64; b: i32").sameLayout(StateText.parse("b: i32; a: i64")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "count: int            | column 8: expected a type (bool, i8",
            "count i64             | column 7: expected ':', found 'i64'",
            "count: i64 total: i64 | column 12: expected ';' or a new line between fields, found 'total:'",
            "name: char[0]         | expected an array length of at least 1, found 'char[0]'",
            "name: char[x]         | column 12: expected a number of at most 9 digits, found 'x]'",
            "count i64; b: i32     | column 7: expected ':', found 'i64'",
            "origin: struct{}      | column 16: expected at least one field 'name: type', found '}'",
            "a: i32; a: i64        | expected each state field once, found 'a' twice",
            "1a: i32               | column 1: expected a field name, found '1a:'",
            "tags: list<i32        | expected '>', found the end of the text",
    })
    void malformedTextSaysWhereWhatWasExpectedAndWhatWasFound(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateText.parse(text));
        assertTrue(e.getMessage().contains(message.strip()), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ";;"})
    void emptyTextIsRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateText.parse(text));
        assertTrue(e.getMessage().startsWith("expected state fields") || e.getMessage().contains("expected at least one field"),
                e.getMessage());
    }

    @Test
    void deeplyNestedTextIsRefusedRatherThanOverflowingTheStack() {
        String text = "a: " + "list<".repeat(40) + "i32" + ">".repeat(40);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateText.parse(text));
        assertTrue(e.getMessage().contains("nested at most 16 deep"), e.getMessage());
    }
}
