package dev.resilience.core.ratelimit.internal;

import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.time.TimeSource;

/**
 * The settings shared by every bucket of one limit, precomputed once: the token and leaky
 * buckets keep a single {@code long} each and read everything else from here.
 *
 * <p>Bucket states are nanoseconds since {@link #origin}, the moment the limit was created, so a
 * live state is never negative and a negative value can mark a retired bucket.
 */
final class GcraShape {
    final RateLimitConfig config;
    final TimeSource time;
    final long origin;
    final RefillRate rate;
    final long capacity;
    /** Nanoseconds to refill one permit. */
    final long interval;
    /** Nanoseconds to refill the whole capacity: the most backlog a bucket may hold. */
    final long tau;
    /** The configured maximum wait, in nanoseconds. */
    final long maxWait;

    GcraShape(RateLimitConfig config, TimeSource time) {
        this.config = config;
        this.time = time;
        this.origin = time.nanoTime();
        this.rate = new RefillRate(config);
        this.capacity = config.capacity();
        this.interval = rate.nanosFor(1);
        this.tau = rate.nanosFor(capacity);
        this.maxWait = config.maxWait().toNanos();
    }

    /** Nanoseconds since the origin. */
    long now() {
        return time.nanoTime() - origin;
    }

    /** Nanoseconds needed to refill {@code permits}. */
    long cost(long permits) {
        return permits == 1 ? interval : rate.nanosFor(permits);
    }

    /** The largest request that fits when the bucket is {@code backlog} nanos short of full. */
    long remaining(long backlog) {
        long spare = tau - backlog;
        return spare <= 0 ? 0 : Math.min(capacity, rate.permitsIn(spare));
    }
}
