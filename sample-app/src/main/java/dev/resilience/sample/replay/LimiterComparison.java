package dev.resilience.sample.replay;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiter;
import dev.resilience.core.ratelimit.RateLimiters;
import dev.resilience.core.time.ManualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a trace offline, in trace time and on a simulated clock, through the core token bucket
 * under four policies with the same per-tenant token budget, to show how far each lets real
 * token usage drift from the budget and how much it admits:
 *
 * <ul>
 *   <li>{@code requests}: limits requests per minute, at the budget divided by the tier's mean
 *       tokens per request;
 *   <li>{@code tokens, estimate only}: charges prompt plus {@code max_tokens}, never corrected;
 *   <li>{@code tokens, reconciled}: charges the same estimate, then refunds or charges the
 *       difference with the real usage as soon as the answer is known;
 *   <li>{@code ideal}: charges the real cost up front, which no real limiter can know.
 * </ul>
 *
 * <p>The budget of each tenant is a token bucket of {@code tokensPerMinute} refilled per minute
 * with a burst of one minute's worth.
 */
public final class LimiterComparison {

    /** The policies, in report order. */
    public static final List<String> POLICIES =
            List.of("requests", "tokens, estimate only", "tokens, reconciled", "ideal");

    private LimiterComparison() {}

    /**
     * Runs every policy on the rows, each request sent for the tenant at the same index of
     * {@code tenants}.
     *
     * @param budgets tokens per minute of each tier
     * @param maxTokens the {@code max_tokens} every request asks for
     */
    public static List<PolicyResult> compare(
            List<TraceRow> rows, List<Tenant> tenants, Map<String, Long> budgets, int maxTokens) {
        Map<String, Double> meanTokens = meanTokensPerTier(rows, tenants);
        List<PolicyResult> results = new ArrayList<>();
        Map<String, Long> idealTokens = new HashMap<>();
        for (int p = POLICIES.size() - 1; p >= 0; p--) {
            String policy = POLICIES.get(p);
            Map<String, List<long[]>> admitted = simulate(policy, rows, tenants, budgets, maxTokens, meanTokens);
            Map<String, long[]> totals = new LinkedHashMap<>();
            Map<String, double[]> overshoots = new LinkedHashMap<>();
            admitted.forEach((tenantTier, events) -> {
                String tier = tenantTier.substring(tenantTier.indexOf('/') + 1);
                long[] total = totals.computeIfAbsent(tier, t -> new long[2]);
                total[0] += events.size();
                events.forEach(e -> total[1] += e[1]);
                double[] worst = overshoots.computeIfAbsent(tier, t -> new double[2]);
                double[] tenantWorst = overshoot(events, budgets.get(tier), span(rows));
                worst[0] = Math.max(worst[0], tenantWorst[0]);
                worst[1] = Math.max(worst[1], tenantWorst[1]);
            });
            totals.forEach((tier, total) -> {
                if (policy.equals("ideal")) {
                    idealTokens.put(tier, total[1]);
                }
                long ideal = idealTokens.getOrDefault(tier, 0L);
                double[] worst = overshoots.get(tier);
                results.add(new PolicyResult(
                        policy,
                        tier,
                        total[0],
                        total[1],
                        ideal == 0 ? 0 : 100.0 * total[1] / ideal,
                        worst[0],
                        worst[1]));
            });
        }
        results.sort(
                java.util.Comparator.comparing(PolicyResult::tier).thenComparing(r -> POLICIES.indexOf(r.policy())));
        return results;
    }

    private static Map<String, List<long[]>> simulate(
            String policy,
            List<TraceRow> rows,
            List<Tenant> tenants,
            Map<String, Long> budgets,
            int maxTokens,
            Map<String, Double> meanTokens) {
        ManualTimeSource clock = ManualTimeSource.startingAt(0);
        Map<String, RateLimiter> limiters = new HashMap<>();
        Map<String, List<long[]>> admitted = new LinkedHashMap<>();
        long now = 0;
        for (int i = 0; i < rows.size(); i++) {
            TraceRow row = rows.get(i);
            Tenant tenant = tenants.get(i);
            clock.advanceNanos(row.offsetNanos() - now);
            now = row.offsetNanos();
            long budget = budgets.get(tenant.tier());
            RateLimiter limiter = limiters.computeIfAbsent(
                    tenant.name(),
                    t -> RateLimiters.create(
                            policy.equals("requests")
                                    ? RateLimitConfig.perPeriod(
                                            Math.max(1, Math.round(budget / meanTokens.get(tenant.tier()))),
                                            Duration.ofMinutes(1))
                                    : RateLimitConfig.perPeriod(budget, Duration.ofMinutes(1)),
                            clock));
            long actual = row.contextTokens() + row.generatedTokens();
            long estimate = row.contextTokens() + Math.max(maxTokens, 0);
            long charge = switch (policy) {
                case "requests" -> 1;
                case "ideal" -> actual;
                default -> estimate;
            };
            Decision decision = limiter.tryAcquire(Math.max(1, charge));
            if (decision.allowed()) {
                if (policy.equals("tokens, reconciled")) {
                    limiter.adjust(actual - estimate);
                }
                admitted.computeIfAbsent(tenant.name() + "/" + tenant.tier(), k -> new ArrayList<>())
                        .add(new long[] {row.offsetNanos(), actual});
            }
        }
        return admitted;
    }

    /** The worst overshoot over the run and over any one-minute window, in percent. */
    static double[] overshoot(List<long[]> events, long perMinute, long spanNanos) {
        double ratePerNano = perMinute / 60e9;
        long total = events.stream().mapToLong(e -> e[1]).sum();
        double runAllowance = perMinute + ratePerNano * spanNanos;
        long minute = Duration.ofMinutes(1).toNanos();
        double windowAllowance = perMinute + ratePerNano * minute;
        long windowSum = 0;
        long worstWindow = 0;
        for (int head = 0, tail = 0; head < events.size(); head++) {
            windowSum += events.get(head)[1];
            while (events.get(head)[0] - events.get(tail)[0] >= minute) {
                windowSum -= events.get(tail++)[1];
            }
            worstWindow = Math.max(worstWindow, windowSum);
        }
        return new double[] {
            Math.max(0, 100.0 * (total - runAllowance) / runAllowance),
            Math.max(0, 100.0 * (worstWindow - windowAllowance) / windowAllowance)
        };
    }

    private static Map<String, Double> meanTokensPerTier(List<TraceRow> rows, List<Tenant> tenants) {
        Map<String, long[]> sums = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            long[] sum = sums.computeIfAbsent(tenants.get(i).tier(), t -> new long[2]);
            sum[0]++;
            sum[1] += rows.get(i).contextTokens() + rows.get(i).generatedTokens();
        }
        Map<String, Double> means = new HashMap<>();
        sums.forEach((tier, sum) -> means.put(tier, (double) sum[1] / sum[0]));
        return means;
    }

    private static long span(List<TraceRow> rows) {
        return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).offsetNanos();
    }
}
