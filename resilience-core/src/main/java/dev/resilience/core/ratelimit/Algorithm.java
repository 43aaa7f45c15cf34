package dev.resilience.core.ratelimit;

/**
 * The rate limiting algorithms this library implements, all behind {@link RateLimiter} and chosen
 * by {@link RateLimitConfig#algorithm()}.
 *
 * <p>The promise "in any interval of length {@code L}, at most {@code capacity + rate x L} permits
 * are granted" holds for {@link #TOKEN_BUCKET}, {@link #LEAKY_BUCKET} and {@link #SLIDING_WINDOW};
 * {@link #FIXED_WINDOW} may exceed it by one capacity ({@code 2 x capacity} around a window
 * boundary). Permits granted with a wait ({@link Decision#waitNanos()}) are counted at the end of
 * their wait. The property tests in this module check each claim on random traffic.
 */
public enum Algorithm {
    /**
     * Token bucket (the default): bursts up to the capacity, refilled continuously at the rate.
     * Implemented as a generic cell rate algorithm on one {@code long}: a granted request costs one
     * clock read and one compare-and-set, a rejection writes nothing. With a maximum wait, a request
     * may reserve permits still refilling and is told how long to wait for them.
     */
    TOKEN_BUCKET,

    /**
     * Leaky bucket: calls leave at a constant rate; a caller is told how long to wait for its
     * turn, up to the configured maximum wait, or is rejected. Without a maximum wait there is no
     * burst: a call is granted only when the previous ones have leaked out.
     */
    LEAKY_BUCKET,

    /**
     * Fixed window: at most the capacity per window (the time the capacity takes to refill);
     * allows up to twice the capacity around a window boundary. Never asks a caller to wait.
     */
    FIXED_WINDOW,

    /**
     * Sliding window: a weighted two-window counter that smooths the fixed window's boundary
     * burst; see the error bound in the Javadoc of {@code SlidingWindowCounter}: at most twice the
     * capacity in one window length against an exact log, never more than {@code capacity + rate x
     * L}. Never asks a caller to wait.
     */
    SLIDING_WINDOW
}
