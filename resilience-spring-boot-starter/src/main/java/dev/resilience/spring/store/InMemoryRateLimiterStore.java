package dev.resilience.spring.store;

import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiters;
import dev.resilience.core.time.TimeSource;

/**
 * Keeps limiter state in this JVM's memory, in the core's bounded keyed limiters. The default
 * store: fast, and per application instance.
 */
public final class InMemoryRateLimiterStore implements RateLimiterStore {

    private final TimeSource time;

    private final int maxKeys;

    /**
     * Creates the store.
     *
     * @param time the time source the limiters read
     * @param maxKeys the most keys one limiter holds state for
     */
    public InMemoryRateLimiterStore(TimeSource time, int maxKeys) {
        this.time = time;
        this.maxKeys = maxKeys;
    }

    @Override
    public KeyedRateLimiter create(String name, RateLimitConfig config) {
        return RateLimiters.keyed(name, config, time, maxKeys);
    }
}
