package dev.resilience.core.ratelimit.internal;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiter;
import dev.resilience.core.time.TimeSource;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Per-key limiters in a map bounded by a maximum number of keys.
 *
 * <p>When the map grows past its maximum, limiters that are idle (back at full capacity, no
 * debt) are dropped: a fresh limiter created later for the same key behaves identically, so this
 * eviction loses nothing.
 */
public final class BoundedKeyedRateLimiter implements KeyedRateLimiter {

    private final String name;
    private final RateLimitConfig config;
    private final int maxKeys;
    private final Function<String, RateLimiter> factory;
    private final ConcurrentHashMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    /**
     * Creates a keyed limiter.
     *
     * @param maxKeys the number of keys above which idle keys are evicted, at least 1
     */
    public BoundedKeyedRateLimiter(String name, RateLimitConfig config, TimeSource time, int maxKeys) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, but was " + maxKeys);
        }
        this.maxKeys = maxKeys;
        TokenBucket.Shape shape = new TokenBucket.Shape(config, time);
        this.factory = key -> TokenBucket.create(shape);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RateLimitConfig config() {
        return config;
    }

    @Override
    public Decision tryAcquire(String key, long permits) {
        return limiterFor(key).tryAcquire(permits);
    }

    @Override
    public void adjust(String key, long delta) {
        limiterFor(key).adjust(delta);
    }

    @Override
    public Decision peek(String key) {
        RateLimiter limiter = limiters.get(key);
        return limiter != null ? limiter.peek() : factory.apply(key).peek();
    }

    @Override
    public int size() {
        return limiters.size();
    }

    private RateLimiter limiterFor(String key) {
        RateLimiter limiter = limiters.get(key);
        if (limiter != null) {
            return limiter;
        }
        if (limiters.size() >= maxKeys) {
            evictIdle();
        }
        return limiters.computeIfAbsent(key, factory);
    }

    private void evictIdle() {
        limiters.values().removeIf(RateLimiter::isIdle);
    }
}
