package dev.resilience.spring;

import dev.resilience.core.ratelimit.Algorithm;
import java.time.Duration;

/**
 * Limit settings given where a limiter is used (the attributes of a {@code @RateLimited}
 * annotation), which configuration properties override setting by setting. A {@code null}
 * component is unset.
 *
 * @param source where the values were declared, for error messages
 * @param algorithm the algorithm, or {@code null}
 * @param capacity the capacity, or {@code null}
 * @param rate the permits per period, or {@code null}
 * @param period the refill period, or {@code null}
 */
public record RateLimitDefaults(String source, Algorithm algorithm, Long capacity, Long rate, Duration period) {

    /** No values: the limiter is defined by configuration alone. */
    public static RateLimitDefaults none(String source) {
        return new RateLimitDefaults(source, null, null, null, null);
    }
}
