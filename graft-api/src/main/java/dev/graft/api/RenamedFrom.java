package dev.graft.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says which field of the previous version's state this state record component continues: on a
 * reload, it takes that field's value (converted where the widening rules allow) rather than
 * starting at its default. Graft never guesses renames from positions; it is told.
 *
 * <pre>{@code
 * record GreeterState(long greetings, @RenamedFrom("names") List<String> visitors) { }
 * }</pre>
 *
 * <p>A rename is honoured only when the new state has no field of the old name itself. Native and
 * wasm state declarations say the same with {@code was}: {@code visitors: i32 was names}, which
 * {@code graft bindgen --state} writes from this annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface RenamedFrom {

    /** The field's name in the previous version's state. */
    String value();
}
