package dev.graft.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The C struct of a state block, as native and wasm headers both declare it. */
class CStateStructTest {

    record Pair(short unsigned, double x) {
    }

    record HTTPState(int register, long count, Pair first, Pair second) {
    }

    @Test
    void oneTypedefPerRecordNestedFirstWithKeywordsEscaped() {
        CStateStruct struct = CStateStruct.of(HTTPState.class);
        assertEquals("http_state", struct.name());
        assertEquals("HTTP_STATE", struct.macro());
        assertEquals("""
                /* record Pair */
                typedef struct http_state_pair {
                    int16_t unsigned_;
                    double x;
                } http_state_pair;

                /* record HTTPState */
                typedef struct http_state {
                    int32_t register_;
                    int64_t count;
                    http_state_pair first;
                    http_state_pair second;
                } http_state;

                """, struct.typedefs());
        assertEquals("http_state_pair", struct.structOf("second"));
        String asserts = struct.asserts();
        assertTrue(asserts.contains("HTTP_STATE_ASSERT_(offsetof(http_state, second.unsigned_) == 32, \"http_state: expected "
                + "the host's layout of HTTPState, found offsetof(http_state, second.unsigned_) otherwise\");\n"), asserts);
        assertTrue(asserts.contains("HTTP_STATE_ASSERT_(sizeof(http_state) == 48, "), asserts);
        assertTrue(asserts.contains("HTTP_STATE_ASSERT_(HTTP_STATE_ALIGNOF_(http_state) == 8, "), asserts);
    }

    static final class Other {
        record Pair(int y) {
        }
    }

    record Clash(Pair a, Other.Pair b) {
    }

    @Test
    void nestedRecordsOfOneSimpleNameAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CStateStruct.of(Clash.class));
        assertTrue(e.getMessage().contains("both struct clash_pair"), e.getMessage());
    }

}
