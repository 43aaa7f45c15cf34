package dev.resilience.benchmarks.ratelimit;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiters;
import dev.resilience.core.time.TimeSource;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One limit applied per key over {@value #KEYS} live keys, each call for a key drawn at random:
 * the map lookup, the cache misses of a large table, and the decision together.
 *
 * <p>Every key holds state before measurement starts and keeps it throughout, so the numbers are
 * for the steady state of a busy service, not for key creation. Bucket4j has no keyed limiter of its own; its buckets sit
 * in a {@link ConcurrentHashMap}, the way its documentation suggests. Resilience4j's registry is
 * its way to hold many named limiters.
 */
@State(Scope.Benchmark)
@Threads(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyedLimiterBenchmark {

    static final int KEYS = 100_000;

    private final String[] keys = new String[KEYS];

    private KeyedRateLimiter ours;

    private RateLimiterRegistry resilience4j;

    private final ConcurrentHashMap<String, Bucket> bucket4j = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, AtomicLong> floor = new ConcurrentHashMap<>();

    /** Creates the state every benchmark method of this class shares. */
    @Setup
    public void createKeysWithState() {
        ours = RateLimiters.keyed(
                "keyed",
                RateLimitConfig.perPeriod(Limiters.KEYED_PERMITS, Limiters.KEYED_PERIOD),
                TimeSource.system(),
                RateLimiters.DEFAULT_MAX_KEYS);
        resilience4j = RateLimiterRegistry.of(Limiters.resilience4j(Limiters.KEYED_PERMITS, Limiters.KEYED_PERIOD));
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "tenant-" + i;
            ours.tryAcquire(keys[i], 1);
            resilience4j.rateLimiter(keys[i]).acquirePermission();
            bucket4j(keys[i]).tryConsume(1);
            floor.put(keys[i], new AtomicLong());
        }
        if (ours.size() != KEYS) {
            throw new IllegalStateException("expected " + KEYS + " live keys, found " + ours.size());
        }
    }

    /** This project's implementation, called as an application calls it. */
    @Benchmark
    public Decision ours(RandomKey random) {
        return ours.tryAcquire(random.next(keys), 1);
    }

    /** Resilience4j 2.4.0, called as an application calls it. */
    @Benchmark
    public boolean resilience4j(RandomKey random) {
        return resilience4j.rateLimiter(random.next(keys)).acquirePermission();
    }

    /** Bucket4j 8.14.0, called as an application calls it. */
    @Benchmark
    public boolean bucket4j(RandomKey random) {
        return bucket4j(random.next(keys)).tryConsume(1);
    }

    /** A map lookup, one clock read and one compare-and-set: the least a keyed limiter does. */
    @Benchmark
    public boolean floor(RandomKey random) {
        AtomicLong state = floor.get(random.next(keys));
        long now = System.nanoTime();
        long current = state.get();
        return state.compareAndSet(current, Math.max(current, now) + 1);
    }

    private Bucket bucket4j(String key) {
        return bucket4j.computeIfAbsent(key, k -> Limiters.bucket4j(Limiters.KEYED_PERMITS, Limiters.KEYED_PERIOD));
    }

    /** A per-thread xorshift generator, cheap enough not to hide the cost of the lookup. */
    @State(Scope.Thread)
    public static class RandomKey {

        private long seed = System.nanoTime() | 1;

        String next(String[] keys) {
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            return keys[(int) ((seed >>> 1) % keys.length)];
        }
    }
}
