package dev.resilience.core.ratelimit.internal;

import dev.resilience.core.ratelimit.RateLimitConfig;

/**
 * Converts between permits and the nanoseconds it takes to refill them, exactly and without
 * overflow, for rates from one per year to well beyond one per nanosecond.
 *
 * <p>Every conversion rounds in the limiter's favour: time to refill rounds up, permits earned in
 * a time round down. Results are capped at {@link #HORIZON}, about 73 years, which bounds the
 * burst a limiter can hold to 73 years of refill (only absurd settings ever reach it).
 */
final class RefillRate {

    /** The longest span of time any limiter state represents, {@code Long.MAX_VALUE / 4} ns. */
    static final long HORIZON = Long.MAX_VALUE / 4;

    private final long periodNanos;
    private final long permits;

    RefillRate(RateLimitConfig config) {
        this.periodNanos = config.refillPeriod().toNanos();
        this.permits = config.refillPermits();
    }

    /** Nanoseconds needed to refill {@code n} permits, rounded up, at most {@link #HORIZON}. */
    long nanosFor(long n) {
        return Math.min(Arithmetic.mulDivCeil(n, periodNanos, permits), HORIZON);
    }

    /** Whole permits refilled in {@code nanos} (not negative), rounded down. */
    long permitsIn(long nanos) {
        return Arithmetic.mulDivFloor(nanos, permits, periodNanos);
    }
}
