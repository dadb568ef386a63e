package dev.graft.cli.demo;

import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * What one build of a demo plugin answers on the greeter contract, to check every call against.
 * Every kind's example plugin answers the same, so each kind uses these two.
 */
public record Answers(String version, UnaryOperator<String> greet, IntUnaryOperator next) {

    /** Version 1.0.0 of the example greeter, in any language. */
    public static final Answers GREETER_V1 = new Answers("1.0.0", name -> "Hello, " + name + "!", n -> n + 1);

    /** Version 2.0.0 of the example greeter, in any language. */
    public static final Answers GREETER_V2 = new Answers("2.0.0", name -> "Hi there, " + name + "!", n -> n + 2);
}
