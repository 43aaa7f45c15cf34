package dev.resilience.core.ratelimit;

/** The rate limiting algorithms this library implements, all behind {@link RateLimiter}. */
public enum Algorithm {
    /**
     * Token bucket (the default): bursts up to the capacity, refilled continuously at the rate.
     * Implemented as a generic cell rate algorithm on one {@code long}.
     */
    TOKEN_BUCKET,

    /**
     * Leaky bucket: calls leave at a constant rate; a caller is told how long to wait for its
     * turn, up to the configured maximum wait, or is rejected.
     */
    LEAKY_BUCKET,

    /** Fixed window: a counter per window of one period; allows a burst at window boundaries. */
    FIXED_WINDOW,

    /** Sliding window: a weighted two-window counter that smooths the fixed window's boundary. */
    SLIDING_WINDOW
}
