package dev.graft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AlternatedSeriesTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleScoreAndOfAnEvenCountTheMeanOfTheTwoMiddleOnes() {
        AlternatedSeries series = new AlternatedSeries("ns/op");
        for (double score : new double[] {50, 40, 45}) {
            series.add("raw", score);
        }
        for (double score : new double[] {60, 52, 48, 70}) {
            series.add("graft", score);
        }
        assertEquals(45, series.median("raw"), 1e-9);
        assertEquals(56, series.median("graft"), 1e-9);
    }

    @Test
    void eachBenchmarkIsComparedWithTheFirstByItsMedianAndRoundByRound() {
        AlternatedSeries series = new AlternatedSeries("ns/op");
        // the machine slows down in round 2: the round's ratio stays where it was
        double[][] rounds = {{40, 44}, {80, 88}, {42, 42}};
        for (double[] round : rounds) {
            series.add("raw", round[0]);
            series.add("graft", round[1]);
        }
        assertEquals(44.0 / 42.0, series.ratioOfMedians("graft"), 1e-9);
        assertEquals(1.10, series.medianOfRatios("graft"), 1e-9);
        assertEquals(1.0, series.ratioOfMedians("raw"), 1e-9);
    }

    @Test
    void theTableListsEveryScoreInTheOrderTakenAndTheRatiosOfAllButTheBaseline() {
        AlternatedSeries series = new AlternatedSeries("ns/op");
        series.add("raw", 40);
        series.add("graft", 44);
        series.add("raw", 42);
        series.add("graft", 46.2);
        String table = series.table();
        assertTrue(table.contains("[40.000, 42.000]"), table);
        assertTrue(table.contains("[44.000, 46.200]"), table);
        assertTrue(table.contains("graft / raw: 1.10 (medians), 1.10 (median of the rounds' ratios)"), table);
        assertEquals(1, table.lines().filter(line -> line.contains(" / ")).count(), table);
    }

    @Test
    void aBenchmarkNotRunIsRefusedByName() {
        AlternatedSeries series = new AlternatedSeries("ns/op");
        series.add("raw", 40);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> series.median("graft"));
        assertEquals("expected one of the benchmarks run [raw], found graft", e.getMessage());
    }

    @Test
    void anEmptySeriesHasNoBaseline() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new AlternatedSeries("ns/op").table());
        assertEquals("expected at least one score, found none", e.getMessage());
    }
}
