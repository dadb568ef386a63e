package dev.graft.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java interface as a contract: the typed surface through which a host calls plugins.
 *
 * <p>Two contracts are the same contract when their {@link #name()} and the major part of their
 * {@link #version()} match. A provider of {@code 1.4} satisfies a request for {@code 1.2}; a
 * provider of {@code 2.0} does not.
 *
 * <pre>{@code
 * @Contract(name = "example.greeter", version = "1.0")
 * public interface Greeter {
 *     String greet(String name);
 * }
 * }</pre>
 *
 * <p>The interface must be public. The host's copy of the interface is the one every plugin sees:
 * a JVM plugin compiles against it but does not need to bundle it, and if it does, the host's
 * copy still wins.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Contract {

    /** Dotted name of the contract, for example {@code example.greeter}. */
    String name();

    /** Semantic version, {@code MAJOR.MINOR} or {@code MAJOR.MINOR.PATCH}. */
    String version();
}
