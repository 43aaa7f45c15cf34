package dev.resilience.core.ratelimit.internal;

import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.time.TimeSource;

/**
 * A fixed window counter: at most {@code capacity} permits per window, the count starting afresh
 * at each window boundary.
 *
 * <p>It does <em>not</em> keep the token bucket's invariant: a burst at the end of one window and
 * another at the start of the next admit {@code 2 x capacity} permits within an instant. In any
 * interval of length {@code L} it admits at most {@code 2 x capacity + rate x L}, that is at most
 * one capacity more than {@code capacity + rate x L}.
 */
public final class FixedWindow extends WindowLimiter {

    FixedWindow(WindowShape shape) {
        super(shape);
    }

    /** Creates an empty counter. */
    public static FixedWindow create(RateLimitConfig config, TimeSource time) {
        return new FixedWindow(new WindowShape(config, time));
    }

    @Override
    long used(long previous, long current, long elapsed) {
        return current;
    }

    @Override
    long retryAfter(long previous, long current, long elapsed, long permits) {
        long capacity = shape.capacity;
        long windows = Math.max(1, ceilDiv(current + permits - capacity, capacity));
        return Math.min(shape.windows(windows - 1) + shape.window - elapsed, RefillRate.HORIZON);
    }

    @Override
    long resetAfter(long previous, long current, long elapsed) {
        if (current == 0) {
            return 0;
        }
        long windows = ceilDiv(current, shape.capacity);
        return Math.min(shape.windows(windows - 1) + shape.window - elapsed, RefillRate.HORIZON);
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
