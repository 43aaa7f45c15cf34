package dev.resilience.spring.store;

import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;

/**
 * Where the state of keyed rate limiters lives: in this JVM's memory, or shared across
 * instances in Redis. Selected with {@code resilience.ratelimiter.store}.
 */
public interface RateLimiterStore {

    /** Creates the keyed limiter that enforces one configured limit in this store. */
    KeyedRateLimiter create(String name, RateLimitConfig config);
}
