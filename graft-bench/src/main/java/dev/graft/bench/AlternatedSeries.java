package dev.graft.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scores of benchmarks run in alternation ({@link Alternate}): one score per benchmark and
 * round, each from a fork of its own, and what they say together. The first benchmark added is
 * the baseline; every other is summed up as the ratio of its median to the baseline's, and as the
 * median of its round-by-round ratios (each against the baseline's score of the same round, taken
 * a minute or less apart: the figure least moved by a machine whose speed drifts between rounds).
 */
final class AlternatedSeries {

    private final Map<String, List<Double>> scores = new LinkedHashMap<>();
    private final String unit;

    AlternatedSeries(String unit) {
        this.unit = unit;
    }

    /** Records {@code benchmark}'s score in the round under way. */
    void add(String benchmark, double score) {
        scores.computeIfAbsent(benchmark, b -> new ArrayList<>()).add(score);
    }

    /** The median of {@code benchmark}'s scores. */
    double median(String benchmark) {
        return median(scores(benchmark));
    }

    /** {@code benchmark}'s median over the baseline's. */
    double ratioOfMedians(String benchmark) {
        return median(benchmark) / median(baseline());
    }

    /** The median of {@code benchmark}'s round-by-round ratios to the baseline, over the rounds both ran. */
    double medianOfRatios(String benchmark) {
        List<Double> own = scores(benchmark);
        List<Double> base = scores.get(baseline());
        int rounds = Math.min(own.size(), base.size());
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ratios.add(own.get(i) / base.get(i));
        }
        return median(ratios);
    }

    /**
     * The summary {@link Alternate} prints: a line per benchmark with its scores in the order
     * taken, their median and, for all but the baseline, the two ratios.
     */
    String table() {
        String baseline = baseline();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-60s %8s  %s%n", "benchmark (" + unit + ")", "median", "scores in the order taken"));
        for (String benchmark : scores.keySet()) {
            out.append(String.format(Locale.ROOT, "%-60s %8.3f  %s%n", benchmark, median(benchmark), join(scores.get(benchmark))));
        }
        for (String benchmark : scores.keySet()) {
            if (!benchmark.equals(baseline)) {
                out.append(String.format(Locale.ROOT, "%s / %s: %.2f (medians), %.2f (median of the rounds' ratios)%n",
                        benchmark, baseline, ratioOfMedians(benchmark), medianOfRatios(benchmark)));
            }
        }
        return out.toString();
    }

    private String baseline() {
        if (scores.isEmpty()) {
            throw new IllegalStateException("expected at least one score, found none");
        }
        return scores.keySet().iterator().next();
    }

    private List<Double> scores(String benchmark) {
        List<Double> own = scores.get(benchmark);
        if (own == null) {
            throw new IllegalArgumentException("expected one of the benchmarks run " + scores.keySet() + ", found " + benchmark);
        }
        return own;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String join(List<Double> values) {
        return Arrays.toString(values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toArray());
    }
}
