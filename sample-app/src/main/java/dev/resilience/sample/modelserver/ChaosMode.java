package dev.resilience.sample.modelserver;

/** What the chaos switch makes a model do. */
public enum ChaosMode {
    /** Answer normally. */
    HEALTHY,
    /** Answer every request with a server error (HTTP 5xx). */
    FAIL,
    /** Answer normally after an extra delay. */
    SLOW,
    /** Refuse every request with {@code 429 Too Many Requests} and a {@code Retry-After}. */
    THROTTLE
}
