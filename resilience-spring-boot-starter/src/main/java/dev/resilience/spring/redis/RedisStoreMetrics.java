package dev.resilience.spring.redis;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of the Redis store: {@code resilience.ratelimiter.store.degraded} (1 while
 * Redis fails or is left alone, else 0) and {@code resilience.ratelimiter.store.fallbacks} (calls
 * decided by the failure policy instead of Redis), both tagged {@code store=redis}.
 */
public final class RedisStoreMetrics implements MeterBinder {

    private final RedisRateLimiterStore store;

    /** Creates the meters' binder for one store. */
    public RedisStoreMetrics(RedisRateLimiterStore store) {
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("resilience.ratelimiter.store.degraded", store, s -> s.isDegraded() ? 1 : 0)
                .description("1 while the Redis rate limiter store cannot reach Redis, else 0")
                .tag("store", "redis")
                .register(registry);
        FunctionCounter.builder("resilience.ratelimiter.store.fallbacks", store, RedisRateLimiterStore::fallbackCount)
                .description("Rate limiter calls decided by the failure policy instead of Redis")
                .tag("store", "redis")
                .register(registry);
    }
}
