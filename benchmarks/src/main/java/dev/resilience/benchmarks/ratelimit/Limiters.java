package dev.resilience.benchmarks.ratelimit;

import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiter;
import dev.resilience.core.ratelimit.RateLimiters;
import dev.resilience.core.time.TimeSource;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * The same two limits built with each library: one that never runs out within a benchmark, and
 * one that is empty and stays empty for a day. Every peer runs with its defaults otherwise (for
 * Bucket4j: lock-free synchronization and millisecond clock precision).
 */
final class Limiters {

    /** A rate far above what one machine can ask for: a billion permits per second. */
    static final int AMPLE_PERMITS = 1_000_000_000;

    static final Duration ONE_SECOND = Duration.ofSeconds(1);

    static final Duration ONE_DAY = Duration.ofDays(1);

    /**
     * Permits of the per-key limit: a hundred thousand per hour, so that no key runs out within a
     * run. A full refill takes an hour, longer than any setup: a keyed limiter may sweep keys
     * that are idle (full) while new keys arrive, which would lose keys during setup and turn a
     * lookup benchmark into a creation benchmark.
     */
    static final int KEYED_PERMITS = 100_000;

    static final Duration KEYED_PERIOD = Duration.ofHours(1);

    private Limiters() {}

    static RateLimitConfig oursAmple() {
        return RateLimitConfig.perPeriod(AMPLE_PERMITS, ONE_SECOND);
    }

    static RateLimiter ours(RateLimitConfig config) {
        return RateLimiters.create(config, TimeSource.system());
    }

    static RateLimiterConfig resilience4jAmple() {
        return resilience4j(AMPLE_PERMITS, ONE_SECOND);
    }

    static RateLimiterConfig resilience4j(int permits, Duration period) {
        // A zero timeout makes acquirePermission() answer at once instead of parking the caller.
        return RateLimiterConfig.custom()
                .limitForPeriod(permits)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    static Bucket bucket4j(long permits, Duration period) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(permits).refillGreedy(permits, period))
                .build();
    }
}
