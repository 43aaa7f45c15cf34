package dev.resilience.benchmarks.redis;

import dev.resilience.core.ratelimit.KeyedRateLimiter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Counts the commands the Redis store sends per decision (each one round trip), and writes the
 * count as JSON for the report.
 *
 * <p>Usage: {@code java -Dbenchmarks.redis.port=P -cp benchmarks.jar
 * dev.resilience.benchmarks.redis.RedisRoundTrips round-trips.json [evalsha.txt]}; the optional
 * second file receives the store's script call as a command line for {@code redis-benchmark}.
 */
public final class RedisRoundTrips {

    private static final int DECISIONS = 10_000;

    private RedisRoundTrips() {}

    /** Measures and writes the result to the file named by the first argument. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "round-trips.json");
        try (LocalRedis redis = new LocalRedis(true)) {
            KeyedRateLimiter limiter = redis.limiter("round-trips");
            // The first call of each script may load it; steady state is what is measured.
            limiter.tryAcquire("warm", 1);
            long before = redis.commandsSent();
            for (int i = 0; i < DECISIONS; i++) {
                limiter.tryAcquire("tenant-" + (i % 100), 1);
            }
            double perDecision = (redis.commandsSent() - before) / (double) DECISIONS;
            redis.requireNoFallback();
            Files.writeString(
                    out,
                    String.format(
                            Locale.ROOT,
                            "{\"decisions\": %d, \"roundTripsPerDecision\": %.3f}%n",
                            DECISIONS,
                            perDecision));
            System.out.printf(Locale.ROOT, "%.3f round trips to Redis per decision%n", perDecision);
            if (args.length > 1) {
                // The store's own script call, for redis-benchmark, which replaces __rand_int__.
                limiter.tryAcquire("tenant-__rand_int__", 1);
                List<String> call = redis.lastScriptCall();
                Files.writeString(Path.of(args[1]), "EVALSHA " + String.join(" ", call) + "\n");
            }
        }
    }
}
