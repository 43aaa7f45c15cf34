package dev.resilience.core.ratelimit.internal;

import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.time.TimeSource;

/**
 * The settings shared by every counter of one window limit, precomputed once.
 *
 * <p>Windows are aligned on the moment the limit was created ({@link #origin}), the same for every
 * key, so a counter evicted while idle and created again later is indistinguishable from the one
 * it replaces. A window lasts as long as the bucket takes to refill its capacity, so the window
 * limit and the token bucket with the same settings have the same sustained rate.
 */
final class WindowShape {
    final RateLimitConfig config;
    final TimeSource time;
    final long origin;
    final long capacity;
    /** Length of one window in nanoseconds. */
    final long window;

    WindowShape(RateLimitConfig config, TimeSource time) {
        this.config = config;
        this.time = time;
        this.origin = time.nanoTime();
        this.capacity = config.capacity();
        this.window = Math.max(new RefillRate(config).nanosFor(capacity), 1);
    }

    /** Nanoseconds since the origin. */
    long now() {
        return time.nanoTime() - origin;
    }

    /** {@code windows} whole windows, in nanoseconds, capped at the refill horizon. */
    long windows(long windows) {
        return Math.min(Arithmetic.mulDivFloor(windows, window, 1), RefillRate.HORIZON);
    }

    /** What is left of a count after {@code windows} windows have each absorbed a capacity. */
    long debtLeft(long count, long windows) {
        return windows > count / capacity ? 0 : count - capacity * windows;
    }
}
