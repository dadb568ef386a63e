package dev.graft.examples.host.pricing;

import dev.graft.core.Graft;
import dev.graft.core.patch.Patchable;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;

/**
 * The worked example of docs/patchable.md: a host whose pricing rule is a patchable function,
 * {@code discount}, which plugins of any kind may patch while it runs.
 */
public final class PricingHost {

    private PricingHost() {
    }

    // docs/patchable.md begin
    /** The host's rule, patchable as "discount": 10% off above 100. */
    public static Patchable<DoubleUnaryOperator> declareDiscount(Graft graft) {
        return graft.patchable("discount", DoubleUnaryOperator.class,
                price -> price > 100 ? price * 0.9 : price);
    }
    // docs/patchable.md end

    /** Prices 120 with the rule as the plugins in the folder {@code args[0]} patch it. */
    public static void main(String[] args) {
        // docs/patchable.md begin
        try (Graft graft = Graft.builder().build()) {
            Patchable<DoubleUnaryOperator> rule = declareDiscount(graft); // before loading the plugins that patch it
            DoubleUnaryOperator discount = rule.function();                // keep it, call it: the top patch runs
            graft.loadAll(Path.of(args[0]));
            System.out.println("120.00 costs " + discount.applyAsDouble(120.0));
            graft.patches().forEach(System.out::println);                  // who patched it, bottom to top
        }
        // docs/patchable.md end
    }
}
