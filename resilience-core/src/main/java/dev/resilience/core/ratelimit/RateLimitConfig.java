package dev.resilience.core.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one rate limit: how many permits it holds and how fast they come back.
 *
 * <p>The limit admits bursts of up to {@code capacity} permits and, sustained, {@code
 * refillPermits} per {@code refillPeriod}. Every value is checked on construction; an invalid
 * one raises an {@link IllegalArgumentException} that names the setting, the value and the
 * allowed range.
 *
 * @param algorithm the algorithm that enforces the limit
 * @param capacity the most permits available at once, from 1 to {@value #MAX_CAPACITY}
 * @param refillPermits permits added per {@code refillPeriod}, from 1 to {@value #MAX_CAPACITY}
 * @param refillPeriod the period over which {@code refillPermits} come back, from 1 ns to 366
 *     days
 * @param maxWait how long a caller may be asked to wait for permits; zero (the default) means
 *     callers are never parked and are rejected instead. It applies to the token and leaky
 *     buckets; the window algorithms never ask a caller to wait
 */
public record RateLimitConfig(
        Algorithm algorithm, long capacity, long refillPermits, Duration refillPeriod, Duration maxWait) {

    /** The largest capacity or refill amount accepted, {@code Long.MAX_VALUE / 2}. */
    public static final long MAX_CAPACITY = Long.MAX_VALUE / 2;

    /** The longest refill period accepted. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    /** Checks every setting and names the first invalid one. */
    public RateLimitConfig {
        Objects.requireNonNull(algorithm, "algorithm must not be null");
        Objects.requireNonNull(refillPeriod, "refillPeriod must not be null");
        Objects.requireNonNull(maxWait, "maxWait must not be null");
        requireInRange("capacity", capacity);
        requireInRange("refillPermits", refillPermits);
        if (refillPeriod.isNegative() || refillPeriod.isZero() || refillPeriod.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException(
                    "refillPeriod must be between 1ns and " + MAX_PERIOD.toDays() + " days, but was " + refillPeriod);
        }
        if (maxWait.isNegative() || maxWait.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException(
                    "maxWait must be between 0 and " + MAX_PERIOD.toDays() + " days, but was " + maxWait);
        }
    }

    /**
     * Creates a token bucket that holds {@code permits} and refills them all over {@code period},
     * the usual reading of "N per period".
     */
    public static RateLimitConfig perPeriod(long permits, Duration period) {
        return new RateLimitConfig(Algorithm.TOKEN_BUCKET, permits, permits, period, Duration.ZERO);
    }

    /** Returns a copy with another algorithm. */
    public RateLimitConfig withAlgorithm(Algorithm newAlgorithm) {
        return new RateLimitConfig(newAlgorithm, capacity, refillPermits, refillPeriod, maxWait);
    }

    /** Returns a copy with another capacity. */
    public RateLimitConfig withCapacity(long newCapacity) {
        return new RateLimitConfig(algorithm, newCapacity, refillPermits, refillPeriod, maxWait);
    }

    /** Returns a copy with another maximum wait. */
    public RateLimitConfig withMaxWait(Duration newMaxWait) {
        return new RateLimitConfig(algorithm, capacity, refillPermits, refillPeriod, newMaxWait);
    }

    /** The sustained rate, in permits per second. */
    public double permitsPerSecond() {
        return refillPermits * 1e9 / refillPeriod.toNanos();
    }

    private static void requireInRange(String setting, long value) {
        if (value < 1 || value > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    setting + " must be between 1 and " + MAX_CAPACITY + ", but was " + value);
        }
    }
}
