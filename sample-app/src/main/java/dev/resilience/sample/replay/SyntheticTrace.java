package dev.resilience.sample.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A built-in workload shaped like a chat service: Poisson arrivals whose rate swings by a factor
 * of three over the run, prompts of about a thousand tokens and answers of about two hundred,
 * both long-tailed. The same seed always gives the same trace.
 */
public final class SyntheticTrace {

    private SyntheticTrace() {}

    /**
     * Generates a trace.
     *
     * @param requests how many requests
     * @param span the trace time they spread over
     * @param seed the random seed
     */
    public static List<TraceRow> generate(int requests, Duration span, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double meanGapNanos = (double) span.toNanos() / Math.max(1, requests);
        List<TraceRow> rows = new ArrayList<>(requests);
        double time = 0;
        for (int i = 0; i < requests; i++) {
            double phase = 2 * Math.PI * i / Math.max(1, requests);
            double rateFactor = 1 + 0.5 * Math.sin(phase);
            time += -Math.log(1 - random.nextDouble()) * meanGapNanos / rateFactor;
            int prompt = (int) Math.min(14_000, Math.round(lognormal(random, 6.6, 0.9)));
            int completion = (int) Math.min(1_000, Math.round(lognormal(random, 5.0, 0.8)));
            rows.add(new TraceRow((long) time, Math.max(1, prompt), Math.max(1, completion)));
        }
        return rows;
    }

    private static double lognormal(SplittableRandom random, double mu, double sigma) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        double normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return Math.exp(mu + sigma * normal);
    }
}
