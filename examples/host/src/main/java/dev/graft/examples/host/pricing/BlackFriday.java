package dev.graft.examples.host.pricing;

// docs/patchable.md begin
import java.util.function.DoubleUnaryOperator;

/** A JVM plugin's patch of the host's "discount": half price. */
public class BlackFriday implements DoubleUnaryOperator {
    @Override
    public double applyAsDouble(double price) {
        return price * 0.5;
    }
}
// docs/patchable.md end
