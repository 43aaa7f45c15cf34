package dev.resilience.spring;

import dev.resilience.core.ratelimit.RateLimitConfig;

/**
 * Supplies, at call time, the limit a key is held to: for example the plan a tenant is on, read
 * from a database and changed while the application runs. Define one bean of this type and every
 * {@code @RateLimited} call asks it before taking permits.
 *
 * <p>It is called on every limited call, so it must be fast (cache what it reads) and must not
 * throw. Each distinct limit returned for a limiter gets its own keyed limiter, created on first
 * use and logged once at INFO; a key whose limit changes starts in the new limit with a full
 * bucket. Keep the number of distinct limits per limiter small (plans, not one per key).
 */
@FunctionalInterface
public interface LimitResolver {

    /**
     * The limit for {@code key} of limiter {@code limiter}, or {@code null} to keep the configured
     * one.
     *
     * @param limiter the limiter's name
     * @param key the key being charged
     * @param tier the value of the annotation's {@code tier} expression, or {@code null} when it
     *     has none
     */
    RateLimitConfig resolve(String limiter, String key, String tier);
}
