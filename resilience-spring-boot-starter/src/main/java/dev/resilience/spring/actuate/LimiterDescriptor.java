package dev.resilience.spring.actuate;

import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;

/**
 * One limiter as the {@code ratelimiters} endpoint shows it.
 *
 * @param algorithm the algorithm enforcing the limit
 * @param capacity the most permits available at once per key
 * @param rate permits that come back per period
 * @param period the refill period, ISO-8601
 * @param maxWait the longest a caller may be parked, ISO-8601
 * @param keys keys currently holding state
 * @param key the key asked about, or {@code null}
 * @param remaining permits the key has left, or {@code null} when no key was asked about
 */
public record LimiterDescriptor(
        String algorithm,
        long capacity,
        long rate,
        String period,
        String maxWait,
        int keys,
        String key,
        Long remaining) {

    /** Describes a limiter and, when {@code key} is not {@code null}, that key's remaining permits. */
    public static LimiterDescriptor of(KeyedRateLimiter limiter, String key) {
        RateLimitConfig config = limiter.config();
        return new LimiterDescriptor(
                config.algorithm().name(),
                config.capacity(),
                config.refillPermits(),
                config.refillPeriod().toString(),
                config.maxWait().toString(),
                limiter.size(),
                key,
                key == null ? null : limiter.peek(key).remaining());
    }
}
