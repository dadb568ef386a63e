package dev.graft.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** One snake-case rule, one keyword escape and one function prefix for every C header Graft writes. */
class CNamesTest {

    @Test
    void snakeCaseSplitsWordsAndAcronyms() {
        assertEquals("greeter_state", CNames.snake("GreeterState"));
        assertEquals("http_state", CNames.snake("HTTPState"));
        assertEquals("state_http", CNames.snake("StateHTTP"));
        assertEquals("point3_d", CNames.snake("Point3D"));
        assertEquals("origin", CNames.snake("Origin"));
    }

    @Test
    void membersNamedAfterCKeywordsAreEscaped() {
        assertEquals("register_", CNames.member("register"));
        assertEquals("signed_", CNames.member("signed"));
        assertEquals("greetings", CNames.member("greetings"));
    }

    @Test
    void functionsArePrefixedWithTheirContractOrModule() {
        assertEquals("example_greeter", CNames.prefix("example.greeter"));
        assertEquals("graft_log_debug", CNames.function("graft.log", "debug"));
        assertEquals("acme_math_v2_log", CNames.function("Acme.Math_V2", "log"), "lower case, underscores kept");
        assertEquals("test_libc_register", CNames.function("test.libc", "register"), "a keyword is no longer one");
    }

    @Test
    void aStructNamedLikeAFunctionOfItsHeaderTakesT() {
        assertEquals("acme_q_order", CNames.struct("acme_q_order", Set.of("acme_q_quote")), "no clash: the name stays");
        assertEquals("acme_q_quote_t", CNames.struct("acme_q_quote", Set.of("acme_q_quote")));
        assertEquals("acme_q_quote_t_t", CNames.struct("acme_q_quote", Set.of("acme_q_quote", "acme_q_quote_t")),
                "suffixed again while taken");
    }
}
