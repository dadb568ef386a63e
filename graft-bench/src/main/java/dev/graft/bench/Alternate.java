package dev.graft.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code ./graft bench alternate ROUNDS BASELINE OTHER... [-- JMH options]}: runs the benchmarks
 * one fork at a time, in turn, {@code ROUNDS} times, and prints each one's scores, median and ratio
 * to the first ({@link AlternatedSeries}).
 *
 * <p>Why: JMH runs every fork of one benchmark before the next benchmark's, so on a machine whose
 * speed drifts over minutes (a shared virtual machine) two benchmarks compared in one JMH run are
 * also compared across time: a raw Python call moved between 40 and 67 ns from one fork to another
 * a few minutes apart (BENCHMARKS.md, "JavaScript and Python plugins"). Alternating single forks
 * puts the compared figures of one round within a minute of each other, and the medians over
 * rounds damp the rest.
 * Each pattern is a JMH include pattern; one that matches several benchmarks or parameter values
 * gives a line to each.
 */
public final class Alternate {

    private Alternate() {
    }

    public static void main(String[] args) {
        Plan plan;
        try {
            plan = Plan.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("graft bench alternate: " + e.getMessage());
            System.err.println("usage: ./graft bench alternate ROUNDS BASELINE OTHER... [-- JMH options], e.g.");
            System.err.println("  ./graft bench alternate 5 'PolyglotDispatchBench.Optimizing.rawNext$' "
                    + "'PolyglotDispatchBench.Optimizing.graftNext$' -- -p language=python -wi 15 -i 10");
            System.exit(2);
            return;
        }
        AlternatedSeries series = null;
        for (int round = 1; round <= plan.rounds(); round++) {
            for (String pattern : plan.patterns()) {
                Options options = new OptionsBuilder().parent(plan.jmh()).include(pattern).forks(1)
                        .verbosity(plan.jmh().verbosity().orElse(VerboseMode.SILENT)).build();
                Collection<RunResult> results;
                try {
                    results = new Runner(options).run();
                } catch (RunnerException e) { // a pattern that matches nothing, for one
                    System.err.println("graft bench alternate: " + (e.getMessage() != null ? e.getMessage() : e)); // NoBenchmarksException says it in toString
                    System.exit(1);
                    return;
                }
                if (results.isEmpty()) { // JMH, silent, reports a fork that failed by leaving its result out
                    System.err.printf(Locale.ROOT, "graft bench alternate: expected a score from %s in round %d, found none: "
                            + "it matched no benchmark, or its fork failed (./graft bench '%s' -f 1 -wi 1 -i 1 shows why)%n",
                            pattern, round, pattern);
                    System.exit(1);
                }
                for (RunResult result : results) {
                    Result<?> primary = result.getPrimaryResult();
                    if (series == null) {
                        series = new AlternatedSeries(primary.getScoreUnit());
                    }
                    String name = label(result);
                    series.add(name, primary.getScore());
                    double error = primary.getScoreError(); // NaN when the fork measured too few iterations to tell
                    System.out.printf(Locale.ROOT, "round %d/%d  %-60s %10.3f%s %s%n", round, plan.rounds(), name, primary.getScore(),
                            Double.isNaN(error) ? "" : String.format(Locale.ROOT, " ± %.3f", error), primary.getScoreUnit());
                }
            }
        }
        System.out.println();
        System.out.print(series.table());
    }

    /** The benchmark's name below this package, with its parameters, if any: {@code PolyglotDispatchBench.Optimizing.rawNext language=python}. */
    private static String label(RunResult result) {
        String name = result.getParams().getBenchmark().replaceFirst("^dev\\.graft\\.bench\\.", "");
        StringBuilder label = new StringBuilder(name);
        for (String key : result.getParams().getParamsKeys()) {
            label.append(' ').append(key).append('=').append(result.getParams().getParam(key));
        }
        return label.toString();
    }

    /** What to run: the rounds, the include patterns (the first the baseline) and JMH's other options. */
    record Plan(int rounds, List<String> patterns, Options jmh) {

        static Plan parse(String... args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("expected a number of rounds first, found nothing");
            }
            int rounds;
            try {
                rounds = Integer.parseInt(args[0]);
            } catch (NumberFormatException e) {
                rounds = 0;
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("expected a number of rounds of at least 1 first, found '" + args[0] + "'");
            }
            List<String> patterns = new ArrayList<>();
            int i = 1;
            while (i < args.length && !args[i].equals("--")) {
                patterns.add(args[i++]);
            }
            if (patterns.size() < 2) {
                throw new IllegalArgumentException("expected at least two benchmark patterns after the rounds (the first is the "
                        + "baseline), found " + patterns.size() + (patterns.isEmpty() ? "" : ": " + patterns));
            }
            String[] rest = i < args.length ? Arrays.copyOfRange(args, i + 1, args.length) : new String[0];
            CommandLineOptions jmh;
            try {
                jmh = new CommandLineOptions(rest);
            } catch (CommandLineOptionException e) {
                throw new IllegalArgumentException("expected JMH options after '--', found " + String.join(" ", rest) + ": "
                        + e.getMessage(), e);
            }
            if (!jmh.getIncludes().isEmpty()) {
                throw new IllegalArgumentException("expected the benchmark patterns before '--' and only options after it, found "
                        + jmh.getIncludes() + " after it");
            }
            if (jmh.getForkCount().hasValue() && jmh.getForkCount().get() != 1) {
                throw new IllegalArgumentException("expected no fork count other than 1 (each run is one fork; ROUNDS sets how "
                        + "many), found -f " + jmh.getForkCount().get());
            }
            return new Plan(rounds, List.copyOf(patterns), jmh);
        }
    }
}
