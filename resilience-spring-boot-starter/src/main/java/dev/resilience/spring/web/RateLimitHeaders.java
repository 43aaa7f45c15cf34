package dev.resilience.spring.web;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimitConfig;
import java.time.Duration;

/**
 * Writes the HTTP header values for rate limit decisions: {@code Retry-After} in whole seconds,
 * and the IETF {@code RateLimit} and {@code RateLimit-Policy} fields as structured-field lists.
 *
 * <p>{@code RateLimit-Policy: "chat";q=100;w=60} states the quota {@code q} (the capacity) and the
 * window {@code w} in seconds over which a full quota comes back. {@code RateLimit:
 * "chat";r=0;t=12} states the remaining permits {@code r} and, in {@code t}, the seconds until the
 * call may be retried (on a rejection) or until the quota is full again (on a permitted call).
 */
public final class RateLimitHeaders {

    /** Header field name of the current state. */
    public static final String RATE_LIMIT = "RateLimit";

    /** Header field name of the policy. */
    public static final String RATE_LIMIT_POLICY = "RateLimit-Policy";

    private RateLimitHeaders() {}

    /** Whole seconds, rounded up and at least 1, as {@code Retry-After} wants them. */
    public static long retryAfterSeconds(Duration duration) {
        long nanos = duration.toNanos();
        long seconds = nanos / 1_000_000_000L + (nanos % 1_000_000_000L == 0 ? 0 : 1);
        return Math.max(1, seconds);
    }

    /** The {@code RateLimit} field for a decision of limiter {@code name}. */
    public static String rateLimit(String name, Decision decision) {
        long seconds =
                decision.allowed() ? ceilSeconds(decision.resetAfterNanos()) : retryAfterSeconds(decision.retryAfter());
        return quoted(name) + ";r=" + decision.remaining() + ";t=" + seconds;
    }

    /** The {@code RateLimit-Policy} field for limiter {@code name} with settings {@code config}. */
    public static String policy(String name, RateLimitConfig config) {
        // The window is the time a fully drained bucket takes to refill: capacity / rate.
        double seconds = config.capacity() / config.permitsPerSecond();
        long window = Math.max(1, (long) Math.ceil(seconds));
        return quoted(name) + ";q=" + config.capacity() + ";w=" + window;
    }

    private static long ceilSeconds(long nanos) {
        return nanos / 1_000_000_000L + (nanos % 1_000_000_000L == 0 ? 0 : 1);
    }

    private static String quoted(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
