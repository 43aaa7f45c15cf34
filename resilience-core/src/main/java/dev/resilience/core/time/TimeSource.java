package dev.resilience.core.time;

/**
 * Source of monotonic time for every algorithm in this library.
 *
 * <p>Only {@link #system()} reads the real clock; everything else is given time through this
 * interface, so tests can drive the algorithms with a {@link ManualTimeSource} and never sleep.
 * Values are nanoseconds from an arbitrary origin and may be negative: compare them only by
 * subtraction ({@code a - b > 0}), never with {@code <} on the raw values.
 */
@FunctionalInterface
public interface TimeSource {

    /** Returns the current value of this time source, in nanoseconds from an arbitrary origin. */
    long nanoTime();

    /** Returns the time source backed by {@link System#nanoTime()}. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
