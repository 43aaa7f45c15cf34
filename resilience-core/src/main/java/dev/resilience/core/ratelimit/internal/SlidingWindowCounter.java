package dev.resilience.core.ratelimit.internal;

import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.time.TimeSource;

/**
 * A sliding window counter: the count of the current window plus the previous window's count
 * weighted by the share of the previous window that the sliding window still covers (rounded
 * up), at most {@code capacity}.
 *
 * <p>Error bound. The weighting assumes the previous window's permits were spread evenly. When
 * they came at its end, the counter admits more than an exact log of the last window would: up to
 * {@code capacity + f x previous} in the window ending at fraction {@code f} of the current one,
 * so at most {@code 2 x capacity} in any window length (approached only as {@code f} nears 1). When
 * they came at its start, it admits fewer than an exact log would. Against the token bucket's
 * promise it is exact: in any interval of length {@code L} it never admits more than {@code
 * capacity + rate x L}, because each window holds at most a capacity and the weighted share of the
 * previous window never exceeds what the rate refills over the elapsed fraction.
 *
 * <p>Rounding the weight up is what keeps that promise, and it makes small capacities stricter
 * than the rate: a single permit in the previous window weighs 1 until that window's share runs
 * out entirely, so at capacity 1 a steady caller gets one permit every two windows.
 */
public final class SlidingWindowCounter extends WindowLimiter {

    SlidingWindowCounter(WindowShape shape) {
        super(shape);
    }

    /** Creates an empty counter. */
    public static SlidingWindowCounter create(RateLimitConfig config, TimeSource time) {
        return new SlidingWindowCounter(new WindowShape(config, time));
    }

    @Override
    long used(long previous, long current, long elapsed) {
        return Arithmetic.saturatedAdd(weighted(previous, elapsed), current);
    }

    @Override
    long retryAfter(long previous, long current, long elapsed, long permits) {
        long capacity = shape.capacity;
        long room = capacity - permits - current;
        if (room >= 0) {
            return fitsAt(previous, room) - elapsed;
        }
        long windows = Math.max(1, FixedWindow.ceilDiv(current + permits - capacity, capacity));
        long laterPrevious = Math.min(capacity, shape.debtLeft(current, windows - 1));
        long laterRoom = capacity - permits - shape.debtLeft(current, windows);
        long untilThatWindow = shape.windows(windows - 1) + shape.window - elapsed;
        return Math.min(untilThatWindow + fitsAt(laterPrevious, laterRoom), RefillRate.HORIZON);
    }

    @Override
    long resetAfter(long previous, long current, long elapsed) {
        if (current == 0) {
            return previous == 0 ? 0 : shape.window - elapsed;
        }
        long windows = FixedWindow.ceilDiv(current, shape.capacity);
        return Math.min(shape.windows(windows) + shape.window - elapsed, RefillRate.HORIZON);
    }

    /** The previous window's count weighted by the share still covered, rounded up. */
    private long weighted(long previous, long elapsed) {
        return previous == 0 ? 0 : Arithmetic.mulDivCeil(previous, shape.window - elapsed, shape.window);
    }

    /**
     * The earliest offset into a window at which {@code previous}, weighted, fits in {@code room}:
     * {@code ceil(previous x (W - e) / W) <= room} holds exactly when {@code e >= W - floor(room x W
     * / previous)}.
     */
    private long fitsAt(long previous, long room) {
        if (previous == 0) {
            return 0;
        }
        return Math.max(shape.window - Arithmetic.mulDivFloor(room, shape.window, previous), 0);
    }
}
