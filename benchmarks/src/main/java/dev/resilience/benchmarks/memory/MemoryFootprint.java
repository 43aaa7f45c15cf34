package dev.resilience.benchmarks.memory;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.circuitbreaker.Breakers;
import dev.resilience.core.circuitbreaker.Permission;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiters;
import dev.resilience.core.time.TimeSource;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Measures how much heap each library keeps per live key of a keyed limiter and per circuit
 * breaker, and writes the results as JSON for the report.
 *
 * <p>Each structure is built, every item used once (so that lazily created state exists), and
 * the used heap compared after a full collection before and after. Key strings are created
 * beforehand and excluded. Run it with {@code -XX:+UseSerialGC} so that {@link System#gc()} is
 * one full, stop-the-world collection.
 *
 * <p>Usage: {@code java -XX:+UseSerialGC -cp benchmarks.jar
 * dev.resilience.benchmarks.memory.MemoryFootprint memory.json}
 */
public final class MemoryFootprint {

    static final int KEYS = 100_000;

    static final int BREAKERS = 1_000;

    static final int WINDOW = 100;

    /** A limit whose full refill takes longer than the measurement, so no key is swept. */
    static final int KEYED_PERMITS = 100_000;

    static final Duration KEYED_PERIOD = Duration.ofHours(1);

    private static final int REPEATS = 3;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private MemoryFootprint() {}

    /** Measures every footprint and writes them to the file named by the first argument. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = Path.of(args.length > 0 ? args[0] : "memory.json");
        String[] keys = new String[KEYS];
        Arrays.setAll(keys, i -> "tenant-" + i);
        List<Footprint> results = new ArrayList<>();
        results.add(measure("mapEntry", KEYS, () -> mapEntriesOnly(keys)));
        results.add(measure("oursKeyed", KEYS, () -> oursKeyed(keys)));
        results.add(measure("bucket4jKeyed", KEYS, () -> bucket4jKeyed(keys)));
        results.add(measure("resilience4jKeyed", KEYS, () -> resilience4jKeyed(keys)));
        results.add(measure("oursBreaker", BREAKERS, MemoryFootprint::oursBreakers));
        results.add(measure("resilience4jBreaker", BREAKERS, MemoryFootprint::resilience4jBreakers));
        String json = results.stream().map(Footprint::toJson).collect(Collectors.joining(",\n  ", "[\n  ", "\n]\n"));
        Files.writeString(out, json);
        results.forEach(r ->
                System.out.printf("%-20s %10.1f bytes per item (%d items)%n", r.name(), r.bytesPerItem(), r.items()));
        Reference.reachabilityFence(keys);
    }

    /** The median over a few builds of the heap growth per item. */
    private static Footprint measure(String name, int items, Supplier<Object> build) throws InterruptedException {
        double[] perItem = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long before = usedAfterFullGc();
            Object built = build.get();
            long after = usedAfterFullGc();
            Reference.reachabilityFence(built);
            perItem[i] = (after - before) / (double) items;
        }
        Arrays.sort(perItem);
        return new Footprint(name, items, perItem[REPEATS / 2]);
    }

    private static long usedAfterFullGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(50);
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The map and its entries with one shared value: what every keyed structure pays anyway. */
    private static Object mapEntriesOnly(String[] keys) {
        ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
        Object shared = new Object();
        for (String key : keys) {
            map.put(key, shared);
        }
        return map;
    }

    private static Object oursKeyed(String[] keys) {
        KeyedRateLimiter limiter = RateLimiters.keyed(
                "keyed", RateLimitConfig.perPeriod(KEYED_PERMITS, KEYED_PERIOD), TimeSource.system(), KEYS);
        for (String key : keys) {
            limiter.tryAcquire(key, 1);
        }
        if (limiter.size() != KEYS) {
            throw new IllegalStateException("expected " + KEYS + " live keys, found " + limiter.size());
        }
        return limiter;
    }

    private static Object bucket4jKeyed(String[] keys) {
        ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
        for (String key : keys) {
            buckets.computeIfAbsent(
                            key,
                            k -> Bucket.builder()
                                    .addLimit(limit ->
                                            limit.capacity(KEYED_PERMITS).refillGreedy(KEYED_PERMITS, KEYED_PERIOD))
                                    .build())
                    .tryConsume(1);
        }
        return buckets;
    }

    private static Object resilience4jKeyed(String[] keys) {
        RateLimiterRegistry registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(KEYED_PERMITS)
                .limitRefreshPeriod(KEYED_PERIOD)
                .timeoutDuration(Duration.ZERO)
                .build());
        for (String key : keys) {
            registry.rateLimiter(key).acquirePermission();
        }
        return registry;
    }

    /** Breakers with a window of 100 calls, each window filled by 100 successes. */
    private static Object oursBreakers() {
        BreakerConfig config = BreakerConfig.builder().slidingWindowSize(WINDOW).build();
        Breaker[] breakers = new Breaker[BREAKERS];
        for (int i = 0; i < BREAKERS; i++) {
            breakers[i] = Breakers.create("breaker-" + i, config, TimeSource.system());
            for (int call = 0; call < WINDOW; call++) {
                Permission permission = breakers[i].tryAcquirePermission();
                breakers[i].onSuccess(permission, breakers[i].startTime());
            }
        }
        return breakers;
    }

    private static Object resilience4jBreakers() {
        CircuitBreakerConfig config =
                CircuitBreakerConfig.custom().slidingWindowSize(WINDOW).build();
        CircuitBreaker[] breakers = new CircuitBreaker[BREAKERS];
        for (int i = 0; i < BREAKERS; i++) {
            breakers[i] = CircuitBreaker.of("breaker-" + i, config);
            for (int call = 0; call < WINDOW; call++) {
                breakers[i].acquirePermission();
                breakers[i].onSuccess(1, TimeUnit.MILLISECONDS);
            }
        }
        return breakers;
    }
}
