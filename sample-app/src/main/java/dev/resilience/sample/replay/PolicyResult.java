package dev.resilience.sample.replay;

/**
 * How one limiting policy fared for one tier in the offline comparison.
 *
 * @param policy the policy, for example {@code tokens, reconciled}
 * @param tier the tier
 * @param admittedRequests requests it admitted
 * @param admittedTokens real tokens of the requests it admitted
 * @param shareOfIdeal admitted tokens as a share of what the ideal limiter admitted, in percent
 * @param runOvershootPercent the most any tenant's admitted tokens exceeded its budget over the
 *     whole run (rate x time + burst), in percent; zero when always within
 * @param windowOvershootPercent the same over the worst one-minute window
 */
public record PolicyResult(
        String policy,
        String tier,
        long admittedRequests,
        long admittedTokens,
        double shareOfIdeal,
        double runOvershootPercent,
        double windowOvershootPercent) {}
