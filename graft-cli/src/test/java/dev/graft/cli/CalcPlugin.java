package dev.graft.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A test's own contract, {@code example.calc}, with every type {@code graft call} writes as text
 * (numbers, booleans, strings, bytes, a record), and a JVM plugin jar implementing it; the contract
 * lies in its own folder, for {@code --classpath}.
 *
 * @param contracts the contract's classes folder
 * @param jar       the plugin {@code calc.jar}
 */
record CalcPlugin(Path contracts, Path jar) {

    private static final String CALC = """
            package com.example.calc;
            @dev.graft.api.Contract(name = "example.calc", version = "1.0")
            public interface Calc {
                long add(int a, long b);
                double scale(double x, float factor);
                boolean not(boolean b);
                short half(short s);
                byte[] reverse(byte[] bytes);
                Point move(Point p, int dx);
                String shout(String s);
                void reset();
            }
            """;
    private static final String POINT = """
            package com.example.calc;
            public record Point(int x, int y) {
            }
            """;
    private static final String IMPL = """
            package com.example.impl;
            import com.example.calc.*;
            public final class CalcImpl implements Calc {
                public long add(int a, long b) { return a + b; }
                public double scale(double x, float factor) { return x * factor; }
                public boolean not(boolean b) { return !b; }
                public short half(short s) { return (short) (s / 2); }
                public byte[] reverse(byte[] bytes) {
                    byte[] out = new byte[bytes.length];
                    for (int i = 0; i < bytes.length; i++) out[i] = bytes[bytes.length - 1 - i];
                    return out;
                }
                public Point move(Point p, int dx) { return new Point(p.x() + dx, p.y()); }
                public String shout(String s) { return s.toUpperCase() + "!"; }
                public void reset() { }
            }
            """;

    static CalcPlugin build(Path work) throws IOException {
        Path contracts = Javac.compile(work.resolve("calc-contract"), Map.of("Calc", CALC, "Point", POINT));
        Path impl = Javac.compile(work.resolve("calc-impl"), Map.of("CalcImpl", IMPL), contracts);
        Path jar = PluginJar.write(work.resolve("calc.jar"), """
                id = calc
                version = 1.0.0
                provides = example.calc@1.0
                provider.example.calc = com.example.impl.CalcImpl
                imports = graft.log@1.0
                """, impl, "com/example/impl/CalcImpl.class");
        return new CalcPlugin(contracts, jar);
    }
}
