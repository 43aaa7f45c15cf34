package dev.resilience.core.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A time source that moves only when told to, for tests and simulations.
 *
 * <p>It starts far from zero by default (close to {@code Long.MAX_VALUE / 2}, a few years before
 * the signed overflow) so that code which compares raw nanosecond values instead of differences,
 * or which overflows when adding durations, fails in tests rather than in production.
 */
public final class ManualTimeSource implements TimeSource {

    /** The default starting point: large and positive, so overflow bugs show up. */
    public static final long DEFAULT_START = Long.MAX_VALUE / 2;

    private final AtomicLong now;

    private ManualTimeSource(long start) {
        this.now = new AtomicLong(start);
    }

    /** Creates a time source at {@link #DEFAULT_START}. */
    public static ManualTimeSource create() {
        return new ManualTimeSource(DEFAULT_START);
    }

    /** Creates a time source at the given nanosecond value. */
    public static ManualTimeSource startingAt(long nanos) {
        return new ManualTimeSource(nanos);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Moves time forward by the given amount, which must not be negative. */
    public void advance(Duration amount) {
        advanceNanos(amount.toNanos());
    }

    /** Moves time forward by the given number of nanoseconds, which must not be negative. */
    public void advanceNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("Time cannot go backwards: advance by " + nanos + " ns");
        }
        now.addAndGet(nanos);
    }
}
