package dev.graft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlternatePlanTest {

    @Test
    void roundsPatternsAndJmhOptionsAreReadInThatOrder() {
        Alternate.Plan plan = Alternate.Plan.parse("5", "A.raw$", "A.graft$", "--", "-p", "language=python", "-wi", "15", "-i", "10");
        assertEquals(5, plan.rounds());
        assertEquals(List.of("A.raw$", "A.graft$"), plan.patterns());
        assertEquals(15, plan.jmh().getWarmupIterations().get());
        assertEquals(10, plan.jmh().getMeasurementIterations().get());
        assertEquals(List.of("python"), List.copyOf(plan.jmh().getParameter("language").get()));
        assertTrue(plan.jmh().getIncludes().isEmpty());
    }

    @Test
    void theOptionsMayBeLeftOut() {
        Alternate.Plan plan = Alternate.Plan.parse("3", "A.raw$", "A.graft$");
        assertEquals(List.of("A.raw$", "A.graft$"), plan.patterns());
        assertTrue(plan.jmh().getWarmupIterations().hasValue() == false);
    }

    @Test
    void roundsThatAreNotAPositiveNumberAreRefused() {
        assertEquals("expected a number of rounds of at least 1 first, found 'five'",
                refused("five", "A.raw$", "A.graft$"));
        assertEquals("expected a number of rounds of at least 1 first, found '0'", refused("0", "A.raw$", "A.graft$"));
        assertEquals("expected a number of rounds first, found nothing", refused());
    }

    @Test
    void fewerThanTwoPatternsAreRefused() {
        assertEquals("expected at least two benchmark patterns after the rounds (the first is the baseline), found 1: [A.raw$]",
                refused("5", "A.raw$", "--", "-wi", "3"));
        assertEquals("expected at least two benchmark patterns after the rounds (the first is the baseline), found 0",
                refused("5"));
    }

    @Test
    void aPatternAfterTheSeparatorIsRefused() {
        assertEquals("expected the benchmark patterns before '--' and only options after it, found [A.other$] after it",
                refused("5", "A.raw$", "A.graft$", "--", "-wi", "3", "A.other$"));
    }

    @Test
    void aForkCountOtherThanOneIsRefused() {
        assertEquals("expected no fork count other than 1 (each run is one fork; ROUNDS sets how many), found -f 3",
                refused("5", "A.raw$", "A.graft$", "--", "-f", "3"));
    }

    @Test
    void anOptionJmhDoesNotKnowIsRefusedWithJmhsReason() {
        String message = refused("5", "A.raw$", "A.graft$", "--", "-wi", "many");
        assertTrue(message.startsWith("expected JMH options after '--', found -wi many: "), message);
    }

    private static String refused(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> Alternate.Plan.parse(args)).getMessage();
    }
}
