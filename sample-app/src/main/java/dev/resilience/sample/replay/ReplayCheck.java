package dev.resilience.sample.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One promise the replay report checks: that token-aware limits keep the service fair (premium
 * tenants served while free ones are throttled, nobody above budget) and that reconciliation
 * admits nearly what an ideal limiter would.
 *
 * @param name what is promised
 * @param passed whether the run kept it
 * @param measured the numbers behind the verdict
 */
public record ReplayCheck(String name, boolean passed, String measured) {

    /** Every check that applies to this result. */
    public static List<ReplayCheck> all(ReplayResult result) {
        List<ReplayCheck> checks = new ArrayList<>();
        ReportWriter.stats(result).stream()
                .filter(s -> s.tier().equals("premium") && s.offeredTokens() > 0)
                .findFirst()
                .ifPresent(premium -> {
                    double share = 100.0 * premium.servedTokens() / premium.offeredTokens();
                    checks.add(new ReplayCheck(
                            "premium tenants served at least 99% of their offered tokens",
                            share >= 99, percent(share)));
                });
        Map<String, double[]> overshoot = ReportWriter.liveOvershoot(result);
        double run = overshoot.values().stream().mapToDouble(w -> w[0]).max().orElse(0);
        double minute = overshoot.values().stream().mapToDouble(w -> w[1]).max().orElse(0);
        // The worst minute is reported but not judged: it is measured on client send times,
        // which a loaded machine shifts by a large part of a compressed minute.
        checks.add(new ReplayCheck(
                "no tenant served more than 2% above its token budget over the run",
                run <= 2,
                "worst " + percent(run) + " over the run (" + percent(minute)
                        + " over its worst minute of send times, not judged)"));
        result.comparison().stream()
                .filter(r -> r.policy().equals("tokens, reconciled"))
                .mapToDouble(PolicyResult::windowOvershootPercent)
                .max()
                .ifPresent(minuteOvershoot -> checks.add(new ReplayCheck(
                        "reconciled token limiting keeps every tenant within 2% of its budget in"
                                + " every minute (trace time)",
                        minuteOvershoot <= 2, "worst " + percent(minuteOvershoot))));
        share(result, "tokens, reconciled").ifPresent(reconciled -> {
            double estimateOnly = share(result, "tokens, estimate only").orElse(0.0);
            checks.add(new ReplayCheck(
                    "reconciled token limiting admits at least 95% of the ideal (free tier)",
                    reconciled >= 95, percent(reconciled)));
            checks.add(new ReplayCheck(
                    "reconciled admits clearly more than the estimate alone (free tier)",
                    reconciled >= estimateOnly + 10,
                    percent(reconciled) + " vs " + percent(estimateOnly)));
        });
        return checks;
    }

    private static java.util.Optional<Double> share(ReplayResult result, String policy) {
        return result.comparison().stream()
                .filter(r -> r.tier().equals("free") && r.policy().equals(policy))
                .map(PolicyResult::shareOfIdeal)
                .findFirst();
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }
}
