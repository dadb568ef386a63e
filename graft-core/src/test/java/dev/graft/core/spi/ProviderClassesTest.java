package dev.graft.core.spi;

import static dev.graft.core.spi.ProviderClasses.desc;
import static java.lang.constant.ConstantDescs.CD_Integer;
import static java.lang.constant.ConstantDescs.CD_int;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The generated provider classes: one hidden class serves every provider of a contract and list of
 * methods that has no constants of its own (so a reload of such a plugin defines no class), and a
 * provider with constants gets a class of its own, whose class data they are.
 */
class ProviderClassesTest {

    public interface Scaler {
        int scale(int x);
    }

    private static final ClassDesc CD_OPERATOR = desc(IntUnaryOperator.class);
    private static final ProviderClasses CLASSES =
            new ProviderClasses("test", IntUnaryOperator.class, ProviderClassesTest.class, "dev.graft.");

    private static List<Method> methods() throws NoSuchMethodException {
        return List.of(Scaler.class.getMethod("scale", int.class));
    }

    /** {@code target.applyAsInt(x)}, plus constant 0 when {@code withConstant}. */
    private static ProviderClasses.Body body(boolean withConstant) {
        return (code, self, offset) -> {
            code.aload(0).getfield(self, ProviderClasses.TARGET, CD_OPERATOR).iload(1)
                    .invokeinterface(CD_OPERATOR, "applyAsInt", MethodTypeDesc.of(CD_int, CD_int));
            if (withConstant) {
                ProviderClasses.loadConstant(code, CD_Integer, 0);
                code.invokevirtual(CD_Integer, "intValue", MethodTypeDesc.of(CD_int)).iadd();
            }
            code.ireturn();
        };
    }

    @Test
    void providersWithoutConstantsShareOneHiddenClass() throws Exception {
        Scaler twice = (Scaler) CLASSES.create(Scaler.class, methods(), body(false), (IntUnaryOperator) x -> 2 * x, 0, "twice");
        Scaler thrice = (Scaler) CLASSES.create(Scaler.class, methods(), body(false), (IntUnaryOperator) x -> 3 * x, 0, "thrice");

        assertEquals(8, twice.scale(4));
        assertEquals(12, thrice.scale(4));
        assertEquals("twice", twice.toString());
        assertEquals("thrice", thrice.toString());
        assertSame(twice.getClass(), thrice.getClass(), "a second version without constants defines no class of its own");
        assertTrue(twice.getClass().isHidden());
    }

    @Test
    void providersWithConstantsGetAHiddenClassEach() throws Exception {
        Scaler plusOne = (Scaler) CLASSES.create(Scaler.class, methods(), "constant", body(true),
                (IntUnaryOperator) x -> 2 * x, 0, "plus one", List.of(1));
        Scaler plusTen = (Scaler) CLASSES.create(Scaler.class, methods(), "constant", body(true),
                (IntUnaryOperator) x -> 2 * x, 0, "plus ten", List.of(10));

        assertEquals(9, plusOne.scale(4));
        assertEquals(18, plusTen.scale(4));
        assertNotSame(plusOne.getClass(), plusTen.getClass(), "each version's constants are its class's data");
        assertTrue(plusOne.getClass().isHidden());
    }
}
