package dev.resilience.sample.replay;

import java.util.Arrays;
import java.util.List;

/**
 * The counts and latencies of one tier (or of all tiers) in a replay.
 *
 * @param tier the tier, or {@code all}
 * @param offered requests offered
 * @param admitted requests served by the model they asked for
 * @param rateLimited requests refused with 429
 * @param fallback requests served by a fallback
 * @param errors requests that failed otherwise
 * @param offeredTokens tokens the offered requests would have used
 * @param servedTokens tokens of the requests served (admitted or by fallback)
 * @param p50Millis median latency of served requests, in milliseconds
 * @param p95Millis 95th percentile latency of served requests, in milliseconds
 * @param p99Millis 99th percentile latency of served requests, in milliseconds
 */
public record TierStats(
        String tier,
        long offered,
        long admitted,
        long rateLimited,
        long fallback,
        long errors,
        long offeredTokens,
        long servedTokens,
        double p50Millis,
        double p95Millis,
        double p99Millis) {

    /** Computes the statistics of these outcomes under the label {@code tier}. */
    public static TierStats of(String tier, List<Outcome> outcomes) {
        long[] counts = new long[OutcomeKind.values().length];
        long offeredTokens = 0;
        long servedTokens = 0;
        long[] latencies = new long[outcomes.size()];
        int served = 0;
        for (Outcome outcome : outcomes) {
            counts[outcome.kind().ordinal()]++;
            offeredTokens += outcome.offeredTokens();
            if (outcome.kind() == OutcomeKind.ADMITTED || outcome.kind() == OutcomeKind.FALLBACK) {
                servedTokens += outcome.offeredTokens();
                latencies[served++] = outcome.latencyNanos();
            }
        }
        long[] sorted = Arrays.copyOf(latencies, served);
        Arrays.sort(sorted);
        return new TierStats(
                tier,
                outcomes.size(),
                counts[OutcomeKind.ADMITTED.ordinal()],
                counts[OutcomeKind.RATE_LIMITED.ordinal()],
                counts[OutcomeKind.FALLBACK.ordinal()],
                counts[OutcomeKind.ERROR.ordinal()],
                offeredTokens,
                servedTokens,
                percentileMillis(sorted, 0.50),
                percentileMillis(sorted, 0.95),
                percentileMillis(sorted, 0.99));
    }

    /** Whether every offered request is counted exactly once. */
    public boolean addsUp() {
        return offered == admitted + rateLimited + fallback + errors;
    }

    private static double percentileMillis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
}
