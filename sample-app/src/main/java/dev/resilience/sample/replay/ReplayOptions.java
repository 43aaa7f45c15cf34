package dev.resilience.sample.replay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings of one replay, from command-line arguments of the form {@code --name=value} or
 * {@code --name value}.
 *
 * @param trace the CSV trace, or {@code null} for the built-in synthetic workload
 * @param speedup the time compression: 60 replays an hour of trace in a minute
 * @param limit the most trace rows replayed
 * @param duration the most trace time replayed, or {@code null} for all of it
 * @param out the directory the report is written to
 * @param gateway the base URL of a running gateway, or {@code null} to start one in this JVM
 * @param concurrency the most requests in flight at once
 * @param seed the random seed of tenant assignment and the synthetic workload
 * @param syntheticRequests the number of requests of the synthetic workload
 * @param outageStart when the large model starts failing, as a fraction of the run (0 to 1)
 * @param outageEnd when it recovers, as a fraction of the run; equal to the start for none
 * @param maxTokens the {@code max_tokens} every replayed request asks for
 * @param breaker the name of the breaker guarding the large model
 * @param freeTokensPerMinute the token budget of each free tenant in the offline comparison,
 *     in trace time
 * @param premiumTokensPerMinute the same for each premium tenant
 * @param springArguments the arguments not understood here, passed to an in-process gateway
 */
public record ReplayOptions(
        Path trace,
        double speedup,
        long limit,
        Duration duration,
        Path out,
        URI gateway,
        int concurrency,
        long seed,
        int syntheticRequests,
        double outageStart,
        double outageEnd,
        int maxTokens,
        String breaker,
        long freeTokensPerMinute,
        long premiumTokensPerMinute,
        List<String> springArguments) {

    /** Checks the ranges, naming the option and the value at fault. */
    public ReplayOptions {
        require(speedup > 0, "--speedup must be above 0; got " + speedup);
        require(limit > 0, "--limit must be above 0; got " + limit);
        require(concurrency >= 1 && concurrency <= 1024, "--concurrency must be from 1 to 1024; got " + concurrency);
        require(syntheticRequests > 0, "--synthetic-requests must be above 0; got " + syntheticRequests);
        require(
                0 <= outageStart && outageStart <= outageEnd && outageEnd <= 1,
                "--outage-start and --outage-end must satisfy 0 <= start <= end <= 1; got " + outageStart + " and "
                        + outageEnd);
        require(maxTokens > 0, "--max-tokens must be above 0; got " + maxTokens);
        require(freeTokensPerMinute > 0, "--free-tokens-per-minute must be above 0; got " + freeTokensPerMinute);
        require(
                premiumTokensPerMinute > 0,
                "--premium-tokens-per-minute must be above 0; got " + premiumTokensPerMinute);
        springArguments = List.copyOf(springArguments);
    }

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the option when a value is missing or invalid
     */
    public static ReplayOptions parse(String... args) {
        Path trace = null;
        double speedup = 60;
        long limit = Long.MAX_VALUE;
        Duration duration = null;
        Path out = Path.of("target", "replay");
        URI gateway = null;
        int concurrency = 64;
        long seed = 42;
        int synthetic = 6_000;
        double outageStart = 0.35;
        double outageEnd = 0.55;
        int maxTokens = 1024;
        String breaker = "large-model";
        long freeBudget = 20_000;
        long premiumBudget = 200_000;
        List<String> spring = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--replay")) {
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean known = KNOWN.contains(name);
            if (!known) {
                spring.add(arg);
                continue;
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            try {
                switch (name) {
                    case "--trace" -> trace = Path.of(value);
                    case "--speedup" -> speedup = Double.parseDouble(value);
                    case "--limit" -> limit = Long.parseLong(value);
                    case "--duration" -> duration = parseDuration(value);
                    case "--out" -> out = Path.of(value);
                    case "--gateway" -> gateway = URI.create(value);
                    case "--concurrency" -> concurrency = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--synthetic-requests" -> synthetic = Integer.parseInt(value);
                    case "--outage-start" -> outageStart = Double.parseDouble(value);
                    case "--outage-end" -> outageEnd = Double.parseDouble(value);
                    case "--max-tokens" -> maxTokens = Integer.parseInt(value);
                    case "--breaker" -> breaker = value;
                    case "--free-tokens-per-minute" -> freeBudget = Long.parseLong(value);
                    case "--premium-tokens-per-minute" -> premiumBudget = Long.parseLong(value);
                    default -> throw new IllegalStateException(name);
                }
            } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(name + ": cannot read '" + value + "'", e);
            }
        }
        return new ReplayOptions(
                trace,
                speedup,
                limit,
                duration,
                out,
                gateway,
                concurrency,
                seed,
                synthetic,
                outageStart,
                outageEnd,
                maxTokens,
                breaker,
                freeBudget,
                premiumBudget,
                spring);
    }

    private static final List<String> KNOWN = List.of(
            "--trace",
            "--speedup",
            "--limit",
            "--duration",
            "--out",
            "--gateway",
            "--concurrency",
            "--seed",
            "--synthetic-requests",
            "--outage-start",
            "--outage-end",
            "--max-tokens",
            "--breaker",
            "--free-tokens-per-minute",
            "--premium-tokens-per-minute");

    /** Reads {@code 90}, {@code 90s}, {@code 15m}, {@code 1h} or an ISO-8601 {@code PT15M}. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(text.trim());
        }
        char unit = t.charAt(t.length() - 1);
        String number = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1);
        long amount = Long.parseLong(number);
        return switch (unit) {
            case 'h' -> Duration.ofHours(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
