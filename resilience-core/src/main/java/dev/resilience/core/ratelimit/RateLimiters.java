package dev.resilience.core.ratelimit;

import dev.resilience.core.ratelimit.internal.BoundedKeyedRateLimiter;
import dev.resilience.core.ratelimit.internal.BucketFactory;
import dev.resilience.core.time.TimeSource;

/**
 * Creates rate limiters; the implementations stay hidden behind these factories. The algorithm
 * is the one named by {@link RateLimitConfig#algorithm()}.
 */
public final class RateLimiters {

    /** The default bound on live keys per keyed limiter. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private RateLimiters() {}

    /** Creates a single limiter, full, enforcing the given settings. */
    public static RateLimiter create(RateLimitConfig config, TimeSource time) {
        return new BucketFactory(config, time).newLimiter();
    }

    /**
     * Creates a keyed limiter holding state for at most {@code maxKeys} keys; see {@link
     * BoundedKeyedRateLimiter} for eviction, memory per key and what happens when it is full.
     */
    public static KeyedRateLimiter keyed(String name, RateLimitConfig config, TimeSource time, int maxKeys) {
        return new BoundedKeyedRateLimiter(name, config, time, maxKeys);
    }
}
