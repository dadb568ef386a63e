package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.natives.fixture.Pricer;
import dev.graft.natives.fixture.Quotes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The header {@code graft bindgen --lang c --patch NAME} writes ({@link NativePatchHeader}): the
 * example's checked-in {@code price.h} is its output; a function of records gets its structs and a
 * descriptor entry, and no sidecar prototype (a plain C call cannot carry a struct), and a plugin
 * built against it patches the function.
 */
class NativePatchHeaderTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "greeter-native", "src", "main", "c");

    @TempDir
    Path dir;

    @Test
    void theExamplesHeaderIsWhatBindgenWrites() throws Exception {
        assertEquals(NativePatchHeader.header("price", DoubleUnaryOperator.class), Files.readString(EXAMPLE.resolve("price.h")),
                "the example's price.h is stale: regenerate it with ./graft bindgen --lang c --patch price "
                        + "--class java.util.function.DoubleUnaryOperator");
    }

    @Test
    void aFunctionOfRecordsIsPatchedThroughStructs() throws Exception {
        String header = NativePatchHeader.header("quote", Pricer.class);
        assertTrue(header.contains("typedef struct quote_order {\n    int32_t qty;\n    int32_t price;\n} quote_order;"), header);
        assertTrue(header.contains("graft_result patch_quote(quote_order order, quote_quote *result);"), header);
        assertTrue(header.contains("#define QUOTE_PATCH {\"quote\", \"fn quote(Order{i32, i32}) -> Quote{i64, i32}\", "), header);
        assertTrue(header.contains(" * A library described by a sidecar file cannot patch it: expected int, long, float, double, "
                + "boolean, String, byte[] or ByteBuffer in fn price(Order) -> Quote for a plain C call, found "
                + Quotes.Order.class.getName() + ".\n"), header);
        assertFalse(header.contains("GRAFT_EXPORT"), header);

        Files.writeString(dir.resolve("quote.h"), header);
        Path library = Fixtures.gccPlugin(Files.writeString(dir.resolve("quoting.c"), """
                #define GRAFT_IMPLEMENTATION
                #include "quote.h"
                graft_result patch_quote(quote_order order, quote_quote *result) {
                    result->total = (int64_t) order.qty * order.price;
                    result->pct = order.qty >= 10 ? 5 : 0;
                    return graft_ok();
                }
                GRAFT_PLUGIN_PATCHES("quoting", "1.0.0", NULL, NULL, (QUOTE_PATCH));
                """));
        try (Graft graft = Graft.builder().build()) {
            Pricer quote = graft.patchable("quote", Pricer.class, order -> new Quotes.Quote(0, 0)).function();
            graft.load(library);
            assertEquals(new Quotes.Quote(120, 5), quote.price(new Quotes.Order(12, 10)));
        }
    }
}
