package dev.graft.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The size of a fixed array in a host-owned state block, for a state record that declares the state
 * of a native or wasm plugin ({@code graft bindgen --state}): a {@code String} component becomes
 * {@code char name[N]} (UTF-8, NUL-padded), a {@code byte[]} component {@code uint8_t name[N]}.
 * JVM plugins' state ignores it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Fixed {

    /** The array's length in bytes, at least 1. */
    int value();
}
