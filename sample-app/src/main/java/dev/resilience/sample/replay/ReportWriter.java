package dev.resilience.sample.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes {@code report.md} and its SVG charts for a replay. */
public final class ReportWriter {

    private ReportWriter() {}

    /** Writes the report into {@code directory}, creating it, and returns the report's path. */
    public static Path write(ReplayResult result, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<String> charts = ReplayCharts.write(result, directory);
        Path report = directory.resolve("report.md");
        Files.writeString(report, render(result, charts), StandardCharsets.UTF_8);
        return report;
    }

    /** The statistics per tier, in tier order, followed by the total under {@code all}. */
    public static List<TierStats> stats(ReplayResult result) {
        Map<String, List<Outcome>> byTier = result.outcomes().stream()
                .collect(Collectors.groupingBy(o -> o.tenant().tier(), TreeMap::new, Collectors.toList()));
        List<TierStats> stats = new ArrayList<>();
        byTier.forEach((tier, outcomes) -> stats.add(TierStats.of(tier, outcomes)));
        stats.add(TierStats.of("all", result.outcomes()));
        return stats;
    }

    static String render(ReplayResult result, List<String> charts) {
        ReplayOptions options = result.options();
        StringBuilder md = new StringBuilder();
        md.append("# Replay report\n\n");
        md.append("| setting | value |\n|---|---|\n");
        row(md, "workload", result.source());
        row(md, "requests offered", Integer.toString(result.outcomes().size()));
        row(md, "time compression", fmt(options.speedup()) + "x");
        row(md, "concurrency", Integer.toString(options.concurrency()));
        row(md, "max_tokens asked per request", Integer.toString(options.maxTokens()));
        row(md, "wall time", seconds(result.wallNanos()) + " s");
        row(md, "largest send delay", seconds(result.maxLagNanos()) + " s");
        row(
                md,
                "large-model outage",
                result.outageStartNanos() < 0
                        ? "none"
                        : "from " + seconds(result.outageStartNanos()) + " s to " + seconds(result.outageEndNanos())
                                + " s");
        md.append("\nTimes are wall-clock seconds since the replay started; multiply by the "
                + "compression for trace time.\n\n");
        md.append("## Outcomes\n\n");
        md.append("Admitted: served by the model asked for. Fallback: served by the small model or "
                + "a cached answer. Every offered request is counted once: "
                + "offered = admitted + 429 + fallback + errors.\n\n");
        md.append("| tier | offered | admitted | 429 | fallback | errors | adds up |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (TierStats s : stats(result)) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %d | %s |%n",
                    s.tier(),
                    s.offered(),
                    s.admitted(),
                    s.rateLimited(),
                    s.fallback(),
                    s.errors(),
                    s.addsUp() ? "yes" : "NO"));
        }
        md.append("\n## Tokens\n\n");
        md.append("Budget: what the tier's tenants may use over the trace's span at "
                + "--free-tokens-per-minute and --premium-tokens-per-minute (the gateway's "
                + "defaults): tenants x (rate x span + one minute's burst).\n\n");
        md.append("| tier | offered tokens | served tokens | served share | budget | served of budget |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (TierStats s : stats(result)) {
            long budget = budget(result, s.tier());
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %.1f%% | %s | %s |%n",
                    s.tier(),
                    s.offeredTokens(),
                    s.servedTokens(),
                    s.offeredTokens() == 0 ? 0.0 : 100.0 * s.servedTokens() / s.offeredTokens(),
                    budget <= 0 ? "-" : Long.toString(budget),
                    budget <= 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * s.servedTokens() / budget)));
        }
        renderLiveOvershoot(md, result);
        md.append("\n## Fallbacks by kind\n\n| served by | requests |\n|---|---:|\n");
        fallbacksByKind(result)
                .forEach((kind, count) ->
                        md.append("| ").append(kind).append(" | ").append(count).append(" |\n"));
        md.append("\n## Breaker '").append(options.breaker()).append("'\n\n");
        md.append("Full CLOSED -> OPEN -> HALF_OPEN -> CLOSED cycle seen: ")
                .append(fullCycle(result.transitions()) ? "yes" : "no")
                .append("\n\n");
        md.append("| time (s) | from | to |\n|---:|---|---|\n");
        for (Transition t : result.transitions()) {
            md.append("| ")
                    .append(seconds(t.atNanos()))
                    .append(" | ")
                    .append(t.from())
                    .append(" | ")
                    .append(t.to())
                    .append(" |\n");
        }
        md.append(
                "\n## Latency of served requests\n\n| tier | p50 ms | p95 ms | p99 ms |\n" + "|---|---:|---:|---:|\n");
        for (TierStats s : stats(result)) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.1f |%n",
                    s.tier(),
                    s.p50Millis(),
                    s.p95Millis(),
                    s.p99Millis()));
        }
        renderComparison(md, result);
        md.append("\n## Checks\n\n| check | result | measured |\n|---|---|---|\n");
        for (ReplayCheck check : ReplayCheck.all(result)) {
            md.append("| ")
                    .append(check.name())
                    .append(" | ")
                    .append(check.passed() ? "pass" : "FAIL")
                    .append(" | ")
                    .append(check.measured())
                    .append(" |\n");
        }
        if (!charts.isEmpty()) {
            md.append("\n## Charts\n\n");
            charts.forEach(file ->
                    md.append("![").append(file).append("](").append(file).append(")\n\n"));
        }
        return md.toString();
    }

    private static void renderComparison(StringBuilder md, ReplayResult result) {
        if (result.comparison().isEmpty()) {
            return;
        }
        ReplayOptions options = result.options();
        md.append("\n## Request limiting vs token limiting (offline, trace time)\n\n");
        md.append("The same requests and tenants run through the core token bucket on a simulated "
                + "clock at the trace's own pace, with a budget per tenant of "
                + options.freeTokensPerMinute() + " tokens/min (free) and "
                + options.premiumTokensPerMinute() + " tokens/min (premium), burst one minute's "
                + "worth. `requests` limits requests per minute at the budget divided by the "
                + "tier's mean tokens per request; `estimate only` charges prompt + max_tokens; "
                + "`reconciled` charges the same estimate and settles it with the real usage; "
                + "`ideal` charges the real cost up front. Overshoot: how far a tenant's real "
                + "admitted tokens went above its budget (rate x time + burst), worst tenant.\n\n");
        md.append("| tier | policy | admitted requests | admitted tokens | of ideal | "
                + "overshoot, run | overshoot, worst minute |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (PolicyResult r : result.comparison()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %.1f%% | %.1f%% | %.1f%% |%n",
                    r.tier(),
                    r.policy(),
                    r.admittedRequests(),
                    r.admittedTokens(),
                    r.shareOfIdeal(),
                    r.runOvershootPercent(),
                    r.windowOvershootPercent()));
        }
    }

    /** Whether the transitions hold CLOSED -> OPEN, later HALF_OPEN, and later CLOSED again. */
    public static boolean fullCycle(List<Transition> transitions) {
        String[] wanted = {"OPEN", "HALF_OPEN", "CLOSED"};
        int next = 0;
        boolean started = false;
        for (Transition t : transitions) {
            if (!started) {
                started = t.from().equals("CLOSED") && t.to().equals("OPEN");
                next = started ? 1 : 0;
            } else if (next < wanted.length && t.to().equals(wanted[next])) {
                next++;
            }
        }
        return started && next == wanted.length;
    }

    private static void renderLiveOvershoot(StringBuilder md, ReplayResult result) {
        md.append("\nHow far the tokens served to the worst tenant of each tier went above its "
                + "budget (rate x time + burst), with send times scaled back to trace time:\n\n");
        md.append("| tier | overshoot, run | overshoot, worst minute |\n|---|---:|---:|\n");
        liveOvershoot(result)
                .forEach((tier, worst) ->
                        md.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.1f%% |%n", tier, worst[0], worst[1])));
    }

    /** How many requests each kind of fallback served (small model, cache), by kind. */
    static Map<String, Long> fallbacksByKind(ReplayResult result) {
        return result.outcomes().stream()
                .filter(o -> o.kind() == OutcomeKind.FALLBACK)
                .collect(Collectors.groupingBy(Outcome::servedBy, TreeMap::new, Collectors.counting()));
    }

    /**
     * By tier, the worst overshoot of a tenant's served tokens over its budget, in percent: over
     * the whole run, and over its worst minute (send times scaled back to trace time).
     */
    static Map<String, double[]> liveOvershoot(ReplayResult result) {
        Map<String, Map<String, List<long[]>>> byTier = new TreeMap<>();
        for (Outcome o : result.outcomes()) {
            boolean served = o.kind() == OutcomeKind.ADMITTED || o.kind() == OutcomeKind.FALLBACK;
            if (served && !"cache".equals(o.servedBy())) {
                byTier.computeIfAbsent(o.tenant().tier(), t -> new TreeMap<>())
                        .computeIfAbsent(o.tenant().name(), t -> new ArrayList<>())
                        .add(new long[] {
                            (long) (o.startNanos() * result.options().speedup()), o.offeredTokens()
                        });
            }
        }
        Map<String, double[]> worstByTier = new TreeMap<>();
        byTier.forEach((tier, tenants) -> {
            long perMinute = tier.equals("premium")
                    ? result.options().premiumTokensPerMinute()
                    : result.options().freeTokensPerMinute();
            double[] worst = new double[2];
            for (List<long[]> events : tenants.values()) {
                events.sort(java.util.Comparator.comparingLong(e -> e[0]));
                double[] tenant = LimiterComparison.overshoot(events, perMinute, result.traceSpanNanos());
                worst[0] = Math.max(worst[0], tenant[0]);
                worst[1] = Math.max(worst[1], tenant[1]);
            }
            worstByTier.put(tier, worst);
        });
        return worstByTier;
    }

    /** The tokens a tier's tenants may use over the trace, or -1 for an unknown tier. */
    private static long budget(ReplayResult result, String tier) {
        long perMinute = switch (tier) {
            case "free" -> result.options().freeTokensPerMinute();
            case "premium" -> result.options().premiumTokensPerMinute();
            default -> -1;
        };
        if (perMinute < 0) {
            return -1;
        }
        long tenants = result.outcomes().stream()
                .filter(o -> o.tenant().tier().equals(tier))
                .map(o -> o.tenant().name())
                .distinct()
                .count();
        return Math.round(tenants * (perMinute * result.traceSpanNanos() / 60e9 + perMinute));
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
